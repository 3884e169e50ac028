package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A first load split into key ranges (tidemark.bulk.parallelism) copied in parallel, on the bulk path (MariaDB, whose
 * local_infile is on): equal to the source row by row, resumed range by range after a SIGKILL with rows_synced exact,
 * changes made while it runs in the target at the end, and a key that cannot be split copied as one stream.
 */
class ParallelLoadIT {

    private static final int ROWS = 40_000;

    /** Keys with gaps, a negative one, and the highest INT: the ranges are cut by value, not by row count. */
    private static SyncFixture withRows(Server server, String name) throws Exception {
        SyncFixture f = new SyncFixture(server, name);
        f.source.execute("CREATE TABLE events (id INT PRIMARY KEY, payload VARCHAR(100), "
                        + "updated_at DATETIME(6) NOT NULL, KEY (updated_at))",
                "INSERT INTO events WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + ROWS
                        + ") SELECT i * 3 + (i % 2), REPEAT(CHAR(65 + i % 26), 1 + i % 90), "
                        + "NOW(6) - INTERVAL 1 HOUR + INTERVAL i MICROSECOND FROM n",
                "UPDATE events SET id = -7 WHERE id = 6",
                "UPDATE events SET id = 2147483647 WHERE id = 10");
        return f;
    }

    private static long rangeRows(SyncFixture f) {
        try {
            return f.target.count("SELECT COALESCE(SUM(rows_synced), 0) FROM _tidemark_ranges "
                    + "WHERE table_name = 'events'");
        } catch (IllegalStateException notYetCreated) {
            return 0;
        }
    }

    @ParameterizedTest
    @EnumSource(value = Server.class, names = {"MARIADB_11_4", "MARIADB_10_11"})
    void aParallelFirstLoadEqualsTheSourceRowByRowAlsoOnACompositeKey(Server server) throws Exception {
        SyncFixture f = withRows(server, "parallel_equal");
        f.source.execute("CREATE TABLE order_lines (order_id BIGINT, line_no INT, qty DECIMAL(12,3), note TEXT, "
                        + "changed DATETIME(6) NOT NULL, PRIMARY KEY (order_id, line_no))",
                "INSERT INTO order_lines WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                        + "WHERE i < 9000) "
                        + "SELECT i DIV 7, i % 7, i / 1000, IF(i % 5 = 0, NULL, CONCAT('n\\t', i)), "
                        + "NOW(6) - INTERVAL 1 DAY FROM n");
        TidemarkApp app = f.app(table("table", "events", "modifier", "updated_at", "schedule", "1h"),
                table("table", "order_lines", "modifier", "changed", "schedule", "1h"))
                .option("-Dtidemark.bulk.parallelism=4").option("-Dtidemark.bulk.batch-rows=2000");

