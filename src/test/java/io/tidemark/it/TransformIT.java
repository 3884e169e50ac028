package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A table's {@code transform} route gets each batch before it is written (docs/shaping.md). */
class TransformIT {

    private static final Server SERVER = Server.MARIADB_11_4;

    private static SyncFixture customers(String name) {
        try {
            SyncFixture f = new SyncFixture(SERVER, name);
            f.source.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40), email VARCHAR(80), "
                            + "updated_at DATETIME(6) NOT NULL, KEY (updated_at))",
                    "INSERT INTO customers WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) "
                            + "SELECT i, CONCAT('name ', i), IF(i = 50, NULL, CONCAT('person', i, '@example.com')), "
                            + "NOW(6) - INTERVAL 1 HOUR FROM n");
            return f;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static TidemarkApp withRoute(SyncFixture f, String route, String file, String content) throws Exception {
        TidemarkApp app = f.app(table("table", "customers", "modifier", "updated_at", "batchSize", "30",
                "transform", route));
        Files.writeString(app.workDir().resolve("routes").resolve(file), content);
        return app;
    }

    @Test
    void theExampleRouteMasksEmailsBeforeTheyAreWritten() throws Exception {
        SyncFixture f = customers("transform_mask");
        TidemarkApp app = withRoute(f, "direct:mask-emails", "mask-emails.camel.yaml",
                Files.readString(Path.of("routes/examples/mask-emails.camel.yaml")));

        TidemarkApp.Result run = app.once();

        assertEquals(0, run.exitCode(), run.output());
        assertEquals(List.of(List.of("1", "name 1", "***@example.com"), java.util.Arrays.asList("50", "name 50", null),
                        List.of("100", "name 100", "***@example.com")),
                f.target.rows("SELECT id, name, email FROM customers WHERE id IN (1, 50, 100) ORDER BY id"));
        assertEquals(99, f.target.count("SELECT COUNT(*) FROM customers WHERE email = '***@example.com'"));
        assertEquals(100, f.rowsSynced("customers"), "the watermark moved over every row read");
        assertEquals(0, f.source.count("SELECT COUNT(*) FROM customers WHERE email LIKE '***%'"));
    }

    @Test
    void aRouteMayDropAndEnrichRows() throws Exception {
        SyncFixture f = customers("transform_drop");
        TidemarkApp app = withRoute(f, "direct:first-fifty", "first-fifty.camel.yaml", """
                - route:
                    from:
                      uri: direct:first-fifty
                      steps:
                        - split:
                            simple: "${body}"
                            aggregationStrategy: "#class:org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy"
                            steps:
                              - choice:
                                  when:
                                    - simple: "${body[id]} > 50"
                                      steps:
                                        - setBody:
                                            simple: "${null}"
                                  otherwise:
                                    steps:
                                      - script:
                                          simple: "${body.put('name', 'from ${header.tidemarkTable}')}"
                """);

        TidemarkApp.Result run = app.once();

        assertEquals(0, run.exitCode(), run.output());
        assertEquals(50, f.target.count("SELECT COUNT(*) FROM customers"));
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM customers WHERE id > 50"));
        assertEquals(50, f.target.count("SELECT COUNT(*) FROM customers WHERE name = 'from customers'"));
        assertEquals(100, f.rowsSynced("customers"));
    }

    @Test
    void aFailingRouteDeadLettersTheBatchsRowsWithTheReasonAndTheRunGoesOn() throws Exception {
        SyncFixture f = customers("transform_fails");
        TidemarkApp app = withRoute(f, "direct:picky", "picky.camel.yaml", """
                - route:
                    from:
                      uri: direct:picky
                      steps:
                        - filter:
                            simple: "${body[0][id]} == 31"
                            steps:
                              - throwException:
                                  exceptionType: java.lang.IllegalArgumentException
                                  message: "no customers from 31 on"
                """);

        TidemarkApp.Result run = app.once();

        assertEquals(0, run.exitCode(), run.output());
        // batches of 30: rows 31..60 are the failing batch; the others are written
        assertEquals(70, f.target.count("SELECT COUNT(*) FROM customers"));
        assertEquals(30, f.target.count("SELECT COUNT(*) FROM _tidemark_dead_letters WHERE table_name = 'customers'"));
        String error = f.target.value("SELECT error FROM _tidemark_dead_letters WHERE row_key = '[\"31\"]'");
        assertTrue(error.contains("transform direct:picky failed") && error.contains("no customers from 31 on"), error);
        assertEquals(100, f.rowsSynced("customers"), "the watermark moved past the dead-lettered rows");
    }
}
