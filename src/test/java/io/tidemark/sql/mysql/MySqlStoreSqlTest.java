package io.tidemark.sql.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidemark.sql.MySqlDialect;
import io.tidemark.sql.StoreSql;
import org.junit.jupiter.api.Test;

/** The exact SQL on Tidemark's own tables on MySQL and MariaDB; no database involved. */
class MySqlStoreSqlTest {

    private final StoreSql sql = new MySqlDialect().store();

    private static long placeholders(String sql) {
        return sql.chars().filter(c -> c == '?').count();
    }

    @Test
    void theStateTableIsCreatedOnceWithItsNamesComparedAsBytes() {
        assertEquals("CREATE TABLE IF NOT EXISTS `_tidemark_state` ("
                + "table_name VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL PRIMARY KEY, "
                + "phase VARCHAR(16) NOT NULL, "
                + "last_modifier VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL, "
                + "last_key TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL, "
                + "rows_synced BIGINT NOT NULL DEFAULT 0, "
                + "invisible_rows BIGINT NOT NULL DEFAULT 0, "
                + "last_load_id VARCHAR(32) NULL, "
                + "status VARCHAR(16) NOT NULL, "
                + "last_error TEXT NULL, "
                + "last_success DATETIME(6) NULL, "
                + "updated_at DATETIME(6) NOT NULL)", sql.createState("_tidemark_state"));
    }

    @Test
    void aStateRowIsReadByTableName() {
        assertEquals("SELECT phase, last_modifier, last_key, rows_synced, last_load_id, status, last_error, "
                + "last_success IS NOT NULL FROM `s` WHERE table_name = ?", sql.readState("s"));
        assertEquals("SELECT table_name, phase, last_modifier, last_key, rows_synced, last_load_id, status, "
                + "last_error, last_success IS NOT NULL FROM `s`", sql.readStates("s"));
    }

    @Test
    void aBatchAddsItsRowsUnlessItsPositionIsAlreadyStored() {
        assertEquals("INSERT INTO `s` (table_name, phase, last_modifier, last_key, rows_synced, last_load_id, status, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?, 'running', UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE "
                + "rows_synced = rows_synced + IF(phase <=> VALUES(phase) AND last_modifier <=> VALUES(last_modifier) "
                + "AND last_key <=> VALUES(last_key), 0, VALUES(rows_synced)), phase = VALUES(phase), "
                + "last_modifier = VALUES(last_modifier), last_key = VALUES(last_key), "
                + "last_load_id = VALUES(last_load_id), status = 'running', updated_at = UTC_TIMESTAMP(6)",
                sql.recordBatchState("s"));
        assertEquals("INSERT INTO `l` (table_name, load_id, started_at, rows_written, status, instance_id) "
                + "VALUES (?, ?, ?, ?, 'running', ?) "
                + "ON DUPLICATE KEY UPDATE rows_written = rows_written + VALUES(rows_written)",
                sql.recordBatchLoad("l"));
    }

    @Test
    void movingAndRestartingSetPhaseAndPositionRestartingAlsoTheCount() {
        assertEquals("INSERT INTO `s` (table_name, phase, last_modifier, last_key, status, updated_at) "
                + "VALUES (?, ?, ?, ?, 'running', UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE phase = VALUES(phase), "
                + "last_modifier = VALUES(last_modifier), last_key = VALUES(last_key), updated_at = UTC_TIMESTAMP(6)",
                sql.moveState("s"));
        assertEquals("INSERT INTO `s` (table_name, phase, last_modifier, last_key, rows_synced, status, updated_at) "
                + "VALUES (?, ?, ?, ?, 0, 'running', UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE phase = VALUES(phase), "
                + "last_modifier = VALUES(last_modifier), last_key = VALUES(last_key), rows_synced = 0, "
                + "status = 'running', updated_at = UTC_TIMESTAMP(6)", sql.restartState("s"));
    }

