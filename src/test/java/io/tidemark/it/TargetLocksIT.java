package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Another session's row locks on the target make a batch fail with a lock wait timeout (1205) or a deadlock
 * (1213): the batch is retried in a new transaction, never dead-lettered, and the run completes.
 */
class TargetLocksIT {

    private static final int ROWS = 200;

    /**
     * A table whose rows the target already holds, with older values, and no state yet (as after a move from
     * another tool): the first run upserts every row in one batch, in key order, over the existing ones.
     */
    private static TidemarkApp olderRowsInTheTarget(SyncFixture f, String... options) throws Exception {
        f.source.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, "
                        + "updated_at DATETIME(6) NOT NULL, KEY (updated_at))",
                "INSERT INTO items WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + ROWS + ") "
                        + "SELECT i, CONCAT('item ', i), NOW(6) - INTERVAL 1 HOUR FROM n");
        f.target.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, "
                        + "updated_at DATETIME(6) NOT NULL, _tidemark_load_id VARCHAR(64) NOT NULL, "
                        + "_tidemark_row_id VARCHAR(128) NOT NULL)",
                "INSERT INTO items WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + ROWS + ") "
                        + "SELECT i, 'older', NOW(6) - INTERVAL 1 DAY, 'before', CONCAT('row ', i) FROM n");
        TidemarkApp app = f.app(table("table", "items", "modifier", "updated_at", "schedule", "1h"))
                .option("-Dtidemark.retry.first-delay-ms=100");
        for (String option : options) {
            app.option(option);
        }
        return app;
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void aLockWaitTimeoutOnTheTargetIsRetriedUntilTheLockIsReleasedAndNothingIsDeadLettered(Server server)
            throws Exception {
        SyncFixture f = new SyncFixture(server, "lockwait");
        // Tidemark's sessions give up on a row lock after 1 s instead of 50 s.
        TidemarkApp app = olderRowsInTheTarget(f,
                "-Dtidemark.target.url=" + f.target.url() + "?sessionVariables=innodb_lock_wait_timeout=1");

        TidemarkApp.Result run;
        try (Connection holder = f.target.connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeQuery("SELECT id FROM items WHERE id = 100 FOR UPDATE").close();
            }
            app.start("--once");
            // Held through two attempts, then released: the third attempt gets the row. (A run that ends before,
            // having failed, fails the assertions below.)
            TidemarkApp.await(Duration.ofSeconds(60), () -> output(app).contains("items: transient failure, retry 2 of 5")
                    || output(app).lines().anyMatch(l -> l.startsWith("items: ok") || l.startsWith("items: FAILED")),
                    "two retries of the blocked batch");
            holder.rollback();
            run = app.awaitExit();
        }

        assertEquals(0, run.exitCode(), run.output());
        assertRetriedOnly(run.output(), 1205);
        f.assertSameRows("items", "id", "id", "name", "updated_at");
        assertEquals(ROWS, f.state("items", "rows_synced"), "every row counted once, the retried batch too");
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM _tidemark_dead_letters"));
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void aDeadlockWhoseVictimIsTheBatchIsRetriedAndNothingIsDeadLettered(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "deadlock");
        TidemarkApp app = olderRowsInTheTarget(f);
        // InnoDB rolls back the transaction that has done less work: the test's changes these 5,000 rows first,
        // so it outweighs the batch's (fewer than 200 rows) and the batch is the victim.
        f.target.execute("CREATE TABLE ballast (id INT PRIMARY KEY, n INT NOT NULL)",
                "INSERT INTO ballast WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
                        + "SELECT i, 0 FROM n");

        TidemarkApp.Result run;
        try (Connection holder = f.target.connect(); Connection watcher = f.target.connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeUpdate("UPDATE ballast SET n = n + 1");
                s.executeQuery("SELECT id FROM items WHERE id = 150 FOR UPDATE").close();
            }
            app.start("--once");
            // The batch upserts ids 1, 2, ... in order: it holds 1..149 and waits for 150.
            TidemarkApp.await(Duration.ofSeconds(60), () -> upsertWaitingForALock(watcher),
                    "the batch's upsert to wait for the row the test holds");
            try (Statement s = holder.createStatement()) {
                // Row 20 is the batch's: each waits for the other, and InnoDB ends the cycle by rolling back the batch.
                s.executeUpdate("UPDATE items SET name = 'held by the test' WHERE id = 20");
            } catch (SQLException e) {
                throw new AssertionError("the test's transaction, not the batch, was the deadlock's victim", e);
            }
            holder.rollback();
            run = app.awaitExit();
        }

        assertEquals(0, run.exitCode(), run.output());
        assertRetriedOnly(run.output(), 1213);
        f.assertSameRows("items", "id", "id", "name", "updated_at");
        assertEquals(ROWS, f.state("items", "rows_synced"), "every row counted once, the retried batch too");
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM _tidemark_dead_letters"));
    }

    /**
     * Whether one of Tidemark's sessions on the test's target database waits for a row lock in an upsert. While it
     * does not, the condition fails with what InnoDB's transactions are doing, which a timeout reports.
     */
    private static boolean upsertWaitingForALock(Connection watcher) {
        try {
            // InnoDB refreshes INNODB_TRX only once it has not been read for 100 ms: read it less often than that.
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        List<String> transactions = new ArrayList<>();
        try (Statement s = watcher.createStatement();
             var rs = s.executeQuery("SELECT t.trx_state, p.DB, LEFT(t.trx_query, 60) "
                     + "FROM information_schema.INNODB_TRX t "
                     + "LEFT JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id")) {
            while (rs.next()) {
                if ("LOCK WAIT".equals(rs.getString(1)) && watcher.getCatalog().equals(rs.getString(2))
                        && String.valueOf(rs.getString(3)).startsWith("INSERT INTO")) {
                    return true;
                }
                transactions.add(rs.getString(1) + " in " + rs.getString(2) + ": " + rs.getString(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no upsert waits for a lock; InnoDB's transactions: " + transactions);
    }

    /** The run logged at least one retry, each for the given vendor code, and no failed run or dead letter. */
    private static void assertRetriedOnly(String output, int vendorCode) {
        List<String> retries = output.lines().filter(l -> l.contains("items: transient failure, retry ")).toList();
        assertTrue(!retries.isEmpty(), "no retry logged:\n" + output);
        assertTrue(retries.stream().allMatch(l -> l.contains("vendor code " + vendorCode + ":")), String.join("\n", retries));
        assertTrue(output.contains("items: ok, " + ROWS + " rows"), output);
        assertTrue(!output.contains("dead-letter table") && !output.contains("run failed"), output);
    }

    private static String output(TidemarkApp app) {
        try {
            return app.output();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
