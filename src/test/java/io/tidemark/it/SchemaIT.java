package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    @ParameterizedTest
    @EnumSource(value = Server.class, names = {"MARIADB_11_4", "MYSQL_8_0"})
    void columnsTheSourceWidensAreWidenedInTheTargetBeforeTheRowsThatNeedItAreWritten(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "widen");
        f.source.execute("CREATE TABLE orders (id INT PRIMARY KEY, qty SMALLINT NOT NULL, note VARCHAR(10) NOT NULL, "
                        + "price DECIMAL(6,2) NOT NULL, state ENUM('new','paid') NOT NULL, updated DATETIME(6) NOT NULL, "
                        + "KEY (updated))",
                "INSERT INTO orders VALUES (1, 5, 'short', 9.99, 'new', NOW(6) - INTERVAL 1 MINUTE)");
        TidemarkApp app = f.app(table("table", "orders", "modifier", "updated"));
        assertEquals(0, app.once().exitCode());

        f.source.execute("ALTER TABLE orders MODIFY qty INT NOT NULL, MODIFY note VARCHAR(200) NULL, "
                        + "MODIFY price DECIMAL(12,4) NOT NULL, MODIFY state ENUM('new','paid','shipped') NOT NULL",
                "INSERT INTO orders VALUES (2, 100000, REPEAT('x', 150), 12345678.1234, 'shipped', NOW(6)), "
                        + "(3, 1, NULL, 1, 'paid', NOW(6))");
        TidemarkApp.Result result = app.once();

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Widened column note of target table orders from varchar(10) NOT NULL to "
                + "varchar(200)"), result.output());
        String columns = "SELECT GROUP_CONCAT(CONCAT(COLUMN_NAME, ' ', COLUMN_TYPE, ' ', IS_NULLABLE) ORDER BY ORDINAL_POSITION) "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'orders' "
                + "AND COLUMN_NAME NOT LIKE '\\_tidemark%'";
        assertEquals(f.source.value(columns), f.target.value(columns));
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM _tidemark_dead_letters"));
        f.assertSameRows("orders", "id", "id", "qty", "note", "price", "state", "updated");
    }
}