    @Test
    void finishingARunNeverTouchesPhaseOrPositionOfAnExistingRow() {
        assertEquals("INSERT INTO `s` (table_name, phase, status, last_error, invisible_rows, last_success, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, IF(?, UTC_TIMESTAMP(6), NULL), UTC_TIMESTAMP(6)) "
                + "ON DUPLICATE KEY UPDATE status = VALUES(status), last_error = VALUES(last_error), "
                + "invisible_rows = VALUES(invisible_rows), last_success = IF(?, UTC_TIMESTAMP(6), last_success), "
                + "updated_at = UTC_TIMESTAMP(6)", sql.finishState("s"));
        assertEquals(7, placeholders(sql.finishState("s")));
        assertEquals("INSERT INTO `l` (table_name, load_id, started_at, finished_at, status, error, instance_id) "
                + "VALUES (?, ?, ?, UTC_TIMESTAMP(6), ?, ?, ?) ON DUPLICATE KEY UPDATE "
                + "finished_at = VALUES(finished_at), status = VALUES(status), error = VALUES(error)",
                sql.finishLoad("l"));
        assertEquals("UPDATE `l` SET finished_at = UTC_TIMESTAMP(6), status = 'ok' "
                + "WHERE table_name = ? AND load_id = ?",
                sql.closeLoad("l"));
    }

    @Test
    void theLoadsTableAndItsLaterColumn() {
        assertEquals("CREATE TABLE IF NOT EXISTS `l` ("
                + "table_name VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, "
                + "load_id VARCHAR(32) NOT NULL, started_at DATETIME(6) NOT NULL, finished_at DATETIME(6) NULL, "
                + "rows_written BIGINT NOT NULL DEFAULT 0, status VARCHAR(16) NOT NULL, error TEXT NULL, "
                + "instance_id VARCHAR(190) NULL, PRIMARY KEY (table_name, load_id))", sql.createLoads("l"));
        assertEquals("ALTER TABLE `l` ADD COLUMN instance_id VARCHAR(190) NULL", sql.addLoadsInstanceId("l"));
        assertEquals("SELECT 1 FROM `l` WHERE table_name = ? LIMIT 1", sql.hasRuns("l"));
        assertEquals("INSERT INTO `l` (table_name, load_id, started_at, finished_at, rows_written, status) "
                + "VALUES (?, ?, ?, UTC_TIMESTAMP(6), ?, 'repaired')", sql.repairedLoad("l"));
    }

    @Test
    void deadLettersAreKeptOnePerTableAndKey() {
        assertEquals("CREATE TABLE IF NOT EXISTS `d` (id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                + "table_name VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, "
                + "row_key TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, "
                + "row_content LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, "
                + "load_id VARCHAR(32) NOT NULL, error TEXT NOT NULL, attempts INT NOT NULL DEFAULT 1, "
                + "first_failed_at DATETIME(6) NOT NULL, last_failed_at DATETIME(6) NOT NULL, KEY (table_name))",
                sql.createDeadLetters("d"));
        assertEquals("UPDATE `d` SET row_content = ?, load_id = ?, error = ?, attempts = attempts + 1, "
                + "last_failed_at = UTC_TIMESTAMP(6) WHERE table_name = ? AND row_key = ?", sql.rejectAgain("d"));
        assertEquals("INSERT INTO `d` (table_name, row_key, row_content, load_id, error, first_failed_at, "
                + "last_failed_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))", sql.reject("d"));
    }

    @Test
    void resolvingBindsTableLoadAndEachKey() {
        assertEquals("DELETE FROM `d` WHERE table_name = ? AND load_id <> ? AND row_key IN (?, ?, ?)",
                sql.resolve("d", 3));
        assertEquals(2 + 1000, placeholders(sql.resolve("d", 1000)));
    }

    @Test
    void deadLettersAreReadCountedRemovedAndRetried() {
        assertEquals("SELECT id, row_key, attempts FROM `d` WHERE table_name = ? ORDER BY id", sql.lettersOf("d"));
        assertEquals("SELECT id, row_key, row_content, error, attempts, load_id, first_failed_at, last_failed_at "
                + "FROM `d` WHERE table_name = ? ORDER BY id LIMIT ? OFFSET ?", sql.letterPage("d"));
        assertEquals("SELECT table_name, COUNT(*) FROM `d` GROUP BY table_name", sql.letterCounts("d"));
        assertEquals("SELECT COUNT(*) FROM `d` WHERE table_name = ?", sql.letterCount("d"));
        assertEquals("DELETE FROM `d` WHERE id = ?", sql.removeLetter("d"));
        assertEquals("UPDATE `d` SET attempts = attempts + 1, load_id = ?, error = ?, "
                + "last_failed_at = UTC_TIMESTAMP(6) WHERE id = ?", sql.replayFailed("d"));
    }

