package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every change of a table's phase on real servers: what a first load or a resync leaves as the position, a run that
 * fails or is killed (SIGKILL) at each transition, and a resumed load finishing in one {@code --once}. Each ends with
 * the target identical to the source and the exact {@code rows_synced}.
 */
class RunTransitionsIT {

    private static final String EVENTS = "CREATE TABLE events (id INT PRIMARY KEY, payload VARCHAR(100), "
            + "updated_at DATETIME(6) NULL, KEY (updated_at))";
    /** The target table as Tidemark would create it, made beforehand so that a test can lock it first. */
    private static final String TARGET_EVENTS = "CREATE TABLE events (id INT PRIMARY KEY, payload VARCHAR(100), "
            + "updated_at DATETIME(6) NULL, _tidemark_load_id VARCHAR(64) NOT NULL, "
            + "_tidemark_row_id VARCHAR(128) NOT NULL, KEY (updated_at))";

    /** {@code rows} rows, one minute apart on 2026-01-01 (long before the clock), every other one NULL if asked. */
    private static void rows(Database db, int from, int to, boolean halfNull) {
        db.execute("INSERT INTO events WITH RECURSIVE n(i) AS (SELECT " + from + " UNION ALL SELECT i + 1 FROM n "
                + "WHERE i < " + to + ") SELECT i, CONCAT('row ', i), " + (halfNull ? "IF(i % 2 = 0, NULL, " : "(")
                + "TIMESTAMP('2026-01-01 00:00:00') + INTERVAL i MINUTE) FROM n");
    }

    private static String phase(SyncFixture f) {
        return f.target.value("SELECT phase FROM _tidemark_state WHERE table_name = 'events'");
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void rowsWrittenAfterAFirstLoadAtTheHighestModifierOrBetweenItAndTheClockAreCopied(Server server)
            throws Exception {
        SyncFixture f = new SyncFixture(server, "after_load");
        f.source.execute(EVENTS);
        rows(f.source, 1, 100, false); // the highest modifier: row 100 at 01:40
        TidemarkApp app = f.app(table("table", "events", "modifier", "updated_at", "schedule", "1h"));
        assertEquals(0, app.once().exitCode());

        f.source.execute(
                // a tie at the highest modifier, with a larger key
                "INSERT INTO events VALUES (101, 'tie', '2026-01-01 01:40:00')",
                // a back-dated row (an import keeping its timestamps) above the highest, far below the clock
                "INSERT INTO events VALUES (102, 'imported', '2026-01-01 02:00:00')",
                // an update that sets the modifier explicitly, above the old highest
                "UPDATE events SET payload = 'explicit', updated_at = '2026-01-01 03:00:00' WHERE id = 7");
        TidemarkApp.Result second = app.once();

        assertEquals(0, second.exitCode(), second.output());
        f.assertSameRows("events", "id", "id", "payload", "updated_at");
    }

    @ParameterizedTest
    @EnumSource(value = Server.class, names = "MARIADB_10_11")
    void aFirstLoadThatFailsBeforeItsFirstCommitStaysAFirstLoadAndCopiesRowsWithANullModifier(Server server)
            throws Exception {
        SyncFixture f = new SyncFixture(server, "failed_load");
        f.source.execute(EVENTS);
        rows(f.source, 1, 100, true);
        f.target.execute(TARGET_EVENTS);
        // Tidemark's target sessions give up on a row lock after 1 s; one retry.
        TidemarkApp app = f.app(table("table", "events", "modifier", "updated_at", "schedule", "1h"))
                .option("-Dtidemark.target.url=" + f.target.url() + "?sessionVariables=innodb_lock_wait_timeout=1")
                .option("-Dtidemark.retry.attempts=1").option("-Dtidemark.retry.first-delay-ms=100");

        TidemarkApp.Result failed;
        try (Connection holder = f.target.connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) { // a gap lock: no row can be inserted into the table
                s.executeQuery("SELECT id FROM events FOR UPDATE").close();
            }
            failed = app.once();
            holder.rollback();
        }
        assertEquals(1, failed.exitCode(), failed.output());
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM events"));
        assertEquals("initial", phase(f), "a failed first load stays a first load");
        TidemarkApp.Result again = app.once();

        assertEquals(0, again.exitCode(), again.output());
        f.assertSameRows("events", "id", "id", "payload", "updated_at");
        assertEquals(100, f.state("events", "rows_synced"));
    }

