package io.tidemark.sql.mysql;

import io.tidemark.sql.Dialect;
import io.tidemark.sql.StoreSql;
import java.util.Collections;

/**
 * Tidemark's own tables on MySQL 8.0 and MariaDB: names and keys in utf8mb4_bin (compared byte for byte, as the
 * source's names are), times as DATETIME(6) in UTC, inserts-or-updates as {@code ON DUPLICATE KEY UPDATE} with
 * {@code VALUES(c)} (MySQL's row alias does not exist on MariaDB).
 */
public final class MySqlStoreSql implements StoreSql {

    private static final String NAME = "table_name VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL";
    private static final String STATE_COLUMNS = "phase, last_modifier, last_key, rows_synced, last_load_id, status, "
            + "last_error, last_success IS NOT NULL";

    private final Dialect dialect;

    public MySqlStoreSql(Dialect dialect) {
        this.dialect = dialect;
    }

    private String q(String table) {
        return dialect.quote(table);
    }

    @Override
    public String createState(String state) {
        return "CREATE TABLE IF NOT EXISTS " + q(state) + " ("
                + NAME + " PRIMARY KEY, "
                + "phase VARCHAR(16) NOT NULL, "
                + "last_modifier VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL, "
                + "last_key TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL, "
                + "rows_synced BIGINT NOT NULL DEFAULT 0, "
                + "invisible_rows BIGINT NOT NULL DEFAULT 0, "
                + "last_load_id VARCHAR(32) NULL, "
                + "status VARCHAR(16) NOT NULL, "
                + "last_error TEXT NULL, "
                + "last_success DATETIME(6) NULL, "
                + "updated_at DATETIME(6) NOT NULL)";
    }

    @Override
    public String readState(String state) {
        return "SELECT " + STATE_COLUMNS + " FROM " + q(state) + " WHERE table_name = ?";
    }

    @Override
    public String readStates(String state) {
        return "SELECT table_name, " + STATE_COLUMNS + " FROM " + q(state);
    }

    /** Assignments run left to right: rows_synced compares the stored phase and position before they change. */
    @Override
    public String recordBatchState(String state) {
        return "INSERT INTO " + q(state) + " (table_name, phase, last_modifier, last_key, rows_synced, "
                + "last_load_id, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'running', UTC_TIMESTAMP(6)) "
                + "ON DUPLICATE KEY UPDATE rows_synced = rows_synced + IF(phase <=> VALUES(phase) "
                + "AND last_modifier <=> VALUES(last_modifier) AND last_key <=> VALUES(last_key), 0, "
                + "VALUES(rows_synced)), phase = VALUES(phase), last_modifier = VALUES(last_modifier), "
                + "last_key = VALUES(last_key), "
                + "last_load_id = VALUES(last_load_id), status = 'running', updated_at = UTC_TIMESTAMP(6)";
    }

    @Override
    public String moveState(String state) {
        return "INSERT INTO " + q(state) + " (table_name, phase, last_modifier, last_key, status, updated_at) "
                + "VALUES (?, ?, ?, ?, 'running', UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE "
                + "phase = VALUES(phase), last_modifier = VALUES(last_modifier), last_key = VALUES(last_key), "
                + "updated_at = UTC_TIMESTAMP(6)";
    }

    @Override
    public String restartState(String state) {
        return "INSERT INTO " + q(state) + " (table_name, phase, last_modifier, last_key, rows_synced, status, "
                + "updated_at) VALUES (?, ?, ?, ?, 0, 'running', UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE "
                + "phase = VALUES(phase), last_modifier = VALUES(last_modifier), last_key = VALUES(last_key), "
                + "rows_synced = 0, status = 'running', updated_at = UTC_TIMESTAMP(6)";
    }

    @Override
    public String finishState(String state) {
        return "INSERT INTO " + q(state) + " (table_name, phase, status, last_error, invisible_rows, last_success, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, IF(?, UTC_TIMESTAMP(6), NULL), UTC_TIMESTAMP(6)) "
                + "ON DUPLICATE KEY UPDATE status = VALUES(status), last_error = VALUES(last_error), "
                + "invisible_rows = VALUES(invisible_rows), "
                + "last_success = IF(?, UTC_TIMESTAMP(6), last_success), updated_at = UTC_TIMESTAMP(6)";
    }

