package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The REST API on the management server: reading is open, every POST needs the token. */
class ApiIT {

    private static final String TOKEN = "it-token-0123456789abcdef";
    private static final List<String> ACTIONS = List.of("run", "resync", "pause", "resume", "dead-letters/replay");

    @Test
    void getShowsEveryTableAndItsDeadLettersPagedAndAnUnknownTableIs404ListingTheConfiguredOnes() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "apiget");
        notesWithTwoRejectedRows(f);
        f.source.execute("CREATE TABLE items (id INT PRIMARY KEY, v INT)", "INSERT INTO items VALUES (1, 1), (2, 2)");
        Api api = Api.onFreePort();
        TidemarkApp app = f.app(table("table", "notes", "modifier", "updated_at", "schedule", "1h"),
                table("table", "items", "schedule", "1h")).option(api.portOption())
                .option("-Dcamel.management.host=127.0.0.1").start();
        try {
            TidemarkApp.await(Duration.ofSeconds(60), () -> ran(api, "notes") && ran(api, "items"), "first runs");
            assertTrue(app.output().contains("HttpServer started on 127.0.0.1:" + api.port()), "the address set");

            Api.Response list = api.get("/api/tables");
            assertEquals(200, list.status(), list.body());
            assertEquals(2, list.json().size(), list.body());
            JsonNode items = list.json().get(0);
            assertEquals("items", items.get("table").asText());
            assertEquals("full refresh", items.get("mode").asText());
            assertEquals(2, items.get("rowsSynced").asLong(), list.body());
            JsonNode notes = api.table("notes");
            assertEquals("incremental", notes.get("mode").asText());
            assertEquals("updated_at", notes.get("modifier").asText());
            assertEquals("ok", notes.get("status").asText(), notes.toString());
            assertEquals(8, notes.get("rowsSynced").asLong(), notes.toString());
            assertEquals(2, notes.get("deadLetters").asLong(), notes.toString());
            assertFalse(notes.get("paused").asBoolean());
            assertEquals("ok", notes.at("/lastRun/outcome").asText(), notes.toString());
            assertTrue(notes.at("/watermark/modifier").asText().startsWith("20"), notes.toString());
            assertEquals(60, notes.get("rowsPerMinute").size());

            JsonNode first = api.get("/api/tables/notes/dead-letters?limit=1").json();
            assertEquals(2, first.get("total").asLong(), first.toString());
            assertEquals(1, first.get("items").size());
            assertEquals("3", first.at("/items/0/key/0").asText(), first.toString());
            assertEquals("this body is longer than the target allows", first.at("/items/0/content/body").asText());
            assertTrue(first.at("/items/0/error").asText().contains("1406"), first.toString());
            JsonNode second = api.get("/api/tables/notes/dead-letters?offset=1&limit=1").json();
            assertEquals("7", second.at("/items/0/key/0").asText(), second.toString());

            Api.Response unknown = api.get("/api/tables/nope");
            assertEquals(404, unknown.status());
            assertEquals("unknown table 'nope'; configured tables: [items, notes]", unknown.json().get("message").asText());
            Api.Response badLimit = api.get("/api/tables/notes/dead-letters?limit=0");
            assertEquals(400, badLimit.status());
            assertTrue(badLimit.json().get("message").asText().startsWith("limit must be a whole number"), badLimit.body());
            Api.Response unknownPost = api.post("/api/tables/nope/run", null);
            assertNotNull(unknownPost.json().get("message"), unknownPost.body());
            Api.Response unknownPath = api.get("/api/tables/notes/nothing");
            assertEquals(404, unknownPath.status());
            assertEquals("no GET /api/tables/notes/nothing in this API; its paths are listed in /api/openapi.json",
                    unknownPath.json().get("message").asText());
            Api.Response delete = api.delete("/api/tables/notes");
            assertEquals(405, delete.status(), delete.body());
            assertEquals("DELETE is not allowed on /api/tables/notes; allowed: GET (see /api/openapi.json)",
                    delete.json().get("message").asText());
            Api.Response getPause = api.get("/api/tables/notes/pause");
            assertEquals(405, getPause.status(), getPause.body());

            Api.Response openApi = api.get("/api/openapi.json");
            assertEquals(200, openApi.status());
            assertEquals("3.0.3", openApi.json().get("openapi").asText());
            assertTrue(openApi.json().get("paths").has("/api/tables/{table}/dead-letters/replay"));
        } finally {
            app.stop();
        }
    }

    @Test
    void aPostWithoutOrWithAWrongTokenChangesNothingAndWithNoTokenSetPostsAreDisabled() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "apitoken");
        notesWithTwoRejectedRows(f);
        Api api = Api.onFreePort().reading(TOKEN);
        TidemarkApp app = f.app(table("table", "notes", "modifier", "updated_at", "schedule", "1h"))
                .option(api.portOption()).option("-Dtidemark.api.token=" + TOKEN).start();
        String before;
        try {
            TidemarkApp.await(Duration.ofSeconds(60), () -> ran(api, "notes"), "the first run");
            before = everythingAbout(f);
            String lastRun = api.table("notes").get("lastRun").toString();

            for (String action : ACTIONS) {
                for (String token : new String[] {null, "wrong", TOKEN + "x", ""}) {
                    Api.Response refused = api.post("/api/tables/notes/" + action, token);
                    assertEquals(401, refused.status(), action + " with " + token + ": " + refused.body());
                    assertTrue(refused.json().get("message").asText().contains("Authorization: Bearer"), refused.body());
                    assertFalse(refused.body().contains(TOKEN), "the token is never echoed");
                }
            }
            Thread.sleep(2000); // a run the refused POSTs had started would have begun by now
            assertEquals(before, everythingAbout(f));
            assertEquals(lastRun, api.table("notes").get("lastRun").toString());
            assertFalse(api.table("notes").get("paused").asBoolean());
        } finally {
            app.stop();
        }

        Api open = Api.onFreePort();
        TidemarkApp untokened = f.app(table("table", "notes", "modifier", "updated_at", "schedule", "1h"))
                .option(open.portOption()).start();
        try {
            TidemarkApp.await(Duration.ofSeconds(60), () -> ran(open, "notes"), "the first run");
            String again = everythingAbout(f);
            for (String action : ACTIONS) {
                Api.Response disabled = open.post("/api/tables/notes/" + action, TOKEN);
                assertEquals(403, disabled.status(), disabled.body());
                assertTrue(disabled.json().get("message").asText().contains("set the environment variable "
                        + "TIDEMARK_API_TOKEN"), disabled.body());
            }
            Thread.sleep(2000);
            assertEquals(again, everythingAbout(f));
        } finally {
            untokened.stop();
        }
    }

    @Test
    void runStartsARunAtOnceAndIsRefusedWhileOneIsInFlightWhichShowsItsProgress() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "apirun");
        f.source.execute("CREATE TABLE big (id INT PRIMARY KEY, v INT, changed DATETIME(6), KEY (changed))",
                "INSERT INTO big WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 8000) "
                        + "SELECT i, i, NOW(6) - INTERVAL 1 HOUR FROM n");
        Api api = Api.onFreePort().reading(TOKEN);
        // Incremental from the start (initialValue), 20 rows per batch: a run long enough to watch.
        TidemarkApp app = f.app(table("table", "big", "modifier", "changed", "schedule", "1h", "batchSize", "20",
                        "initialValue", "2000-01-01 00:00:00"))
                .option(api.portOption()).option("-Dtidemark.api.token=" + TOKEN)
                .option("-Dtidemark.progress.interval=1s").start();
        try {
            TidemarkApp.await(Duration.ofSeconds(60), () -> {
                JsonNode big = api.table("big");
                return big != null && big.at("/progress/rowsDone").asLong() > 0;
            }, "the first run in flight");
            try (TableLock held = new TableLock(f.target, "big")) { // the run waits at its next batch, however fast
                TidemarkApp.await(Duration.ofSeconds(20), () -> api.table("big").at("/progress/estimatedTotal")
                        .asLong() > 0, "an estimate");
                JsonNode running = api.table("big");
                assertEquals("running", running.get("status").asText(), running.toString());
                assertEquals("incremental", running.at("/progress/mode").asText());
                assertEquals(8000, running.at("/progress/estimatedTotal").asLong(), running.toString());
                assertTrue(running.at("/progress/rowsPerSecond").asDouble() > 0, running.toString());

                Api.Response refused = api.post("/api/tables/big/run", TOKEN);
                assertEquals(409, refused.status(), refused.body());
                assertTrue(refused.json().get("message").asText().contains("in flight"), refused.body());
                TidemarkApp.await(Duration.ofSeconds(20), () -> logged(app, "big: incremental, "), "a progress line");
                assertTrue(app.output().matches("(?s).*big: incremental, [\\d,]+ of about 8,000 rows \\(\\d+%\\), "
                        + "[\\d,]+ rows/s, about \\S+.* left.*"), app.output());
            }

            TidemarkApp.await(Duration.ofSeconds(180), () -> ran(api, "big"), "the first run to finish");
            String firstStart = api.table("big").at("/lastRun/started").asText();
            f.source.execute("UPDATE big SET v = -v, changed = NOW(6) WHERE id <= 5");

            Api.Response run = api.post("/api/tables/big/run", TOKEN);
            assertEquals(202, run.status(), run.body());
            assertEquals("run started", run.json().get("message").asText());
            TidemarkApp.await(Duration.ofSeconds(30), () -> {
                JsonNode big = api.table("big");
                return big != null && !big.at("/lastRun/started").asText().equals(firstStart)
                        && big.get("progress").isNull();
            }, "the run the POST started");
            assertEquals(5, api.table("big").at("/lastRun/rows").asLong());
            f.assertSameRows("big", "id", "id", "v", "changed");
        } finally {
            app.stop();
        }
    }

    @Test
    void aPausedTableSkipsItsRunsStaysPausedAfterARestartAndCatchesUpWhenResumed() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "apipause");
        f.source.execute("CREATE TABLE items (id INT PRIMARY KEY, v INT, changed DATETIME(6))",
                "INSERT INTO items VALUES (1, 1, NOW(6) - INTERVAL 1 MINUTE)");
        Api api = Api.onFreePort().reading(TOKEN);
        TidemarkApp app = f.app(table("table", "items", "modifier", "changed", "schedule", "1s", "lag", "0s"))
                .option(api.portOption()).option("-Dtidemark.api.token=" + TOKEN).start();
        try {
            TidemarkApp.await(Duration.ofSeconds(60), () -> ran(api, "items"), "the first run");
            Api.Response paused = api.post("/api/tables/items/pause", TOKEN);
            assertEquals(200, paused.status(), paused.body());
            TidemarkApp.await(Duration.ofSeconds(10), () -> api.table("items").get("progress").isNull(), "no run in flight");
            f.source.execute("INSERT INTO items VALUES (2, 2, NOW(6))");
            Thread.sleep(3000);
            assertEquals(1, f.target.count("SELECT COUNT(*) FROM items"), "a paused table is not synced");
            assertEquals("paused", api.table("items").get("status").asText());
            Api.Response health = api.get("/observe/health/ready?data=true");
            assertTrue(health.body().contains("items: paused; runs are skipped until it is resumed"), health.body());
            assertEquals(409, api.post("/api/tables/items/run", TOKEN).status());
        } finally {
            app.stop();
        }

        TidemarkApp restarted = f.app(table("table", "items", "modifier", "changed", "schedule", "1s", "lag", "0s"))
                .option(api.portOption()).option("-Dtidemark.api.token=" + TOKEN).start();
        try {
            TidemarkApp.await(Duration.ofSeconds(60), () -> api.table("items") != null, "the API after the restart");
            Thread.sleep(3000);
            assertTrue(api.table("items").get("paused").asBoolean(), "the pause survives a restart");
            assertEquals(1, f.target.count("SELECT COUNT(*) FROM items"));

            Api.Response resumed = api.post("/api/tables/items/resume", TOKEN);
            assertEquals(200, resumed.status(), resumed.body());
            TidemarkApp.await(Duration.ofSeconds(20), () -> f.target.count("SELECT COUNT(*) FROM items") == 2,
                    "the resumed table to catch up");
            assertFalse(api.table("items").get("paused").asBoolean());
        } finally {
            restarted.stop();
        }
    }

    @Test
    void replayWritesTheDeadLettersOnceFixedAndResyncCopiesTheTableAgain() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "apiresync");
        notesWithTwoRejectedRows(f);
        Api api = Api.onFreePort().reading(TOKEN);
        TidemarkApp app = f.app(table("table", "notes", "modifier", "updated_at", "schedule", "1h"))
                .option(api.portOption()).option("-Dtidemark.api.token=" + TOKEN).start();
        try {
            TidemarkApp.await(Duration.ofSeconds(60), () -> ran(api, "notes"), "the first run");
            f.target.execute("ALTER TABLE notes MODIFY body VARCHAR(50) NOT NULL");
            Api.Response replay = api.post("/api/tables/notes/dead-letters/replay", TOKEN);
            assertEquals(202, replay.status(), replay.body());
            assertEquals("replay of 2 dead letters started with a run", replay.json().get("message").asText());
            TidemarkApp.await(Duration.ofSeconds(30), () -> api.table("notes").get("deadLetters").asLong() == 0,
                    "the dead letters written");
            f.assertSameRows("notes", "id", "id", "body", "updated_at");

            // Rows changed behind Tidemark's back, with a modifier it has already passed: only a resync sees them.
            f.target.execute("UPDATE notes SET body = 'tampered'");
            TidemarkApp.await(Duration.ofSeconds(10), () -> api.table("notes").get("progress").isNull(), "no run in flight");
            String lastStart = api.table("notes").at("/lastRun/started").asText();

            Api.Response resync = api.post("/api/tables/notes/resync", TOKEN);
            assertEquals(202, resync.status(), resync.body());
            TidemarkApp.await(Duration.ofSeconds(30), () -> !api.table("notes").at("/lastRun/started").asText()
                    .equals(lastStart) && api.table("notes").get("progress").isNull(), "the resync run");
            assertEquals(0, f.target.count("SELECT COUNT(*) FROM notes WHERE body = 'tampered'"));
            assertEquals(10, f.state("notes", "rows_synced"));
            f.assertSameRows("notes", "id", "id", "body", "updated_at");
        } finally {
            app.stop();
        }
    }

    /** Ten notes, rows 3 and 7 too long for the target's narrowed column: they become dead letters. */
    private static void notesWithTwoRejectedRows(SyncFixture f) {
        f.source.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(50) NOT NULL, "
                        + "updated_at DATETIME(6) NOT NULL, KEY (updated_at))",
                "INSERT INTO notes WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) "
                        + "SELECT i, IF(i IN (3, 7), 'this body is longer than the target allows', CONCAT('n', i)), "
                        + "NOW(6) - INTERVAL 1 HOUR FROM n");
        f.target.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(10) NOT NULL, updated_at DATETIME(6) NOT NULL, "
                + "_tidemark_load_id VARCHAR(64) NOT NULL, _tidemark_row_id VARCHAR(128) NOT NULL)");
    }

    private static boolean logged(TidemarkApp app, String text) {
        try {
            return app.output().contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** True once the table has finished a run since start-up. */
    private static boolean ran(Api api, String table) {
        JsonNode t = api.table(table);
        return t != null && t.hasNonNull("lastRun") && t.get("progress").isNull();
    }

    /** The target's state, loads, dead letters and paused tables, as text, to compare before and after. */
    private static String everythingAbout(SyncFixture f) {
        return String.join("\n", f.target.rows("SELECT table_name, phase, last_modifier, last_key, rows_synced, "
                        + "last_load_id, status, updated_at FROM _tidemark_state").toString(),
                f.target.rows("SELECT * FROM _tidemark_loads ORDER BY load_id").toString(),
                f.target.rows("SELECT id, attempts, last_failed_at FROM _tidemark_dead_letters ORDER BY id").toString(),
                f.target.rows("SELECT * FROM _tidemark_paused").toString(),
                f.target.rows("SELECT * FROM notes ORDER BY id").toString());
    }
}
