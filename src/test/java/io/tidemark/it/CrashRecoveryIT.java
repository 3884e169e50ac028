package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CrashRecoveryIT {

    private static final int ROWS = 40_000;

    private static SyncFixture withRows(Server server, String name) throws Exception {
        SyncFixture f = new SyncFixture(server, name);
        f.source.execute("CREATE TABLE events (id INT PRIMARY KEY, payload VARCHAR(100), "
                        + "updated_at DATETIME(6) NOT NULL, KEY (updated_at))",
                "INSERT INTO events WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + ROWS + ") "
                        + "SELECT i, REPEAT(CHAR(65 + i % 26), 1 + i % 90), NOW(6) - INTERVAL 1 HOUR FROM n");
        return f;
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void aProcessKilledDuringTheFirstLoadResumesWithNothingLostOrCountedTwice(Server server) throws Exception {
        SyncFixture f = withRows(server, "crash_initial");
        TidemarkApp app = f.app(table("table", "events", "modifier", "updated_at", "batchSize", "50", "schedule", "1h"));

        app.start();
        TidemarkApp.await(Duration.ofSeconds(60), () -> f.rowsSynced("events") >= 2_000, "some batches to commit");
        app.kill();
        long atKill = f.rowsSynced("events");
        TidemarkApp.Result rerun = app.once();

        assertEquals(0, rerun.exitCode(), rerun.output());
        f.assertSameRows("events", "id", "id", "payload", "updated_at");
        assertEquals(ROWS, f.state("events", "rows_synced"), "killed at " + atKill + " rows");
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void aProcessKilledDuringAnIncrementalRunResumesFromTheCommittedWatermark(Server server) throws Exception {
        SyncFixture f = withRows(server, "crash_incremental");
        TidemarkApp app = f.app(table("table", "events", "modifier", "updated_at", "batchSize", "50", "schedule", "1h"));
        assertEquals(0, app.once().exitCode());
        // The changes are stamped a second in the past: wait until that is past the first load's mark too, or
        // they would be late rows behind the watermark, written but (by design) not counted in rows_synced.
        Thread.sleep(1_500);
        f.source.execute("UPDATE events SET payload = CONCAT('v2 ', id), updated_at = NOW(6) + INTERVAL id MICROSECOND "
                + "- INTERVAL 1 SECOND");

        app.start();
        TidemarkApp.await(Duration.ofSeconds(60), () -> f.rowsSynced("events") >= ROWS + 2_000, "some batches to commit");
        app.kill();
        TidemarkApp.Result rerun = app.once();

        assertEquals(0, rerun.exitCode(), rerun.output());
        f.assertSameRows("events", "id", "id", "payload", "updated_at");
        assertEquals(2L * ROWS, f.state("events", "rows_synced"));
    }
    /**
     * A resync copies into a staging table swapped in at the end: readers keep the old table meanwhile, a process
     * killed half way resumes the resync (not the old position), and rows deleted at the source leave the target.
     */
    @ParameterizedTest
    @EnumSource(value = Server.class, names = "MARIADB_11_4")
    void aProcessKilledDuringAResyncResumesItAndTheTargetEndsIdenticalWithoutDeletedRows(Server server)
            throws Exception {
        SyncFixture f = withRows(server, "crash_resync");
        TidemarkApp app = f.app(table("table", "events", "modifier", "updated_at", "batchSize", "50", "schedule", "1h"))
                .option("-Dtidemark.bulk.batch-rows=500");
        assertEquals(0, app.once().exitCode());
        // Behind Tidemark's back: deletes, and changes that keep their modifier. Only a resync can see them.
        f.source.execute("DELETE FROM events WHERE id % 10 = 0",
                "UPDATE events SET payload = 'changed behind the watermark' WHERE id % 7 = 0");
        int left = ROWS - ROWS / 10;

        app.start("--resync", "events");
        TidemarkApp.await(Duration.ofSeconds(60), () -> "resync".equals(f.target.value(
                "SELECT phase FROM _tidemark_state WHERE table_name = 'events'")) && f.rowsSynced("events") >= 2_000,
                "some resync batches to commit");
        app.kill();

        assertEquals(ROWS, f.target.count("SELECT COUNT(*) FROM events"), "readers keep the old table until the swap");
        assertEquals("resync", f.target.value("SELECT phase FROM _tidemark_state WHERE table_name = 'events'"));
        TidemarkApp.Result rerun = app.once();

        assertEquals(0, rerun.exitCode(), rerun.output());
        f.assertSameRows("events", "id", "id", "payload", "updated_at");
        assertEquals(left, f.state("events", "rows_synced"), "the resumed resync counts every row once");
        assertEquals("incremental", f.target.value("SELECT phase FROM _tidemark_state WHERE table_name = 'events'"));
    }
}
