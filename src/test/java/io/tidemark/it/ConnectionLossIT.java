package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Transient failures on the target are retried with back-off, never dead-lettered, and lose nothing. */
class ConnectionLossIT {

    private static final int ROWS = 30_000;

    @Test
    void connectionsKilledMidBatchAreRetriedAndEveryRowArrivesCountedOnce() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "killed");
        f.source.execute("CREATE TABLE events (id INT PRIMARY KEY, payload VARCHAR(100), updated_at DATETIME(6) NOT NULL, "
                        + "KEY (updated_at))",
                "INSERT INTO events WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + ROWS + ") "
                        + "SELECT i, REPEAT('x', 1 + i % 90), NOW(6) - INTERVAL 1 HOUR FROM n");
        TidemarkApp app = f.app(table("table", "events", "modifier", "updated_at", "batchSize", "100", "schedule", "2s"))
                .option("-Dtidemark.retry.first-delay-ms=100")
                // Bulk pages as small as the batch size: enough batches for the kills to land mid-run.
                .option("-Dtidemark.bulk.batch-rows=1");
        app.start();
        try {
            int kills = 0;
            while (kills < 5) {
                long done = f.rowsSynced("events");
                if (done >= ROWS) {
                    break;
                }
                if (done > 0) {
                    // Cut every connection Tidemark holds on the target, as a network fault or a DBA would.
                    List<List<String>> sessions = f.target.rows("SELECT ID FROM information_schema.PROCESSLIST "
                            + "WHERE DB = DATABASE() AND ID <> CONNECTION_ID()");
                    for (List<String> session : sessions) {
                        try {
                            f.target.execute("KILL " + session.get(0));
                        } catch (IllegalStateException alreadyGone) {
                            // it ended by itself
                        }
                    }
                    kills++;
                }
                Thread.sleep(300);
            }
            TidemarkApp.await(Duration.ofSeconds(120), () -> f.rowsSynced("events") >= ROWS
                    && f.target.count("SELECT COUNT(*) FROM events") == ROWS, "every row");
        } finally {
            app.stop();
        }
        f.assertSameRows("events", "id", "id", "payload", "updated_at");
        assertEquals(ROWS, f.state("events", "rows_synced"));
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM _tidemark_dead_letters"));
        assertTrue(app.output().contains("events: transient failure, retry 1 of 5"), app.output());
        // A connection lost under LOAD DATA once surfaced as a NullPointerException from the driver's clean-up: the
        // run failed instead of retrying the batch.
        assertFalse(app.output().contains("run failed"), app.output());
    }
}
