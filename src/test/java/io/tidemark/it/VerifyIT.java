package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code --verify} and {@code --repair} on real servers, after a real sync (see docs/verification.md). */
class VerifyIT {

    private static final String CREATE = "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50) NULL, "
            + "updated_at DATETIME(6) NOT NULL, KEY (updated_at))";
    private static final String FILL = "INSERT INTO items (id, name, updated_at) "
            + "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
            + "SELECT i, IF(i % 10 = 0, NULL, CONCAT('item ', i)), NOW(6) - INTERVAL 1 HOUR FROM n";

    private static SyncFixture synced(Server server, String name, String... parameters) throws Exception {
        SyncFixture f = new SyncFixture(server, name);
        f.source.execute(CREATE, FILL);
        List<String> p = new java.util.ArrayList<>(List.of("table", "items", "modifier", "updated_at"));
        p.addAll(List.of(parameters));
        TidemarkApp app = f.app(table(p.toArray(String[]::new)));
        assertEquals(0, app.once().exitCode());
        return f;
    }

    private static TidemarkApp app(SyncFixture f, String... parameters) throws Exception {
        List<String> p = new java.util.ArrayList<>(List.of("table", "items", "modifier", "updated_at"));
        p.addAll(List.of(parameters));
        return f.app(table(p.toArray(String[]::new)));
    }

    private static TidemarkApp.Result run(SyncFixture f, String... args) throws Exception {
        return app(f).start(args).awaitExit();
    }

