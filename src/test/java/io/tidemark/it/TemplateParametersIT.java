package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A parameter name the table-sync template does not declare is an error wherever the tables are read: at start-up,
 * in --check and in a live edit. A misspelled modifier would otherwise silently make a full-refresh table.
 */
class TemplateParametersIT {

    private static final String PROBLEM = "table 'products': unknown parameter 'modifer'; did you mean 'modifier'? "
            + "parameters of table-sync: [table, schedule, targetTable, primaryKey, modifier, batchSize, "
            + "initialValue, lag, maxLag";

    @Test
    void aMisspelledParameterStopsStartUpAndFailsCheckWithTheClosestValidName() throws Exception {
        SyncFixture f = products("params_start");
        // batchSize, a camelCase name, is valid: Camel's dashed copy of it (batch-size) is not reported
        TidemarkApp app = f.app(table("table", "products", "modifer", "changed", "batchSize", "10"));

        TidemarkApp.Result once = app.once();
        assertEquals(2, once.exitCode(), once.output());
        assertTrue(once.output().contains(PROBLEM), once.output());
        assertFalse(once.output().contains("batch-size"), once.output());
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = 'products'"), "the table was not created");

        TidemarkApp.Result check = app.start("--check").awaitExit(Duration.ofSeconds(60));
        assertEquals(1, check.exitCode(), check.output());
        assertTrue(check.output().contains("products: " + PROBLEM), check.output());
    }

    @Test
    void aMisspelledParameterInALiveEditIsRejectedAndTheTableKeepsItsSettings() throws Exception {
        SyncFixture f = products("params_live");
        Api api = Api.onFreePort();
        String good = table("table", "products", "modifier", "changed", "schedule", "1s", "lag", "0s");
        TidemarkApp app = f.app(good).option(api.portOption()).option("-Dtidemark.tables.watch-interval=500ms").start();
        try {
            TidemarkApp.await(Duration.ofSeconds(60), () -> f.target.count("SELECT COUNT(*) FROM products") == 2,
                    "products synced");
            app.editTables(table("table", "products", "modifer", "changed", "schedule", "1s"));
            TidemarkApp.await(Duration.ofSeconds(20), () -> "rejected".equals(state(api)), "the edit rejected");
            assertTrue(api.get("/api/tables-file").json().at("/problems/0").asText().startsWith(PROBLEM),
                    api.get("/api/tables-file").body());
            assertEquals("changed", api.table("products").get("modifier").asText(), "still incremental");
        } finally {
            app.stop();
        }
    }

    private static String state(Api api) {
        try {
            return api.get("/api/tables-file").json().get("state").asText();
        } catch (Exception notUp) {
            return "";
        }
    }

    private static SyncFixture products(String name) throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, name);
        f.source.execute("CREATE TABLE products (id INT PRIMARY KEY, changed DATETIME(6))",
                "INSERT INTO products VALUES (1, NOW(6)), (2, NOW(6))");
        return f;
    }
}
