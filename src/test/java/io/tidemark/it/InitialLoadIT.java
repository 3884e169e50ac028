package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InitialLoadIT {

    @ParameterizedTest
    @EnumSource(Server.class)
    void theFirstRunCopiesEveryRowIncludingRowsWithoutAModifier(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "initial");
        f.source.execute("CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer INT NOT NULL, "
                        + "amount DECIMAL(12,2), note VARCHAR(200), updated_at DATETIME(6) NULL, KEY (updated_at))",
                "INSERT INTO orders (customer, amount, note, updated_at) "
                        + "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500) "
                        + "SELECT i % 97, i * 1.25, IF(i % 10 = 0, NULL, CONCAT('note ', i)), "
                        + "IF(i % 100 = 0, NULL, TIMESTAMP('2024-01-01 00:00:00') + INTERVAL i SECOND + INTERVAL i MICROSECOND) "
                        + "FROM n");

        TidemarkApp.Result result = f.app(table("table", "orders", "modifier", "updated_at", "batchSize", "300")).once();

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("orders: ok, 2500 rows"), result.output());
        f.assertSameRows("orders", "id", "id", "customer", "amount", "note", "updated_at");
        assertEquals(25, f.state("orders", "invisible_rows"), "rows with a NULL modifier are reported");
        assertEquals(2500, f.state("orders", "rows_synced"));
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM orders WHERE _tidemark_load_id = '' OR _tidemark_row_id = ''"));
        assertEquals(1, f.target.count("SELECT COUNT(DISTINCT _tidemark_load_id) FROM orders"));
        assertEquals(2500, f.target.count("SELECT COUNT(DISTINCT _tidemark_row_id) FROM orders"));
        assertEquals("ok", f.target.value("SELECT status FROM _tidemark_loads WHERE table_name = 'orders'"));
    }
}