    /** Every table of a database with its content checksum: equal lists mean nothing was written. */
    private static List<List<String>> checksums(Database db) {
        List<List<String>> sums = new java.util.ArrayList<>();
        for (List<String> t : db.rows("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "ORDER BY TABLE_NAME")) {
            sums.addAll(db.rows("CHECKSUM TABLE " + Database.quote(t.get(0)) + " EXTENDED"));
        }
        return sums;
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void anEqualCopyVerifiesEqualAndVerifyingWritesNothing(Server server) throws Exception {
        SyncFixture f = synced(server, "verify_equal");
        List<List<String>> source = checksums(f.source);
        List<List<String>> target = checksums(f.target);

        TidemarkApp.Result result = run(f, "--verify");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("items: equal (2,000 rows, "), result.output());
        assertEquals(source, checksums(f.source), "the source is byte-identical");
        assertEquals(target, checksums(f.target), "the target is byte-identical, state and loads tables included");
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void deletesChangesBehindTheWatermarkAndHandEditsAreNamedThenRepaired(Server server) throws Exception {
        SyncFixture f = synced(server, "verify_differs");
        f.source.execute("DELETE FROM items WHERE id IN (5, 1500)",
                "UPDATE items SET name = 'behind the watermark' WHERE id = 7", // modifier unchanged: no sync sees it
                "UPDATE items SET name = '' WHERE id = 30"); // NULL before, '' now
        f.target.execute("DELETE FROM items WHERE id = 1999", "UPDATE items SET name = 'edited by hand' WHERE id = 8",
                "INSERT INTO items (id, name, updated_at, _tidemark_load_id, _tidemark_row_id) "
                        + "VALUES (5000, 'added by hand', NOW(6), 'x', 'x')");

        TidemarkApp.Result verify = run(f, "--verify", "items");

        assertEquals(1, verify.exitCode(), verify.output());
        assertTrue(verify.output().contains("items: differs: 1 missing, 3 extra, 3 changed (keys: "), verify.output());
        for (String key : List.of("5", "7", "8", "30", "1500", "1999", "5000")) {
            assertTrue(verify.output().matches("(?s).*keys: [^)]*\\b" + key + "\\b.*"), key + " named: " + verify.output());
        }

        TidemarkApp.Result repair = run(f, "--repair", "items");

        assertEquals(0, repair.exitCode(), repair.output());
        assertTrue(repair.output().contains("items: repaired: 1 copied, 3 updated, 3 deleted; now equal (1,998 rows"),
                repair.output());
        f.assertSameRows("items", "id", "id", "name", "updated_at");
        assertEquals("4", f.target.value("SELECT rows_written FROM _tidemark_loads WHERE table_name = 'items' "
                + "AND status = 'repaired'"));
        assertEquals(4, f.target.count("SELECT COUNT(*) FROM items i JOIN _tidemark_loads l ON l.load_id = "
                + "i._tidemark_load_id AND l.table_name = 'items' AND l.status = 'repaired'"),
                "the repaired rows carry the repair's own load id");
        assertEquals(0, run(f, "--verify").exitCode());
    }

    @Test
    void deletesMarkKeepsTheRowsWithADeletionTimeAndClearsItWhenTheRowComesBack() throws Exception {
        SyncFixture f = synced(Server.MARIADB_11_4, "verify_mark", "deletes", "mark");
        f.source.execute("DELETE FROM items WHERE id IN (3, 4)");

        TidemarkApp.Result repair = app(f, "deletes", "mark").start("--repair").awaitExit();

        assertEquals(0, repair.exitCode(), repair.output());
        assertTrue(repair.output().contains("repaired: 2 marked deleted; now equal (1,998 rows"), repair.output());
        assertEquals(2000, f.target.count("SELECT COUNT(*) FROM items"));
        assertEquals(List.of(List.of("3"), List.of("4")),
                f.target.rows("SELECT id FROM items WHERE _tidemark_deleted_at IS NOT NULL ORDER BY id"));

        f.source.execute("INSERT INTO items VALUES (3, 'back again', NOW(6) - INTERVAL 2 HOUR)");
        TidemarkApp.Result again = app(f, "deletes", "mark").start("--repair").awaitExit();

        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("repaired: 1 copied; now equal (1,999 rows"), again.output());
        assertEquals(List.of(List.of("4")),
                f.target.rows("SELECT id FROM items WHERE _tidemark_deleted_at IS NOT NULL ORDER BY id"));
        assertEquals("back again", f.target.value("SELECT name FROM items WHERE id = 3"));
    }

    @Test
    void deletesKeepLeavesTheRowsAndCountsTheTableEqual() throws Exception {
        SyncFixture f = synced(Server.MARIADB_11_4, "verify_keep", "deletes", "keep");
        f.source.execute("DELETE FROM items WHERE id IN (3, 4)");

        TidemarkApp.Result repair = app(f, "deletes", "keep").start("--repair").awaitExit();

        assertEquals(0, repair.exitCode(), repair.output());
        assertTrue(repair.output().contains("items: equal (1,998 rows, ") && repair.output().contains(
                "2 rows deleted at the source kept (deletes: keep)"), repair.output());
        assertEquals(2000, f.target.count("SELECT COUNT(*) FROM items"));
    }

    @Test
    void theMassDeleteGuardRefusesToDeleteMoreThanATenthUnlessForced() throws Exception {
        SyncFixture f = synced(Server.MARIADB_11_4, "verify_guard");
        f.source.execute("DELETE FROM items WHERE id > 1700", "UPDATE items SET name = 'fixed' WHERE id = 9");

        TidemarkApp.Result refused = run(f, "--repair", "items");

        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("items: repaired: 1 updated; deletes refused: 300 of the target's "
                + "2,000 rows (15.0%) would be deleted, more than tidemark.verify.max-delete-fraction (10.0%)"),
                refused.output());
        assertEquals(2000, f.target.count("SELECT COUNT(*) FROM items"));
        assertEquals("fixed", f.target.value("SELECT name FROM items WHERE id = 9"));

        TidemarkApp.Result forced = run(f, "--repair", "items", "--force");

        assertEquals(0, forced.exitCode(), forced.output());
        assertTrue(forced.output().contains("items: repaired: 300 deleted; now equal (1,700 rows"), forced.output());
        f.assertSameRows("items", "id", "id", "name", "updated_at");
    }

