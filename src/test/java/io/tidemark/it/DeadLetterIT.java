package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeadLetterIT {

    @ParameterizedTest
    @EnumSource(Server.class)
    void aRowTheTargetRejectsIsDeadLetteredTheRestIsWrittenAndReplayWritesItOnceFixed(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "dead");
        f.source.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(50) NOT NULL, "
                        + "updated_at DATETIME(6) NOT NULL, KEY (updated_at))",
                "INSERT INTO notes WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
                        + "SELECT i, IF(i IN (17, 500), 'this body is longer than the target allows', CONCAT('n', i)), "
                        + "NOW(6) - INTERVAL 1 HOUR FROM n");
        // The target column was narrowed by hand: two rows cannot be written as they are.
        f.target.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(10) NOT NULL, updated_at DATETIME(6) NOT NULL, "
                + "_tidemark_load_id VARCHAR(64) NOT NULL, _tidemark_row_id VARCHAR(128) NOT NULL)");
        TidemarkApp app = f.app(table("table", "notes", "modifier", "updated_at", "batchSize", "250"));

        TidemarkApp.Result first = app.once();

        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.output().contains("notes: ok, 998 rows"), first.output());
        assertTrue(first.output().contains("2 dead letters"), first.output());
        assertEquals(998, f.target.count("SELECT COUNT(*) FROM notes"));
        assertEquals("[\"17\"],[\"500\"]", f.target.value(
                "SELECT GROUP_CONCAT(row_key ORDER BY id) FROM _tidemark_dead_letters WHERE table_name = 'notes'"));
        String content = f.target.value("SELECT row_content FROM _tidemark_dead_letters WHERE row_key = '[\"17\"]'");
        assertTrue(content.contains("\"body\":\"this body is longer than the target allows\""), content);
        assertTrue(f.target.value("SELECT error FROM _tidemark_dead_letters LIMIT 1").contains("1406"));

        f.target.execute("ALTER TABLE notes MODIFY body VARCHAR(50) NOT NULL");
        TidemarkApp.Result replay = app.start("--replay", "notes").awaitExit();

        assertEquals(0, replay.exitCode(), replay.output());
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM _tidemark_dead_letters"));
        f.assertSameRows("notes", "id", "id", "body", "updated_at");
    }

    @org.junit.jupiter.api.Test
    void aRowRejectedAtEveryRunKeepsOneDeadLetterCountingAttemptsResolvedOnceItIsWritten() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "dead_once");
        f.source.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(50) NOT NULL, updated_at DATETIME(6) NOT NULL)",
                "INSERT INTO notes VALUES (1, 'fine', NOW(6)), (2, 'this body is longer than the target allows', NOW(6)), "
                        + "(3, 'fine', NOW(6)), (4, 'this one is too long as well, sadly', NOW(6))");
        f.target.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(10) NOT NULL, updated_at DATETIME(6) NOT NULL, "
                + "_tidemark_load_id VARCHAR(64) NOT NULL, _tidemark_row_id VARCHAR(128) NOT NULL)");
        // Every run reads the rows again: they stay inside the hour-long lag window.
        TidemarkApp app = f.app(table("table", "notes", "modifier", "updated_at", "schedule", "1s", "lag", "1h")).start();
        try {
            TidemarkApp.await(java.time.Duration.ofSeconds(60), () -> f.target.count(
                    "SELECT COALESCE(MIN(attempts), 0) FROM _tidemark_dead_letters") >= 3, "three runs rejecting both rows");
            assertEquals(2, f.target.count("SELECT COUNT(*) FROM _tidemark_dead_letters"), "one dead letter per key");
            assertEquals(2, f.target.count("SELECT COUNT(*) FROM notes"));

            f.target.execute("ALTER TABLE notes MODIFY body VARCHAR(50) NOT NULL");
            TidemarkApp.await(java.time.Duration.ofSeconds(30), () -> f.target.count("SELECT COUNT(*) FROM notes") == 4
                    && f.target.count("SELECT COUNT(*) FROM _tidemark_dead_letters") == 0,
                    "the rows written at the next run and their dead letters resolved");
        } finally {
            app.stop();
        }
        String log = app.output();
        assertEquals(2, log.split("rejected by the target, kept in the dead-letter table", -1).length - 1,
                "one WARN per row, not one per run: " + log);
        f.assertSameRows("notes", "id", "id", "body", "updated_at");
    }
}
