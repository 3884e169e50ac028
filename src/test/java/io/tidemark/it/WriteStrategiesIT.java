package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** write: append keeps one target row per change, scd2 one version per change with its validity (docs/shaping.md). */
class WriteStrategiesIT {

    private static final String T1 = "2026-01-01 10:00:01";
    private static final String T2 = "2026-01-01 10:00:02";
    private static final String T3 = "2026-01-02 09:00:00";
    private static final String T4 = "2026-01-03 09:00:00";

    /** Three rows; then a changes twice and b once, each with a later modifier; then nothing changes. */
    private static SyncFixture historyOf(Server server, String name, String write) throws Exception {
        SyncFixture f = new SyncFixture(server, name);
        f.source.execute("CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(40), "
                        + "updated_at DATETIME NOT NULL, KEY (updated_at))",
                "INSERT INTO people VALUES (1, 'a', '" + T1 + "'), (2, 'b', '" + T1 + "'), (3, 'c', '" + T2 + "')");
        TidemarkApp app = f.app(table("table", "people", "modifier", "updated_at", "write", write, "batchSize", "2"));
        assertEquals(0, app.once().exitCode());
        f.source.execute("UPDATE people SET name = 'a2', updated_at = '" + T3 + "' WHERE id = 1",
                "UPDATE people SET name = 'b2', updated_at = '" + T3 + "' WHERE id = 2");
        assertEquals(0, app.once().exitCode());
        f.source.execute("UPDATE people SET name = 'a3', updated_at = '" + T4 + "' WHERE id = 1");
        assertEquals(0, app.once().exitCode());
        TidemarkApp.Result rerun = app.once();
        assertEquals(0, rerun.exitCode(), rerun.output());
        return f;
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void appendKeepsOneRowPerChangeWithItsLoadIdAndModifierValue(Server server) throws Exception {
        SyncFixture f = historyOf(server, "write_append", "append");

        assertEquals(List.of(
                        List.of("1", "a", T1), List.of("1", "a2", T3), List.of("1", "a3", T4),
                        List.of("2", "b", T1), List.of("2", "b2", T3),
                        List.of("3", "c", T2)),
                f.target.rows("SELECT id, name, CAST(updated_at AS CHAR) FROM people ORDER BY id, updated_at"));
        assertEquals(3, f.target.count("SELECT COUNT(DISTINCT _tidemark_load_id) FROM people"),
                "the first load, then one load per run that found changes");
        assertEquals(List.of("id", "updated_at"), primaryKey(f, "people"));
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void scd2KeepsEveryVersionWithItsValidityAndOneOpenCurrentVersionPerRow(Server server) throws Exception {
        SyncFixture f = historyOf(server, "write_scd2", "scd2");

        assertEquals(List.of(
                        List.of("1", "a", T1, T3), List.of("1", "a2", T3, T4), List.of("1", "a3", T4, "current"),
                        List.of("2", "b", T1, T3), List.of("2", "b2", T3, "current"),
                        List.of("3", "c", T2, "current")),
                f.target.rows("SELECT id, name, CAST(_tidemark_valid_from AS CHAR), "
                        + "COALESCE(CAST(_tidemark_valid_to AS CHAR), 'current') FROM people "
                        + "ORDER BY id, _tidemark_valid_from"));
        assertEquals(List.of("id", "_tidemark_valid_from"), primaryKey(f, "people"));
    }

    /**
     * Every row changes once while a run is killed half way; the rerun ends with exactly two versions per row
     * (append: two rows), the first closed where the second begins: no duplicate, no gap, no second open version.
     */
    @ParameterizedTest
    @EnumSource(value = Server.class, names = "MARIADB_11_4")
    void aProcessKilledMidRunLeavesNoDuplicateVersionAndNoGapAfterTheRerun(Server server) throws Exception {
        int rows = 20_000;
        SyncFixture f = new SyncFixture(server, "write_crash");
        for (String t : List.of("history", "audit")) {
            f.source.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, payload VARCHAR(40), "
                            + "updated_at DATETIME(6) NOT NULL, KEY (updated_at))",
                    "INSERT INTO " + t + " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                            + rows + ") SELECT i, CONCAT('v1 ', i), NOW(6) - INTERVAL 1 HOUR FROM n");
        }
        TidemarkApp app = f.app(
                table("table", "history", "modifier", "updated_at", "write", "scd2", "batchSize", "50", "schedule", "1h"),
                table("table", "audit", "modifier", "updated_at", "write", "append", "batchSize", "50",
                        "schedule", "1h"));
        assertEquals(0, app.once().exitCode());
        Thread.sleep(1_500);
        for (String t : List.of("history", "audit")) {
            f.source.execute("UPDATE " + t + " SET payload = CONCAT('v2 ', id), "
                    + "updated_at = NOW(6) + INTERVAL id MICROSECOND - INTERVAL 1 SECOND");
        }

        app.start();
        TidemarkApp.await(Duration.ofSeconds(60), () -> f.rowsSynced("history") >= rows + 2_000
                && f.rowsSynced("audit") >= rows + 2_000, "some batches of both tables to commit");
        app.kill();
        long killedAt = f.rowsSynced("history");
        assertTrue(killedAt < 2L * rows, "killed mid-run, not after it (" + killedAt + " rows)");
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM (SELECT id FROM history WHERE _tidemark_valid_to IS NULL "
                + "GROUP BY id HAVING COUNT(*) > 1) x"), "never two open versions, even at the kill");
        TidemarkApp.Result rerun = app.once();
        assertEquals(0, rerun.exitCode(), rerun.output());
        assertEquals(0, app.once().exitCode(), "a further rerun");

        assertEquals(2L * rows, f.target.count("SELECT COUNT(*) FROM history"));
        assertEquals(rows, f.target.count("SELECT COUNT(*) FROM history v1 JOIN history v2 ON v1.id = v2.id "
                + "AND v1._tidemark_valid_to = v2._tidemark_valid_from AND v2._tidemark_valid_to IS NULL "
                + "WHERE v1.payload = CONCAT('v1 ', v1.id) AND v2.payload = CONCAT('v2 ', v2.id)"),
                "each row: its first version closed exactly where the current one begins");
        assertEquals(2L * rows, f.target.count("SELECT COUNT(*) FROM audit"));
        assertEquals(rows, f.target.count("SELECT COUNT(DISTINCT id) FROM audit WHERE payload LIKE 'v2 %'"));
        assertNotEquals(0, f.target.count("SELECT COUNT(DISTINCT _tidemark_load_id) FROM audit"));
    }

