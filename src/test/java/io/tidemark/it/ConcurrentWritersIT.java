package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Writers insert and update the source while runs go on every second, including slow transactions whose rows
 * carry a modifier older than what a run has already passed when they commit (within the lag): once the writers
 * stop and one more run completes, source and target are identical.
 */
class ConcurrentWritersIT {

    @ParameterizedTest
    @EnumSource(value = Server.class, names = {"MARIADB_11_4", "MYSQL_8_0"})
    void afterWritersStopOneMoreRunLeavesSourceAndTargetIdentical(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "writers");
        f.source.execute("CREATE TABLE accounts (id INT PRIMARY KEY, balance DECIMAL(12,2) NOT NULL, "
                        + "note VARCHAR(40), updated_at DATETIME(6) NOT NULL, KEY (updated_at))",
                "INSERT INTO accounts WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                        + "SELECT i, i, NULL, NOW(6) - INTERVAL 1 HOUR FROM n");
        TidemarkApp app = f.app(table("table", "accounts", "modifier", "updated_at", "schedule", "1s",
                "batchSize", "50", "lag", "10s"));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong slowCommits = new AtomicLong();
        Thread writer = new Thread(() -> write(f.source, writing, 3000), "writer");
        Thread slow = new Thread(() -> slowTransactions(f.source, writing, slowCommits), "slow-writer");
        app.start();
        try {
            writer.start();
            slow.start();
            Thread.sleep(12_000);
            writing.set(false);
            writer.join();
            slow.join();
        } finally {
            app.stop();
        }
        assertTrue(slowCommits.get() >= 3, "slow transactions committed: " + slowCommits.get());

        TidemarkApp.Result last = app.once();

        assertEquals(0, last.exitCode(), last.output());
        f.assertSameRows("accounts", "id", "id", "balance", "note", "updated_at");
    }

    /**
     * A DATETIME(0) modifier and {@code lag} 0s: a run that reads the current second part way would continue after
     * it next time and miss the rows stamped later in that same second with smaller keys. The writer stamps every
     * row once, in descending key order, while runs go on every second: each run lands in such a second.
     */
    @ParameterizedTest
    @EnumSource(value = Server.class, names = {"MARIADB_11_4", "MYSQL_8_0"})
    void secondPrecisionModifierWithLagZeroMissesNoRowStampedInTheSecondARunRead(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "ticks");
        f.source.execute("CREATE TABLE tickets (id INT PRIMARY KEY, state VARCHAR(10) NOT NULL, "
                        + "changed DATETIME NOT NULL, KEY (changed))",
                "INSERT INTO tickets WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500) "
                        + "SELECT i, 'open', NOW() - INTERVAL 1 DAY FROM n");
        TidemarkApp app = f.app(table("table", "tickets", "modifier", "changed", "schedule", "1s",
                "batchSize", "1000", "lag", "0s"));
        assertEquals(0, app.once().exitCode());
        app.start();
        try {
            try (Connection c = f.source.connect();
                 PreparedStatement close = c.prepareStatement(
                         "UPDATE tickets SET state = 'closed', changed = NOW() WHERE id = ?")) {
                for (int id = 1500; id >= 1; id--) {
                    close.setInt(1, id);
                    close.executeUpdate();
                    Thread.sleep(6); // about 10 s in all: runs start a second or two into it
                }
            }
            Thread.sleep(1_500);
        } finally {
            app.stop();
        }

        TidemarkApp.Result last = app.once();

        assertEquals(0, last.exitCode(), last.output());
        f.assertSameRows("tickets", "id", "id", "state", "changed");
    }

    /** Inserts new rows and updates random ones, stamping NOW(6), each in its own short transaction. */
    private static void write(Database db, AtomicBoolean writing, int firstNewId) {
        try (Connection c = db.connect();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO accounts VALUES (?, 0, 'new', NOW(6))");
             PreparedStatement update = c.prepareStatement(
                     "UPDATE accounts SET balance = balance + 1, note = ?, updated_at = NOW(6) WHERE id = ?")) {
            int next = firstNewId;
            while (writing.get()) {
                insert.setInt(1, next++);
                insert.executeUpdate();
                for (int i = 0; i < 5; i++) {
                    update.setString(1, "w" + next);
                    update.setInt(2, 1 + ThreadLocalRandom.current().nextInt(2000));
                    update.executeUpdate();
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A transaction stamps its row, then commits 2.5 s later: runs have passed that stamp in the meantime. */
    private static void slowTransactions(Database db, AtomicBoolean writing, AtomicLong commits) {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            int id = 100_000;
            while (writing.get()) {
                try (PreparedStatement late = c.prepareStatement("INSERT INTO accounts VALUES (?, 7, 'late', NOW(6))")) {
                    late.setInt(1, id++);
                    late.executeUpdate();
                }
                Thread.sleep(2_500);
                c.commit();
                commits.incrementAndGet();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