    @Override
    public String createRanges(String ranges) {
        return "CREATE TABLE IF NOT EXISTS " + q(ranges) + " ("
                + NAME + ", "
                + "range_no INT NOT NULL, "
                + "low_key VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL, "
                + "high_key VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL, "
                + "last_key TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL, "
                + "rows_synced BIGINT NOT NULL DEFAULT 0, "
                + "PRIMARY KEY (table_name, range_no))";
    }

    @Override
    public String readRanges(String ranges) {
        return "SELECT range_no, low_key, high_key, last_key, rows_synced FROM " + q(ranges)
                + " WHERE table_name = ? ORDER BY range_no";
    }

    @Override
    public String clearRanges(String ranges) {
        return "DELETE FROM " + q(ranges) + " WHERE table_name = ?";
    }

    @Override
    public String addRange(String ranges) {
        return "INSERT INTO " + q(ranges) + " (table_name, range_no, low_key, high_key, rows_synced) "
                + "VALUES (?, ?, ?, ?, 0)";
    }

    /** Assignments run left to right: rows_synced compares the stored last_key before it changes. */
    @Override
    public String recordRangeBatch(String ranges) {
        return "UPDATE " + q(ranges) + " SET rows_synced = rows_synced + IF(last_key <=> ?, 0, ?), last_key = ? "
                + "WHERE table_name = ? AND range_no = ?";
    }

    @Override
    public String addRangeRows(String state, String ranges) {
        return "UPDATE " + q(state) + " SET rows_synced = rows_synced + (SELECT COALESCE(SUM(rows_synced), 0) FROM "
                + q(ranges) + " WHERE table_name = ?) WHERE table_name = ?";
    }

    @Override
    public String createLoads(String loads) {
        return "CREATE TABLE IF NOT EXISTS " + q(loads) + " ("
                + NAME + ", "
                + "load_id VARCHAR(32) NOT NULL, "
                + "started_at DATETIME(6) NOT NULL, "
                + "finished_at DATETIME(6) NULL, "
                + "rows_written BIGINT NOT NULL DEFAULT 0, "
                + "status VARCHAR(16) NOT NULL, "
                + "error TEXT NULL, "
                + "instance_id VARCHAR(190) NULL, "
                + "PRIMARY KEY (table_name, load_id))";
    }

    @Override
    public String addLoadsInstanceId(String loads) {
        return "ALTER TABLE " + q(loads) + " ADD COLUMN instance_id VARCHAR(190) NULL";
    }

    @Override
    public String recordBatchLoad(String loads) {
        return "INSERT INTO " + q(loads) + " (table_name, load_id, started_at, rows_written, status, instance_id) "
                + "VALUES (?, ?, ?, ?, 'running', ?) "
                + "ON DUPLICATE KEY UPDATE rows_written = rows_written + VALUES(rows_written)";
    }

    @Override
    public String finishLoad(String loads) {
        return "INSERT INTO " + q(loads) + " (table_name, load_id, started_at, finished_at, status, error, "
                + "instance_id) VALUES (?, ?, ?, UTC_TIMESTAMP(6), ?, ?, ?) ON DUPLICATE KEY UPDATE "
                + "finished_at = VALUES(finished_at), status = VALUES(status), error = VALUES(error)";
    }

    @Override
    public String closeLoad(String loads) {
        return "UPDATE " + q(loads) + " SET finished_at = UTC_TIMESTAMP(6), status = 'ok' "
                + "WHERE table_name = ? AND load_id = ?";
    }

    @Override
    public String hasRuns(String loads) {
        return "SELECT 1 FROM " + q(loads) + " WHERE table_name = ? LIMIT 1";
    }

    @Override
    public String repairedLoad(String loads) {
        return "INSERT INTO " + q(loads) + " (table_name, load_id, started_at, finished_at, rows_written, status) "
                + "VALUES (?, ?, ?, UTC_TIMESTAMP(6), ?, 'repaired')";
    }

    @Override
    public String createDeadLetters(String deadLetters) {
        return "CREATE TABLE IF NOT EXISTS " + q(deadLetters) + " ("
                + "id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                + NAME + ", "
                + "row_key TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, "
                + "row_content LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, "
                + "load_id VARCHAR(32) NOT NULL, "
                + "error TEXT NOT NULL, "
                + "attempts INT NOT NULL DEFAULT 1, "
                + "first_failed_at DATETIME(6) NOT NULL, "
                + "last_failed_at DATETIME(6) NOT NULL, "
                + "KEY (table_name))";
    }