    @ParameterizedTest
    @EnumSource(value = Server.class, names = "MARIADB_11_4")
    void aFullRefreshTableWithAHistoryWriteStopsStartUpNamingTheTable(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "write_full");
        f.source.execute("CREATE TABLE codes (id INT PRIMARY KEY, label VARCHAR(20))");
        TidemarkApp.Result run = f.app(table("table", "codes", "write", "scd2")).once();

        assertNotEquals(0, run.exitCode());
        assertTrue(run.output().contains("table 'codes': write 'scd2' needs a modifier"), run.output());
    }

    /**
     * --repair on an scd2 table compares the current versions: a row deleted at the source has its current version
     * closed (at the source's highest modifier value), a change behind the watermark corrects its version in place.
     */
    @ParameterizedTest
    @EnumSource(value = Server.class, names = "MARIADB_11_4")
    void aRepairClosesTheCurrentVersionOfARowDeletedAtTheSource(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "write_repair");
        f.source.execute("CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(40), "
                        + "updated_at DATETIME NOT NULL, KEY (updated_at))",
                "INSERT INTO people VALUES (1, 'a', '" + T1 + "'), (2, 'b', '" + T1 + "'), (3, 'c', '" + T2 + "')");
        TidemarkApp app = f.app(table("table", "people", "modifier", "updated_at", "write", "scd2"));
        assertEquals(0, app.once().exitCode());
        f.source.execute("DELETE FROM people WHERE id = 2", "UPDATE people SET name = 'c fixed' WHERE id = 3");

        TidemarkApp.Result repair = app.start("--repair", "people", "--force").awaitExit(); // 1 of 3 rows: past the guard
        TidemarkApp.Result verify = app.start("--verify", "people").awaitExit();

        assertEquals(0, repair.exitCode(), repair.output());
        assertEquals(List.of(
                        List.of("1", "a", T1, "current"), List.of("2", "b", T1, T2), List.of("3", "c fixed", T2, "current")),
                f.target.rows("SELECT id, name, CAST(_tidemark_valid_from AS CHAR), "
                        + "COALESCE(CAST(_tidemark_valid_to AS CHAR), 'current') FROM people "
                        + "ORDER BY id, _tidemark_valid_from"));
        assertEquals(0, verify.exitCode(), verify.output());
    }

    @ParameterizedTest
    @EnumSource(value = Server.class, names = "MARIADB_11_4")
    void aResyncOfAHistoryTableIsRefusedAndKeepsTheHistory(Server server) throws Exception {
        SyncFixture f = historyOf(server, "write_resync", "scd2");

        TidemarkApp.Result resync = f.app(table("table", "people", "modifier", "updated_at", "write", "scd2"))
                .start("--resync", "people").awaitExit();

        assertEquals(0, resync.exitCode(), resync.output());
        assertTrue(resync.output().contains("people: resync refused: the table keeps history (write: scd2)"),
                resync.output());
        assertEquals(6, f.target.count("SELECT COUNT(*) FROM people"), "every version is still there");
    }

    @ParameterizedTest
    @EnumSource(value = Server.class, names = "MARIADB_11_4")
    void verifyingAnAppendTableSaysWhyItCannot(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "write_verify_append");
        f.source.execute("CREATE TABLE people (id INT PRIMARY KEY, updated_at DATETIME NOT NULL)",
                "INSERT INTO people VALUES (1, '" + T1 + "')");
        TidemarkApp app = f.app(table("table", "people", "modifier", "updated_at", "write", "append"));
        assertEquals(0, app.once().exitCode());

        TidemarkApp.Result verify = app.start("--verify", "people").awaitExit();

        assertNotEquals(0, verify.exitCode());
        assertTrue(verify.output().contains("table 'people' keeps one target row per change (write: append)"),
                verify.output());
    }

    private static List<String> primaryKey(SyncFixture f, String table) {
        return f.target.rows("SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = "
                + "DATABASE() AND TABLE_NAME = '" + table + "' AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION")
                .stream().map(r -> r.get(0)).toList();
    }
}