    @Test
    void compositeAndTextKeysAreComparedAndRepaired() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "verify_composite");
        f.source.execute("CREATE TABLE `lines` (region VARCHAR(10) NOT NULL, order_no INT NOT NULL, qty INT NULL, "
                        + "PRIMARY KEY (region, order_no))",
                "INSERT INTO `lines` WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2999) "
                        + "SELECT ELT(1 + i % 3, 'eu', 'us', 'Apac'), i, i FROM n");
        TidemarkApp app = f.app(table("table", "lines"));
        assertEquals(0, app.once().exitCode());
        f.source.execute("DELETE FROM `lines` WHERE region = 'us' AND order_no = 1",
                "UPDATE `lines` SET qty = NULL WHERE region = 'Apac' AND order_no = 2");
        f.target.execute("DELETE FROM `lines` WHERE region = 'eu' AND order_no = 2997");

        TidemarkApp.Result verify = app.start("--verify").awaitExit();

        assertEquals(1, verify.exitCode(), verify.output());
        assertTrue(verify.output().contains("lines: differs: 1 missing, 1 extra, 1 changed"), verify.output());
        assertTrue(verify.output().contains("(us, 1)") && verify.output().contains("(Apac, 2)")
                && verify.output().contains("(eu, 2997)"), verify.output());
        assertEquals(0, app.start("--repair").awaitExit().exitCode());
        f.assertSameRows("lines", "region, order_no", "region", "order_no", "qty");
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void theSmallestChangeOfAnAwkwardValueIsFound(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "verify_small");
        f.source.execute("CREATE TABLE odd (id INT PRIMARY KEY, dt DATETIME(6), ts TIMESTAMP(6) NULL, db DOUBLE, "
                        + "fl FLOAT, js JSON, bl BLOB, tx TEXT, dec65 DECIMAL(65,30))",
                "INSERT INTO odd WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20) "
                        + "SELECT i, '2024-03-10 02:30:00.000001', '2024-11-03 06:30:00.5', 0.1e0 + 0.2e0, 3.1415927, "
                        + "'{\"a\": [1, 2.5]}', x'00ff', NULL, 0.000000000000000000000000000001 FROM n");
        TidemarkApp app = f.app(table("table", "odd"));
        assertEquals(0, app.once().exitCode());
        f.target.execute("UPDATE odd SET dt = dt + INTERVAL 1 MICROSECOND WHERE id = 1",
                "UPDATE odd SET ts = ts + INTERVAL 1 MICROSECOND WHERE id = 2",
                "UPDATE odd SET db = 0.3e0 WHERE id = 3", // 0.30000000000000004 before
                "UPDATE odd SET js = '{\"a\": [1, 2.6]}' WHERE id = 4",
                "UPDATE odd SET bl = x'00fe' WHERE id = 5",
                "UPDATE odd SET tx = '' WHERE id = 6", // NULL before
                "UPDATE odd SET dec65 = 0.000000000000000000000000000002 WHERE id = 7",
                "UPDATE odd SET fl = 3.1415925 WHERE id = 8");

        TidemarkApp.Result verify = app.start("--verify").awaitExit();

        assertEquals(1, verify.exitCode(), verify.output());
        assertTrue(verify.output().contains("odd: differs: 0 missing, 0 extra, 8 changed (keys: 1, 2, 3, 4, 5, 6, 7, 8)"),
                verify.output());
    }

    @Test
    void aFilteredTableWithExcludedColumnsIsComparedOnlyOnWhatItCopies() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "verify_selected");
        f.source.execute("CREATE TABLE items (id INT PRIMARY KEY, tenant INT NOT NULL, name VARCHAR(50) NULL, "
                        + "secret VARCHAR(50) NULL, updated_at DATETIME(6) NOT NULL)",
                "INSERT INTO items WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                        + "SELECT i, i % 2, CONCAT('item ', i), CONCAT('secret ', i), NOW(6) - INTERVAL 1 HOUR FROM n");
        TidemarkApp app = f.app(table("table", "items", "modifier", "updated_at", "where", "tenant = 1",
                "excludeColumns", "secret"));
        assertEquals(0, app.once().exitCode());
        assertEquals(1000, f.target.count("SELECT COUNT(*) FROM items"));

        TidemarkApp.Result equal = app.start("--verify").awaitExit();

        assertEquals(0, equal.exitCode(), equal.output());
        assertTrue(equal.output().contains("items: equal (1,000 rows, "), equal.output());

        f.source.execute("UPDATE items SET secret = 'not copied, not compared' WHERE id = 1",
                "UPDATE items SET name = 'outside the filter' WHERE id = 2",
                "UPDATE items SET tenant = 0, updated_at = NOW(6) WHERE id = 3"); // leaves the filter
        f.target.execute("UPDATE items SET name = 'edited by hand' WHERE id = 5");

        TidemarkApp.Result verify = app.start("--verify").awaitExit();

        assertEquals(1, verify.exitCode(), verify.output());
        assertTrue(verify.output().contains("items: differs: 0 missing, 1 extra, 1 changed (keys: 5, 3)"),
                verify.output());

        TidemarkApp.Result repair = app.start("--repair").awaitExit();

        assertEquals(0, repair.exitCode(), repair.output());
        assertTrue(repair.output().contains("items: repaired: 1 updated, 1 deleted; now equal (999 rows"),
                repair.output());
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM items WHERE tenant <> 1"),
                "no row outside the filter is copied");
        assertEquals("item 5", f.target.value("SELECT name FROM items WHERE id = 5"));
    }
}