    @ParameterizedTest
    @EnumSource(value = Server.class, names = "MARIADB_10_11")
    void aFirstLoadKilledTwiceWithSourceChangesInBetweenIsIdenticalToTheSourceAfterOneOnce(Server server)
            throws Exception {
        int total = 20_000;
        SyncFixture f = new SyncFixture(server, "killed_twice");
        f.source.execute(EVENTS);
        rows(f.source, 1, total, false);
        TidemarkApp app = f.app(table("table", "events", "modifier", "updated_at", "batchSize", "50",
                "schedule", "1h"));

        app.start();
        TidemarkApp.await(Duration.ofSeconds(60), () -> f.rowsSynced("events") >= 1_000, "some batches to commit");
        app.kill();
        // Rows the load has copied change (stamped by the clock, as an application would)
        f.source.execute("UPDATE events SET payload = 'changed once', updated_at = NOW(6) WHERE id <= 500");
        app.start();
        TidemarkApp.await(Duration.ofSeconds(60), () -> f.rowsSynced("events") >= 3_000, "more batches to commit");
        app.kill();
        f.source.execute("UPDATE events SET payload = 'changed twice', updated_at = NOW(6) WHERE id BETWEEN 501 AND 1000");
        assertEquals("initial", phase(f));
        TidemarkApp.Result once = app.once();

        assertEquals(0, once.exitCode(), once.output());
        f.assertSameRows("events", "id", "id", "payload", "updated_at");
        assertEquals(total + 1_000, f.state("events", "rows_synced"), "every row once, every changed row once more");
        assertEquals("incremental", phase(f));
    }

    @ParameterizedTest
    @EnumSource(value = Server.class, names = "MARIADB_10_11")
    void aFirstLoadKilledBeforeItsFirstCommitStartsAgainAndCopiesEveryRowOnce(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "kill_first");
        f.source.execute(EVENTS);
        rows(f.source, 1, 1_000, true);
        f.target.execute(TARGET_EVENTS);
        TidemarkApp app = f.app(table("table", "events", "modifier", "updated_at", "batchSize", "100",
                "schedule", "1h"));