    @Override
    public String rejectAgain(String deadLetters) {
        return "UPDATE " + q(deadLetters) + " SET row_content = ?, load_id = ?, error = ?, "
                + "attempts = attempts + 1, last_failed_at = UTC_TIMESTAMP(6) WHERE table_name = ? AND row_key = ?";
    }

    @Override
    public String reject(String deadLetters) {
        return "INSERT INTO " + q(deadLetters) + " (table_name, row_key, row_content, load_id, error, "
                + "first_failed_at, last_failed_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))";
    }

    @Override
    public String resolve(String deadLetters, int keys) {
        return "DELETE FROM " + q(deadLetters) + " WHERE table_name = ? AND load_id <> ? AND row_key IN ("
                + String.join(", ", Collections.nCopies(keys, "?")) + ")";
    }

    @Override
    public String lettersOf(String deadLetters) {
        return "SELECT id, row_key, attempts FROM " + q(deadLetters) + " WHERE table_name = ? ORDER BY id";
    }

    @Override
    public String letterPage(String deadLetters) {
        return "SELECT id, row_key, row_content, error, attempts, load_id, first_failed_at, last_failed_at "
                + "FROM " + q(deadLetters) + " WHERE table_name = ? ORDER BY id LIMIT ? OFFSET ?";
    }

    @Override
    public String letterCounts(String deadLetters) {
        return "SELECT table_name, COUNT(*) FROM " + q(deadLetters) + " GROUP BY table_name";
    }

    @Override
    public String letterCount(String deadLetters) {
        return "SELECT COUNT(*) FROM " + q(deadLetters) + " WHERE table_name = ?";
    }

    @Override
    public String removeLetter(String deadLetters) {
        return "DELETE FROM " + q(deadLetters) + " WHERE id = ?";
    }

    @Override
    public String replayFailed(String deadLetters) {
        return "UPDATE " + q(deadLetters) + " SET attempts = attempts + 1, load_id = ?, error = ?, "
                + "last_failed_at = UTC_TIMESTAMP(6) WHERE id = ?";
    }

    @Override
    public String createPaused(String paused) {
        return "CREATE TABLE IF NOT EXISTS " + q(paused) + " (" + NAME + " PRIMARY KEY, "
                + "paused_at DATETIME(6) NOT NULL)";
    }

    @Override
    public String isPaused(String paused) {
        return "SELECT 1 FROM " + q(paused) + " WHERE table_name = ?";
    }

    @Override
    public String allPaused(String paused) {
        return "SELECT table_name FROM " + q(paused);
    }

    @Override
    public String pause(String paused) {
        return "INSERT IGNORE INTO " + q(paused) + " (table_name, paused_at) VALUES (?, UTC_TIMESTAMP(6))";
    }

    @Override
    public String resume(String paused) {
        return "DELETE FROM " + q(paused) + " WHERE table_name = ?";
    }

    @Override
    public String createSourceColumns(String sourceColumns) {
        return "CREATE TABLE IF NOT EXISTS " + q(sourceColumns) + " (" + NAME + " PRIMARY KEY, "
                + "columns_json MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL)";
    }

    @Override
    public String readSourceColumns(String sourceColumns) {
        return "SELECT columns_json FROM " + q(sourceColumns) + " WHERE table_name = ?";
    }

    @Override
    public String recordSourceColumns(String sourceColumns) {
        return "INSERT INTO " + q(sourceColumns) + " (table_name, columns_json) VALUES (?, ?) "
                + "ON DUPLICATE KEY UPDATE columns_json = VALUES(columns_json)";
    }

    @Override
    public String createVerifications(String verifications) {
        return "CREATE TABLE IF NOT EXISTS " + q(verifications) + " (" + NAME + " PRIMARY KEY, "
                + "verified_at DATETIME(6) NOT NULL, "
                + "outcome_json TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL)";
    }

    @Override
    public String readVerifications(String verifications) {
        return "SELECT table_name, outcome_json FROM " + q(verifications);
    }

    @Override
    public String recordVerification(String verifications) {
        return "INSERT INTO " + q(verifications) + " (table_name, verified_at, outcome_json) "
                + "VALUES (?, UTC_TIMESTAMP(6), ?) "
                + "ON DUPLICATE KEY UPDATE verified_at = VALUES(verified_at), outcome_json = VALUES(outcome_json)";
    }
}
