package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Verification while Tidemark runs: the table parameter {@code verify} (a schedule), {@code POST .../verify}, the
 * last verification in the API, its metrics, and the mass-delete guard in the table's health.
 */
class ScheduledVerifyIT {

    private static final String TOKEN = "it-token-verify-0123456789";
    private static final String CREATE = "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50) NULL, "
            + "updated_at DATETIME(6) NOT NULL, KEY (updated_at))";
    private static final String FILL = "INSERT INTO items (id, name, updated_at) "
            + "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
            + "SELECT i, CONCAT('item ', i), NOW(6) - INTERVAL 1 HOUR - INTERVAL i MINUTE FROM n";
    // Distinct, old modifier values: runs re-read only the rows within lag (5 s) of the newest (id 1), so the rows
    // the tests change behind the watermark are not copied by a run.

    /** The table's lastVerification from the API; null while there is none (or the server does not answer). */
    private static JsonNode lastVerification(Api api) {
        JsonNode table = api.table("items");
        JsonNode last = table == null ? null : table.path("lastVerification");
        return last == null || last.isNull() || last.isMissingNode() ? null : last;
    }

    @Test
    void aScheduledVerificationRepairsWhatItFindsAndCountsIt() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "verify_scheduled");
        f.source.execute(CREATE, FILL);
        Api api = Api.onFreePort();
        TidemarkApp app = f.app(table("table", "items", "modifier", "updated_at", "schedule", "500ms",
                "verify", "3s")).option(api.portOption()).start();
        try {
            TidemarkApp.await(Duration.ofSeconds(60), () -> AlertsIT.metric(api,
                    "tidemark_runs_total{outcome=\"ok\",table=\"items\"}") >= 1, "the first run");
            f.source.execute("DELETE FROM items WHERE id = 5",
                    "UPDATE items SET name = 'behind the watermark' WHERE id = 7"); // modifier unchanged
            f.target.execute("UPDATE items SET name = 'edited by hand' WHERE id = 8",
                    "DELETE FROM items WHERE id = 1999");

            try {
                TidemarkApp.await(Duration.ofSeconds(60), () -> AlertsIT.metric(api,
                        "tidemark_verify_repaired_rows_total{action=\"deleted\",table=\"items\"}") >= 1
                        && AlertsIT.metric(api,
                        "tidemark_verify_repaired_rows_total{action=\"written\",table=\"items\"}") >= 3,
                        "a scheduled verification that repairs the four rows");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + app.output(), e);
            }

            f.assertSameRows("items", "id", "id", "name", "updated_at");
            assertTrue(AlertsIT.metric(api, "tidemark_verify_differences_total{kind=\"changed\",table=\"items\"}") >= 2);
            assertTrue(AlertsIT.metric(api, "tidemark_verify_differences_total{kind=\"extra\",table=\"items\"}") >= 1);
            JsonNode last = lastVerification(api);
            assertTrue(last != null && last.get("rows").asLong() >= 1999, String.valueOf(last));
            assertTrue(app.output().contains("(verification, scheduled)"), "its line is logged");
        } finally {
            app.stop();
        }
    }

    @Test
    void anApiVerificationRespectsTheMassDeleteGuardWhichHealthShowsUntilForced() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "verify_api");
        f.source.execute(CREATE, FILL);
        Api api = Api.onFreePort().reading(TOKEN);
        TidemarkApp app = f.app(table("table", "items", "modifier", "updated_at", "schedule", "1h"))
                .option(api.portOption()).option("-Dtidemark.api.token=" + TOKEN).start();
        try {
            TidemarkApp.await(Duration.ofSeconds(60), () -> f.target.count("SELECT COUNT(*) FROM items") == 2000,
                    "the first run");
            assertEquals(null, lastVerification(api), "no verification without a verify schedule");
            f.source.execute("DELETE FROM items WHERE id > 1700");

            assertEquals(401, api.post("/api/tables/items/verify", null).status());
            Api.Response started = api.post("/api/tables/items/verify", TOKEN);
            assertEquals(202, started.status(), started.body());
            TidemarkApp.await(Duration.ofSeconds(60), () -> lastVerification(api) != null, "the verification");

            JsonNode refused = lastVerification(api);
            assertEquals("differs", refused.get("outcome").asText(), refused.toString());
            assertEquals(300, refused.get("extra").asLong());
            assertTrue(refused.get("deletesRefused").asText().startsWith("300 of the target's 2,000 rows (15.0%)"),
                    refused.toString());
            assertEquals(2000, f.target.count("SELECT COUNT(*) FROM items"));
            Api.Response health = api.get("/observe/health/ready?data=true");
            assertEquals(503, health.status(), health.body());
            assertTrue(health.body().contains("the last verification's deletes were refused"), health.body());
            assertEquals(1.0, AlertsIT.metric(api, "tidemark_verify_deletes_refused{table=\"items\"}"));

            // The last verification outlives a restart: the API and health show it again, the refusal included.
            app.stop();
            app.start();
            TidemarkApp.await(Duration.ofSeconds(60), () -> lastVerification(api) != null, "the app, again");
            JsonNode kept = lastVerification(api);
            assertEquals(refused.get("started").asText(), kept.get("started").asText(), kept.toString());
            assertEquals(300, kept.get("extra").asLong(), kept.toString());
            assertEquals(refused.get("deletesRefused").asText(), kept.get("deletesRefused").asText());
            TidemarkApp.await(Duration.ofSeconds(30), () -> {
                try {
                    return api.get("/observe/health/ready?data=true").body()
                            .contains("the last verification's deletes were refused");
                } catch (Exception e) {
                    return false;
                }
            }, "the refusal in health after the restart");

            assertEquals(400, api.post("/api/tables/items/verify?force=maybe", TOKEN).status());
            assertEquals(202, api.post("/api/tables/items/verify?force=true", TOKEN).status());
            TidemarkApp.await(Duration.ofSeconds(60), () -> {
                JsonNode last = lastVerification(api);
                return last != null && "repaired".equals(last.path("outcome").asText());
            }, "the forced verification");

            assertEquals(1700, f.target.count("SELECT COUNT(*) FROM items"));
            assertEquals(300, lastVerification(api).get("repaired").get("deleted").asLong());
            TidemarkApp.await(Duration.ofSeconds(20), () -> {
                try {
                    return api.get("/observe/health/ready").status() == 200;
                } catch (Exception e) {
                    return false;
                }
            }, "health UP again");
            assertFalse(api.get("/observe/health/ready?data=true").body().contains("deletes.refused"));
        } finally {
            app.stop();
        }
    }
}
