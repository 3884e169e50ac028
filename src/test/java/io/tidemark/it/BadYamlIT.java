package io.tidemark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A tables file that is not valid YAML stops start-up saying where the mistake is, as --check does. */
class BadYamlIT {

    @Test
    void badYamlAtStartUpNamesTheLineAndColumn() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "bad_yaml");
        String yaml = """
                - templatedRoute:
                    routeTemplateRef: table-sync
                    parameters:
                      - name: table
                        value: [ this is not
                """;
        for (String mode : new String[] {"--once", "--check"}) {
            TidemarkApp.Result result = f.app(yaml).start(mode).awaitExit(Duration.ofSeconds(60));
            assertEquals(2, result.exitCode(), result.output());
            assertTrue(result.output().contains("tables.camel.yaml"), result.output());
            assertTrue(result.output().matches("(?s).*line \\d+, column \\d+.*"), result.output());
        }
    }
}