        try (Connection holder = f.target.connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeQuery("SELECT id FROM events FOR UPDATE").close();
            }
            app.start();
            TidemarkApp.await(Duration.ofSeconds(60), () -> waitingForARowLock(f), "the first batch to wait for the lock");
            app.kill();
            killRowLockWaits(f);
            holder.rollback();
        }
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM events"));
        TidemarkApp.Result once = app.once();

        assertEquals(0, once.exitCode(), once.output());
        f.assertSameRows("events", "id", "id", "payload", "updated_at");
        assertEquals(1_000, f.state("events", "rows_synced"));
        assertEquals("incremental", phase(f));
    }

    @ParameterizedTest
    @EnumSource(value = Server.class, names = "MARIADB_10_11")
    void aFirstLoadKilledWhileItsLastBatchWaitsResumesWithEveryRowCountedOnce(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "kill_last");
        f.source.execute(EVENTS);
        rows(f.source, 1, 1_000, true);
        f.target.execute(TARGET_EVENTS, // a row the target already holds: the load upserts, and this row waits
                "INSERT INTO events VALUES (1000, 'older', NULL, 'before', 'row 1000')");
        TidemarkApp app = f.app(table("table", "events", "modifier", "updated_at", "batchSize", "100",
                "schedule", "1h"));

        try (Connection holder = f.target.connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeQuery("SELECT id FROM events WHERE id = 1000 FOR UPDATE").close();
            }
            app.start();
            TidemarkApp.await(Duration.ofSeconds(60), () -> f.rowsSynced("events") == 900 && waitingForARowLock(f),
                    "the last batch to wait for the lock");
            app.kill();
            killRowLockWaits(f);
            holder.rollback();
        }
        assertEquals("initial", phase(f));
        TidemarkApp.Result once = app.once();

        assertEquals(0, once.exitCode(), once.output());
        f.assertSameRows("events", "id", "id", "payload", "updated_at");
        assertEquals(1_000, f.state("events", "rows_synced"));
        assertEquals("incremental", phase(f));
    }

    @ParameterizedTest
    @EnumSource(value = Server.class, names = "MARIADB_10_11")
    void aResyncKilledDuringItsSwapIsCompletedByTheNextRunWithEveryRowCountedOnce(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "kill_resync_swap");
        f.source.execute(EVENTS);
        rows(f.source, 1, 1_000, true);
        TidemarkApp app = f.app(table("table", "events", "modifier", "updated_at", "batchSize", "100",
                "schedule", "1h"));
        assertEquals(0, app.once().exitCode());
        f.source.execute("DELETE FROM events WHERE id % 10 = 0",
                "UPDATE events SET payload = 'changed behind the watermark' WHERE id % 7 = 0");

        killDuringSwap(f, app, "--resync", "events");
        assertEquals("resync", phase(f));
        assertEquals(1_000, f.target.count("SELECT COUNT(*) FROM events"), "readers keep the old table");
        TidemarkApp.Result once = app.once();

        assertEquals(0, once.exitCode(), once.output());
        f.assertSameRows("events", "id", "id", "payload", "updated_at");
        assertEquals(900, f.state("events", "rows_synced"));
        assertEquals("incremental", phase(f));
    }

    @ParameterizedTest
    @EnumSource(value = Server.class, names = "MARIADB_10_11")
    void aFullRefreshKilledDuringItsSwapLeavesTheOldTableAndTheNextRunReplacesIt(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "kill_full_swap");
        f.source.execute(EVENTS);
        rows(f.source, 1, 1_000, true);
        TidemarkApp app = f.app(table("table", "events", "batchSize", "100", "schedule", "1h"));
        assertEquals(0, app.once().exitCode());
        f.source.execute("DELETE FROM events WHERE id % 10 = 0", "UPDATE events SET payload = 'changed' WHERE id % 7 = 0");

        killDuringSwap(f, app);
        assertEquals(1_000, f.target.count("SELECT COUNT(*) FROM events"), "readers keep the old table");
        TidemarkApp.Result once = app.once();

        assertEquals(0, once.exitCode(), once.output());
        f.assertSameRows("events", "id", "id", "payload", "updated_at");
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'events\\_\\_%'"), "no staging table is left");
    }

    /**
     * Starts the app with {@code args} while an open transaction that read the target table holds its metadata
     * lock: the copy goes on in the staging table, and the swap (RENAME TABLE) waits; the app is killed there.
     */
    private static void killDuringSwap(SyncFixture f, TidemarkApp app, String... args) throws Exception {
        try (Connection holder = f.target.connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeQuery("SELECT COUNT(*) FROM events").close();
            }
            app.start(args);
            TidemarkApp.await(Duration.ofSeconds(60), () -> f.target.count("SELECT COUNT(*) FROM "
                    + "information_schema.PROCESSLIST WHERE INFO LIKE 'RENAME TABLE%'") > 0, "the swap to wait");
            app.kill();
            killWaiting(f, "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'RENAME TABLE%'");
            holder.rollback();
        }
        assertNotEquals(0, f.target.count("SELECT COUNT(*) FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'events__tidemark_new'"), "the staging table is there");
    }

    /** The app's write into the target table that has been waiting for a second or more. */
    private static final String WAITING_WRITE = "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE() "
            + "AND ID <> CONNECTION_ID() AND TIME >= 1 AND (INFO LIKE 'LOAD DATA%' OR INFO LIKE 'INSERT INTO `events`%')";

    private static boolean waitingForARowLock(SyncFixture f) {
        return !f.target.rows(WAITING_WRITE).isEmpty();
    }

    /**
     * The server would carry on with a killed client's statement once the lock is free; a crashed machine's
     * connection is gone with it. So the waiting statement's connection is killed on the server too.
     */
    private static void killWaiting(SyncFixture f, String query) {
        for (var row : f.target.rows(query)) {
            try {
                f.target.execute("KILL " + row.get(0));
            } catch (IllegalStateException alreadyGone) {
                // ended meanwhile
            }
        }
    }

    private static void killRowLockWaits(SyncFixture f) {
        killWaiting(f, WAITING_WRITE);
    }
}
