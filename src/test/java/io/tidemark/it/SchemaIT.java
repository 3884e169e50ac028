package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaIT {

    @ParameterizedTest
    @EnumSource(Server.class)
    void theTargetIsCreatedLikeTheSourceAndGainsTheColumnsTheSourceGains(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "schema");
        f.source.execute("CREATE TABLE people (id INT UNSIGNED PRIMARY KEY, name VARCHAR(30) NOT NULL, "
                        + "born DATE, score DECIMAL(7,3), updated TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), KEY (updated))",
                "INSERT INTO people (id, name, born, score) VALUES (1, 'Ann', '1990-02-03', 12.5), (2, 'Bo', NULL, NULL)");
        TidemarkApp app = f.app(table("table", "people", "modifier", "updated"));
        assertEquals(0, app.once().exitCode());
        String columns = "SELECT GROUP_CONCAT(CONCAT(COLUMN_NAME, ' ', COLUMN_TYPE, ' ', IS_NULLABLE) ORDER BY ORDINAL_POSITION) "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'people'";
        assertEquals(f.source.value(columns) + ",_tidemark_load_id varchar(64) NO,_tidemark_row_id varchar(128) NO",
                f.target.value(columns));

        f.source.execute("ALTER TABLE people ADD COLUMN email VARCHAR(100) NULL",
                // NOW(3), not "updated + 1 second": the first run may start seconds after the insert (a slow JVM
                // start), and a change stamped before the watermark's lag window is, by design, not read again.
                "UPDATE people SET email = 'ann@example.com', updated = NOW(3) WHERE id = 1");
        TidemarkApp.Result result = app.once();

        assertEquals(0, result.exitCode(), result.output());
        assertEquals("ann@example.com", f.target.value("SELECT email FROM people WHERE id = 1"));
        f.assertSameRows("people", "id", "id", "name", "born", "score", "updated", "email");
    }
}
