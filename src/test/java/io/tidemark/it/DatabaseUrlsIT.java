package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Both database URLs or neither (the embedded demo); --check never starts the demo. */
class DatabaseUrlsIT {

    @Test
    void onlyTheSourceUrlStopsStartUpNamingTheMissingTargetVariableAndStartsNoDemo() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "urls");
        f.source.execute("CREATE TABLE t (id INT PRIMARY KEY)");
        TidemarkApp app = TidemarkApp.without("urls", f.source, null, table("table", "t"));

        for (String mode : new String[] {"--once", "--check"}) {
            TidemarkApp.Result result = app.start(mode).awaitExit(Duration.ofSeconds(60));
            assertEquals(2, result.exitCode(), result.output());
            assertTrue(result.output().contains("TARGET_DB_URL is not set (tidemark.target.url), but SOURCE_DB_URL "
                    + "is: set both to use your databases, or neither for the embedded demo"), result.output());
            assertFalse(result.output().contains("embedded demo (MariaDB"), result.output());
        }
        assertFalse(Files.exists(app.workDir().resolve(".tidemark")), "the demo's server was not started");
    }

    @Test
    void checkWithoutDatabasesSaysSoAndStartsNoDemo() throws Exception {
        TidemarkApp app = TidemarkApp.without("check_demo", null, null, table("table", "customers"));
        TidemarkApp.Result result = app.start("--check").awaitExit(Duration.ofSeconds(60));
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("--check checks your databases and does not start the embedded demo"),
                result.output());
        assertFalse(Files.exists(app.workDir().resolve(".tidemark")), "the demo's server was not started");
    }
}