    @Test
    void pausesAreOneRowPerPausedTable() {
        assertEquals("CREATE TABLE IF NOT EXISTS `p` (table_name VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin "
                + "NOT NULL PRIMARY KEY, paused_at DATETIME(6) NOT NULL)", sql.createPaused("p"));
        assertEquals("SELECT 1 FROM `p` WHERE table_name = ?", sql.isPaused("p"));
        assertEquals("SELECT table_name FROM `p`", sql.allPaused("p"));
        assertEquals("INSERT IGNORE INTO `p` (table_name, paused_at) VALUES (?, UTC_TIMESTAMP(6))", sql.pause("p"));
        assertEquals("DELETE FROM `p` WHERE table_name = ?", sql.resume("p"));
    }

    @Test
    void sourceColumnsAreOneJsonDocumentPerTable() {
        assertEquals("CREATE TABLE IF NOT EXISTS `c` (table_name VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin "
                + "NOT NULL PRIMARY KEY, columns_json MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL)",
                sql.createSourceColumns("c"));
        assertEquals("SELECT columns_json FROM `c` WHERE table_name = ?", sql.readSourceColumns("c"));
        assertEquals("INSERT INTO `c` (table_name, columns_json) VALUES (?, ?) "
                + "ON DUPLICATE KEY UPDATE columns_json = VALUES(columns_json)", sql.recordSourceColumns("c"));
    }

    @Test
    void eachTablesLastVerificationIsOneJsonDocument() {
        assertEquals("CREATE TABLE IF NOT EXISTS `v` (table_name VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin "
                + "NOT NULL PRIMARY KEY, verified_at DATETIME(6) NOT NULL, "
                + "outcome_json TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL)", sql.createVerifications("v"));
        assertEquals("SELECT table_name, outcome_json FROM `v`", sql.readVerifications("v"));
        assertEquals("INSERT INTO `v` (table_name, verified_at, outcome_json) VALUES (?, UTC_TIMESTAMP(6), ?) "
                + "ON DUPLICATE KEY UPDATE verified_at = VALUES(verified_at), outcome_json = VALUES(outcome_json)",
                sql.recordVerification("v"));
    }

    @Test
    void aTableNameIsQuoted() {
        assertEquals("SELECT 1 FROM `we``ird` WHERE table_name = ?", sql.isPaused("we`ird"));
    }
    @Test
    void theRangesOfAParallelFirstLoadAreKeptPerTableAndRangeAndCountedOnce() {
        assertEquals("CREATE TABLE IF NOT EXISTS `r` ("
                + "table_name VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, "
                + "range_no INT NOT NULL, "
                + "low_key VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL, "
                + "high_key VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL, "
                + "last_key TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL, "
                + "rows_synced BIGINT NOT NULL DEFAULT 0, "
                + "PRIMARY KEY (table_name, range_no))", sql.createRanges("r"));
        assertEquals("SELECT range_no, low_key, high_key, last_key, rows_synced FROM `r` WHERE table_name = ? "
                + "ORDER BY range_no", sql.readRanges("r"));
        assertEquals("DELETE FROM `r` WHERE table_name = ?", sql.clearRanges("r"));
        assertEquals("INSERT INTO `r` (table_name, range_no, low_key, high_key, rows_synced) VALUES (?, ?, ?, ?, 0)",
                sql.addRange("r"));
        // rows_synced first: it compares the stored last_key before the assignment after it changes it
        assertEquals("UPDATE `r` SET rows_synced = rows_synced + IF(last_key <=> ?, 0, ?), last_key = ? "
                + "WHERE table_name = ? AND range_no = ?", sql.recordRangeBatch("r"));
        assertEquals(5, placeholders(sql.recordRangeBatch("r")));
        assertEquals("UPDATE `s` SET rows_synced = rows_synced + (SELECT COALESCE(SUM(rows_synced), 0) FROM `r` "
                + "WHERE table_name = ?) WHERE table_name = ?", sql.addRangeRows("s", "r"));
    }
}
