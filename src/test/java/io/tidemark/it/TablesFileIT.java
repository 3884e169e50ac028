package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edits of routes/tables.camel.yaml take effect while Tidemark runs, or are rejected without harm. */
class TablesFileIT {

    private static final Duration SECONDS = Duration.ofSeconds(20);

    @Test
    void aTableAddedChangedOrRemovedInTheFileIsAddedChangedOrRemovedWithoutARestart() throws Exception {
        SyncFixture f = twoTables("live");
        Api api = Api.onFreePort();
        String a = table("table", "a", "modifier", "changed", "schedule", "1s", "lag", "0s");
        TidemarkApp app = f.app(a).option(api.portOption()).option("-Dtidemark.tables.watch-interval=500ms").start();
        try {
            TidemarkApp.await(Duration.ofSeconds(60), () -> rows(f, "a") == 3, "a synced");

            app.editTables(a + "\n" + table("table", "b", "schedule", "1s"));
            TidemarkApp.await(SECONDS, () -> tableNames(api).equals(List.of("a", "b")), "b in the API");
            TidemarkApp.await(SECONDS, () -> rows(f, "b") == 2, "b synced");
            assertTrue(app.output().contains("applied without a restart: added b"), app.output());
            assertEquals("applied", api.get("/api/tables-file").json().get("state").asText());

            app.editTables(table("table", "a", "modifier", "changed", "schedule", "2s", "lag", "0s", "batchSize", "7")
                    + "\n" + table("table", "b", "schedule", "1s"));
            TidemarkApp.await(SECONDS, () -> api.table("a") != null && api.table("a").get("batchSize").asInt() == 7,
                    "a's new settings in the API");
            assertEquals("2s", api.table("a").get("schedule").asText());
            f.source.execute("INSERT INTO a VALUES (4, NOW(6))");
            TidemarkApp.await(SECONDS, () -> rows(f, "a") == 4, "a synced after the change");

            app.editTables(table("table", "a", "modifier", "changed", "schedule", "2s", "lag", "0s", "batchSize", "7"));
            TidemarkApp.await(SECONDS, () -> tableNames(api).equals(List.of("a")), "b gone from the API");
            f.source.execute("INSERT INTO b VALUES (3)");
            f.source.execute("INSERT INTO a VALUES (5, NOW(6))");
            TidemarkApp.await(SECONDS, () -> rows(f, "a") == 5, "a still synced");
            Thread.sleep(2000);
            assertEquals(2, rows(f, "b"), "a removed table is no longer synced");
            assertFalse(api.get("/observe/health?data=true").body().contains("table:b"), "nor in health");
            assertFalse(api.get("/observe/metrics").body().contains("tidemark_since_last_success_seconds{table=\"b\"}"), "nor its gauges");
            assertTrue(app.output().contains("applied without a restart: changed a\n"), app.output());
            assertFalse(app.output().contains("already registered"), app.output());
        } finally {
            app.stop();
        }
    }

    @Test
    void aBrokenEditIsRejectedWithALogLineTheApiShowsItAndTheTablesKeepRunning() throws Exception {
        SyncFixture f = twoTables("broken");
        Api api = Api.onFreePort();
        String a = table("table", "a", "modifier", "changed", "schedule", "1s", "lag", "0s");
        TidemarkApp app = f.app(a).option(api.portOption()).option("-Dtidemark.tables.watch-interval=500ms").start();
        try {
            TidemarkApp.await(Duration.ofSeconds(60), () -> rows(f, "a") == 3, "a synced");

            app.editTables(a + "\n- templatedRoute: [ this is not\n");
            TidemarkApp.await(SECONDS, () -> "rejected".equals(state(api)), "the bad YAML rejected");
            assertTrue(app.output().contains("routes/tables.camel.yaml was not applied, the tables run as before: "
                    + "not valid YAML"), app.output());
            f.source.execute("INSERT INTO a VALUES (4, NOW(6))");
            TidemarkApp.await(SECONDS, () -> rows(f, "a") == 4, "a still synced");

            app.editTables(table("table", "a", "modifier", "nope", "schedule", "1s") + "\n" + table("table", "b"));
            TidemarkApp.await(SECONDS, () -> String.valueOf(problems(api)).contains("nope"), "the unknown column");
            JsonNode outcome = api.get("/api/tables-file").json();
            assertEquals("rejected", outcome.get("state").asText());
            assertEquals("table 'a': modifier column 'nope' is not a column of the source table; valid columns: "
                    + "[id, changed]", outcome.at("/problems/0").asText(), outcome.toString());
            assertTrue(app.output().contains("modifier column 'nope' is not a column"), app.output());
            assertEquals(List.of("a"), tableNames(api), "b, in the same edit, was not added either");
            assertEquals("changed", api.table("a").get("modifier").asText());
            f.source.execute("INSERT INTO a VALUES (5, NOW(6))");
            TidemarkApp.await(SECONDS, () -> rows(f, "a") == 5, "a still synced");

            app.editTables(a + "\n" + table("table", "b"));
            TidemarkApp.await(SECONDS, () -> "applied".equals(state(api)), "the fixed edit applied");
            TidemarkApp.await(SECONDS, () -> rows(f, "b") == 2, "b synced");
        } finally {
            app.stop();
        }
    }

    private static SyncFixture twoTables(String name) throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, name);
        f.source.execute("CREATE TABLE a (id INT PRIMARY KEY, changed DATETIME(6))",
                "INSERT INTO a VALUES (1, NOW(6)), (2, NOW(6)), (3, NOW(6))",
                "CREATE TABLE b (id INT PRIMARY KEY)", "INSERT INTO b VALUES (1), (2)");
        return f;
    }

    private static List<String> tableNames(Api api) {
        try {
            List<String> names = new ArrayList<>();
            api.get("/api/tables").json().forEach(t -> names.add(t.get("table").asText()));
            return names;
        } catch (Exception notUp) {
            return List.of();
        }
    }

    /** Rows of a target table; -1 before it exists. */
    private static long rows(SyncFixture f, String table) {
        try {
            return f.target.count("SELECT COUNT(*) FROM " + table);
        } catch (IllegalStateException notYet) {
            return -1;
        }
    }

    private static JsonNode problems(Api api) {
        try {
            return api.get("/api/tables-file").json().get("problems");
        } catch (Exception notUp) {
            return null;
        }
    }

    private static String state(Api api) {
        try {
            return api.get("/api/tables-file").json().get("state").asText();
        } catch (Exception notUp) {
            return "";
        }
    }
}
