package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code --repair} of hundreds of differences, batch by batch (docs/verification.md): missing, extra and changed rows
 * mixed in every batch, checked row by row against the source; a text key whose case-insensitive collation makes
 * 'k0001' and 'K0001' the same row; deletes=mark.
 */
class RepairBatchIT {

    /** The target server's count of SELECT statements so far (repair's locks and reads are SELECTs). */
    private static long selects(Database db) {
        return Long.parseLong(db.rows("SHOW GLOBAL STATUS LIKE 'Com_select'").get(0).get(1));
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void hundredsOfMixedDifferencesAreRepairedExactlyAFewStatementsPerBatch(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "repair_batch");
        f.source.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50) NULL, qty INT NULL, "
                        + "updated_at DATETIME(6) NOT NULL, KEY (updated_at))",
                "INSERT INTO items WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
                        + "SELECT i, CONCAT('item ', i), IF(i % 7 = 0, NULL, i), NOW(6) - INTERVAL 1 HOUR FROM n");
        String items = table("table", "items", "modifier", "updated_at");
        assertEquals(0, f.app(items).once().exitCode());
        f.target.execute("DELETE FROM items WHERE id % 10 = 1", // 300 missing
                "UPDATE items SET name = 'by hand' WHERE id % 10 = 2", // 300 changed
                "UPDATE items SET qty = NULL WHERE id % 10 = 3 AND qty IS NOT NULL", // a value become NULL
                "INSERT INTO items (id, name, qty, updated_at, _tidemark_load_id, _tidemark_row_id) SELECT id + 5000, "
                        + "name, qty, updated_at, 'x', 'x' FROM items WHERE id % 20 = 4"); // 150 extra
        f.source.execute("UPDATE items SET name = 'behind the watermark' WHERE id % 10 = 5", // 300 changed
                "DELETE FROM items WHERE id % 100 = 6"); // 30 extra
        long before = selects(f.target);

        TidemarkApp.Result repair = f.app(items).start("--repair").awaitExit();

        long statements = selects(f.target) - before;
        assertEquals(0, repair.exitCode(), repair.output());
        assertTrue(repair.output().contains("items: repaired: 300 copied, 858 updated, 180 deleted; now equal "
                + "(2,970 rows"), repair.output());
        String rows = "SELECT id, name, qty, CONCAT(updated_at) FROM items ORDER BY id";
        assertEquals(f.source.rows(rows), f.target.rows(rows), "every row as the source has it");
        String loadId = f.target.value("SELECT load_id FROM _tidemark_loads WHERE status = 'repaired'");
        assertEquals("1158", f.target.value("SELECT rows_written FROM _tidemark_loads WHERE load_id = '" + loadId
                + "'"));
        assertEquals(1158, f.target.count("SELECT COUNT(*) FROM items WHERE _tidemark_load_id = '" + loadId + "'"),
                "each row written carries the repair's load id");
        // One row a statement would take over 1,337 locking SELECTs in the target; batches take one per 100 keys
        // (the comparisons before and after take a few dozen).
        assertTrue(statements < 200, statements + " SELECT statements in the target during the repair");
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void aCaseInsensitiveTextKeyIsNeverTakenForAbsentAndTheSourcesSpellingWins(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "repair_collated");
        f.source.execute("CREATE TABLE tags (code VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci "
                        + "NOT NULL PRIMARY KEY, n INT NULL, updated_at DATETIME(6) NOT NULL)",
                "INSERT INTO tags WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
                        + "SELECT CONCAT('k', LPAD(i, 4, '0')), i, NOW(6) - INTERVAL 1 HOUR FROM n");
        String tags = table("table", "tags", "modifier", "updated_at", "deletes", "mark");
        assertEquals(0, f.app(tags).once().exitCode());
        // behind the watermark: 50 keys spelt in capitals at the source ('K0001' is 'k0001' to the collation)
        f.source.execute("UPDATE tags SET code = UPPER(code), n = n + 1000000 WHERE RIGHT(code, 2) IN ('01', '21', "
                        + "'41', '61', '81')",
                "DELETE FROM tags WHERE RIGHT(code, 2) IN ('04', '24') AND code < 'k0500'"); // 10 extra
        f.target.execute("DELETE FROM tags WHERE RIGHT(code, 2) IN ('02', '22', '42', '62', '82')", // 50 missing
                "UPDATE tags SET n = -1 WHERE RIGHT(code, 2) IN ('03', '23', '43', '63', '83')", // 50 changed
                "INSERT INTO tags (code, n, updated_at, _tidemark_load_id, _tidemark_row_id) SELECT "
                        + "CONCAT('x', code), n, updated_at, 'x', 'x' FROM tags WHERE RIGHT(code, 2) = '05'"); // 10

        TidemarkApp.Result repair = f.app(tags).start("--repair").awaitExit();

        assertEquals(0, repair.exitCode(), repair.output());
        assertTrue(repair.output().contains("tags: repaired: 50 copied, 100 updated, 20 marked deleted; now equal "
                + "(990 rows"), repair.output());
        String rows = "SELECT HEX(code), n, CONCAT(updated_at) FROM tags%s ORDER BY HEX(code)";
        assertEquals(f.source.rows(String.format(rows, "")),
                f.target.rows(String.format(rows, " WHERE _tidemark_deleted_at IS NULL")),
                "every row as the source has it, its key spelt the same");
        assertEquals(List.of(List.of("20", "20")), f.target.rows("SELECT COUNT(*), SUM(code LIKE 'x%' OR "
                + "(RIGHT(code, 2) IN ('04', '24') AND code < 'k0500')) FROM tags WHERE _tidemark_deleted_at IS NOT "
                + "NULL"), "exactly the rows the source lacks are marked");
        assertEquals(1010, f.target.count("SELECT COUNT(*) FROM tags"));
        assertEquals("150", f.target.value("SELECT rows_written FROM _tidemark_loads WHERE status = 'repaired'"));
        assertEquals(0, f.app(tags).start("--verify").awaitExit().exitCode());
    }

    @Test
    void aBatchThatFailsLeavesTheBatchesBeforeItRecordedUnderTheirLoadId() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "repair_fails");
        f.source.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50) NULL, "
                        + "updated_at DATETIME(6) NOT NULL, KEY (updated_at))",
                "INSERT INTO items WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
                        + "SELECT i, CONCAT('item ', i), NOW(6) - INTERVAL 1 HOUR FROM n");
        String items = table("table", "items", "modifier", "updated_at");
        assertEquals(0, f.app(items).once().exitCode());
        // 300 changed rows, three batches; the third fails on a row the target refuses
        f.target.execute("UPDATE items SET name = 'by hand' WHERE id % 10 = 2",
                "CREATE TRIGGER refuse BEFORE UPDATE ON items FOR EACH ROW IF NEW.id = 2502 THEN "
                        + "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by a trigger'; END IF");

        TidemarkApp.Result repair = f.app(items).start("--repair").awaitExit();

        assertTrue(repair.exitCode() == 2 && repair.output().contains("items: cannot repair: "), repair.output());
        assertEquals(List.of(List.of("200")), f.target.rows("SELECT rows_written FROM _tidemark_loads "
                + "WHERE status = 'repaired'"), "the two batches committed are recorded");
        assertEquals(200, f.target.count("SELECT COUNT(*) FROM items i JOIN _tidemark_loads l ON l.load_id = "
                + "i._tidemark_load_id AND l.status = 'repaired'"), "their rows carry the recorded load id");
        assertEquals(100, f.target.count("SELECT COUNT(*) FROM items WHERE name = 'by hand'"));
    }
}