        TidemarkApp.Result run = app.once();

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("events: first load in 4 key ranges of id"), run.output());
        assertTrue(run.output().contains("order_lines: first load in 4 key ranges of order_id"), run.output());
        f.assertSameRows("events", "id", "id", "payload", "updated_at");
        f.assertSameRows("order_lines", "order_id, line_no", "order_id", "line_no", "qty", "note", "changed");
        assertEquals(ROWS, f.state("events", "rows_synced"));
        assertEquals(9000, f.state("order_lines", "rows_synced"));
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM _tidemark_ranges"));
        assertEquals("incremental", f.target.value("SELECT phase FROM _tidemark_state WHERE table_name = 'events'"));
        // the bulk path: LOAD DATA, not upserts (no row was updated, so every row keeps the load's id)
        assertEquals(1, f.target.count("SELECT COUNT(DISTINCT _tidemark_load_id) FROM events"));
    }

    @ParameterizedTest
    @EnumSource(value = Server.class, names = {"MARIADB_11_4", "MARIADB_10_11"})
    void aProcessKilledDuringAParallelFirstLoadResumesEveryRangeWithNothingLostOrCountedTwice(Server server)
            throws Exception {
        SyncFixture f = withRows(server, "parallel_crash");
        TidemarkApp app = f.app(table("table", "events", "modifier", "updated_at", "batchSize", "50", "schedule", "1h"))
                .option("-Dtidemark.bulk.parallelism=4").option("-Dtidemark.bulk.batch-rows=300");

        app.start();
        TidemarkApp.await(Duration.ofSeconds(60), () -> rangeRows(f) >= 4_000, "some batches of the ranges to commit");
        app.kill();
        long atKill = rangeRows(f);
        assertEquals(0, f.rowsSynced("events"), "the state row counts the ranges' rows only once they are complete");
        assertEquals(4, f.target.count("SELECT COUNT(*) FROM _tidemark_ranges WHERE table_name = 'events'"));
        assertTrue(atKill < ROWS, "killed before the end: " + atKill);
        TidemarkApp.Result rerun = app.option("-Dtidemark.bulk.parallelism=1").once();

        assertEquals(0, rerun.exitCode(), rerun.output());
        assertTrue(rerun.output().contains("events: first load resumed in 4 key ranges"), rerun.output());
        f.assertSameRows("events", "id", "id", "payload", "updated_at");
        assertEquals(ROWS, f.state("events", "rows_synced"), "killed at " + atKill + " rows");
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM _tidemark_ranges"));
    }

    @ParameterizedTest
    @EnumSource(value = Server.class, names = "MARIADB_11_4")
    void rowsChangedWhileAParallelFirstLoadRunsAreInTheTargetAtItsEnd(Server server) throws Exception {
        SyncFixture f = withRows(server, "parallel_changes");
        TidemarkApp app = f.app(table("table", "events", "modifier", "updated_at", "batchSize", "50", "schedule", "1s"))
                .option("-Dtidemark.bulk.parallelism=3").option("-Dtidemark.bulk.batch-rows=300");

        app.start();
        TidemarkApp.await(Duration.ofSeconds(60), () -> rangeRows(f) >= 2_000, "some batches of the ranges to commit");
        // behind and ahead of every range's position: updates, inserts below, between and above the keys
        f.source.execute("UPDATE events SET payload = CONCAT('changed ', id), updated_at = NOW(6) WHERE id % 97 = 1",
                "INSERT INTO events VALUES (-100, 'new low', NOW(6)), (5, 'new between', NOW(6)), "
                        + "(500000, 'new high', NOW(6))");
        List<String> expected = f.source.fingerprint("events", "id", "id", "payload", "updated_at");
        TidemarkApp.await(Duration.ofSeconds(90), () -> expected.equals(
                f.target.fingerprint("events", "id", "id", "payload", "updated_at")), "the target to catch up");
        app.stop();

        f.assertSameRows("events", "id", "id", "payload", "updated_at");
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM _tidemark_ranges"));
    }

    @ParameterizedTest
    @EnumSource(value = Server.class, names = "MARIADB_11_4")
    void aKeyThatCannotBeSplitIsCopiedAsOneStream(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "parallel_text_key");
        f.source.execute("CREATE TABLE codes (code VARCHAR(20) PRIMARY KEY, n INT, changed DATETIME(6) NOT NULL)",
                "INSERT INTO codes WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
                        + "SELECT CONCAT('c', i), i, NOW(6) - INTERVAL 1 DAY FROM n");
        TidemarkApp app = f.app(table("table", "codes", "modifier", "changed", "schedule", "1h"))
                .option("-Dtidemark.bulk.parallelism=4").option("-Dtidemark.bulk.batch-rows=500");

        TidemarkApp.Result run = app.once();

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("codes: first load as one stream: the first key column code (varchar) is "
                + "not an integer"), run.output());
        assertFalse(run.output().contains("key ranges of"), run.output());
        f.assertSameRows("codes", "code", "code", "n", "changed");
        assertEquals(5000, f.state("codes", "rows_synced"));
    }
}
