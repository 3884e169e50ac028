package io.tidemark.sql;

import java.util.Collections;

/**
 * {@link StoreSql} on PostgreSQL: Tidemark's own tables (state, loads, dead letters, paused tables, source columns)
 * with the columns StoreSql names, each statement binding its parameters in the order StoreSql lists. Times are UTC
 * from the server's clock; a time bound as text is cast (PgJDBC would type a string parameter as text). Names
 * compare byte-wise ({@code COLLATE "C"}, MySQL's utf8mb4_bin). Every right-hand side of an ON CONFLICT update reads
 * the row as it was (PostgreSQL has no MySQL-style left-to-right assignment).
 */
public final class PostgresStoreSql implements StoreSql {

    /** The current UTC time, from the server's clock at the moment of the statement. */
    public static final String UTC_NOW = "CAST(clock_timestamp() AT TIME ZONE 'UTC' AS timestamp(6))";

    private static final String NAME = "table_name character varying(64) COLLATE \"C\" NOT NULL";
    private static final String STATE_COLUMNS = "phase, last_modifier, last_key, rows_synced, last_load_id, status, "
            + "last_error, last_success IS NOT NULL";

    private final PostgresDialect dialect;

    PostgresStoreSql(PostgresDialect dialect) {
        this.dialect = dialect;
    }

    private String q(String table) {
        return dialect.table(table);
    }

    @Override
    public String createState(String state) {
        return "CREATE TABLE IF NOT EXISTS " + q(state) + " (" + NAME + " PRIMARY KEY, "
                + "phase character varying(16) NOT NULL, last_modifier character varying(64) COLLATE \"C\" NULL, "
                + "last_key text COLLATE \"C\" NULL, rows_synced bigint NOT NULL DEFAULT 0, "
                + "invisible_rows bigint NOT NULL DEFAULT 0, last_load_id character varying(32) NULL, "
                + "status character varying(16) NOT NULL, last_error text NULL, last_success timestamp(6) NULL, "
                + "updated_at timestamp(6) NOT NULL)";
    }

    @Override
    public String readState(String state) {
        return "SELECT " + STATE_COLUMNS + " FROM " + q(state) + " WHERE table_name = ?";
    }

    @Override
    public String readStates(String state) {
        return "SELECT table_name, " + STATE_COLUMNS + " FROM " + q(state);
    }

    @Override
    public String recordBatchState(String state) {
        return "INSERT INTO " + q(state) + " AS s (table_name, phase, last_modifier, last_key, rows_synced, "
                + "last_load_id, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'running', " + UTC_NOW + ") "
                + "ON CONFLICT (table_name) DO UPDATE SET rows_synced = s.rows_synced + CASE WHEN "
                + "s.phase IS NOT DISTINCT FROM EXCLUDED.phase AND s.last_modifier IS NOT DISTINCT FROM "
                + "EXCLUDED.last_modifier AND s.last_key IS NOT DISTINCT FROM EXCLUDED.last_key THEN 0 "
                + "ELSE EXCLUDED.rows_synced END, phase = EXCLUDED.phase, last_modifier = EXCLUDED.last_modifier, "
                + "last_key = EXCLUDED.last_key, last_load_id = EXCLUDED.last_load_id, status = 'running', "
                + "updated_at = " + UTC_NOW;
    }

    @Override
    public String moveState(String state) {
        return "INSERT INTO " + q(state) + " (table_name, phase, last_modifier, last_key, status, updated_at) "
                + "VALUES (?, ?, ?, ?, 'running', " + UTC_NOW + ") ON CONFLICT (table_name) DO UPDATE SET "
                + "phase = EXCLUDED.phase, last_modifier = EXCLUDED.last_modifier, last_key = EXCLUDED.last_key, "
                + "updated_at = " + UTC_NOW;
    }

    @Override
    public String restartState(String state) {
        return "INSERT INTO " + q(state) + " (table_name, phase, last_modifier, last_key, rows_synced, status, "
                + "updated_at) VALUES (?, ?, ?, ?, 0, 'running', " + UTC_NOW + ") ON CONFLICT (table_name) DO UPDATE "
                + "SET phase = EXCLUDED.phase, last_modifier = EXCLUDED.last_modifier, last_key = EXCLUDED.last_key, "
                + "rows_synced = 0, status = 'running', updated_at = " + UTC_NOW;
    }

    @Override
    public String finishState(String state) {
        return "INSERT INTO " + q(state) + " AS s (table_name, phase, status, last_error, invisible_rows, "
                + "last_success, updated_at) VALUES (?, ?, ?, ?, ?, CASE WHEN ? THEN " + UTC_NOW + " END, " + UTC_NOW
                + ") ON CONFLICT (table_name) DO UPDATE SET status = EXCLUDED.status, "
                + "last_error = EXCLUDED.last_error, invisible_rows = EXCLUDED.invisible_rows, "
                + "last_success = CASE WHEN ? THEN " + UTC_NOW + " ELSE s.last_success END, updated_at = " + UTC_NOW;
    }

    @Override
    public String createRanges(String ranges) {
        return "CREATE TABLE IF NOT EXISTS " + q(ranges) + " (" + NAME + ", range_no integer NOT NULL, "
                + "low_key character varying(64) COLLATE \"C\" NULL, "
                + "high_key character varying(64) COLLATE \"C\" NULL, "
                + "last_key text COLLATE \"C\" NULL, rows_synced bigint NOT NULL DEFAULT 0, "
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

    @Override
    public String recordRangeBatch(String ranges) {
        return "UPDATE " + q(ranges) + " SET rows_synced = rows_synced + CASE WHEN last_key IS NOT DISTINCT FROM "
                + "CAST(? AS text) THEN 0 ELSE ? END, last_key = ? WHERE table_name = ? AND range_no = ?";
    }

    @Override
    public String addRangeRows(String state, String ranges) {
        return "UPDATE " + q(state) + " SET rows_synced = rows_synced + (SELECT COALESCE(SUM(rows_synced), 0) FROM "
                + q(ranges) + " WHERE table_name = ?) WHERE table_name = ?";
    }

    @Override
    public String createLoads(String loads) {
        return "CREATE TABLE IF NOT EXISTS " + q(loads) + " (" + NAME + ", load_id character varying(32) NOT NULL, "
                + "started_at timestamp(6) NOT NULL, finished_at timestamp(6) NULL, "
                + "rows_written bigint NOT NULL DEFAULT 0, status character varying(16) NOT NULL, error text NULL, "
                + "instance_id character varying(190) NULL, PRIMARY KEY (table_name, load_id))";
    }

    @Override
    public String addLoadsInstanceId(String loads) {
        return "ALTER TABLE " + q(loads) + " ADD COLUMN IF NOT EXISTS instance_id character varying(190) NULL";
    }

    @Override
    public String recordBatchLoad(String loads) {
        return "INSERT INTO " + q(loads) + " AS l (table_name, load_id, started_at, rows_written, status, "
                + "instance_id) VALUES (?, ?, CAST(? AS timestamp(6)), ?, 'running', ?) ON CONFLICT (table_name, "
                + "load_id) DO UPDATE SET rows_written = l.rows_written + EXCLUDED.rows_written";
    }

    @Override
    public String finishLoad(String loads) {
        return "INSERT INTO " + q(loads) + " (table_name, load_id, started_at, finished_at, status, error, "
                + "instance_id) VALUES (?, ?, CAST(? AS timestamp(6)), " + UTC_NOW + ", ?, ?, ?) ON CONFLICT "
                + "(table_name, load_id) DO UPDATE SET finished_at = EXCLUDED.finished_at, status = EXCLUDED.status, "
                + "error = EXCLUDED.error";
    }

    @Override
    public String closeLoad(String loads) {
        return "UPDATE " + q(loads) + " SET finished_at = " + UTC_NOW + ", status = 'ok' "
                + "WHERE table_name = ? AND load_id = ?";
    }

    @Override
    public String hasRuns(String loads) {
        return "SELECT 1 FROM " + q(loads) + " WHERE table_name = ? LIMIT 1";
    }

    @Override
    public String repairedLoad(String loads) {
        return "INSERT INTO " + q(loads) + " (table_name, load_id, started_at, finished_at, rows_written, status) "
                + "VALUES (?, ?, CAST(? AS timestamp(6)), " + UTC_NOW + ", ?, 'repaired')";
    }

    /** The table and its index on table_name, two statements in one text (PgJDBC runs both). */
    @Override
    public String createDeadLetters(String deadLetters) {
        return "CREATE TABLE IF NOT EXISTS " + q(deadLetters) + " (id bigint GENERATED BY DEFAULT AS IDENTITY "
                + "PRIMARY KEY, " + NAME + ", row_key text COLLATE \"C\" NOT NULL, "
                + "row_content text COLLATE \"C\" NOT NULL, load_id character varying(32) NOT NULL, "
                + "error text NOT NULL, attempts integer NOT NULL DEFAULT 1, first_failed_at timestamp(6) NOT NULL, "
                + "last_failed_at timestamp(6) NOT NULL); CREATE INDEX IF NOT EXISTS "
                + dialect.quote(bare(deadLetters) + "_table_name") + " ON " + q(deadLetters) + " (table_name)";
    }

    @Override
    public String rejectAgain(String deadLetters) {
        return "UPDATE " + q(deadLetters) + " SET row_content = ?, load_id = ?, error = ?, attempts = attempts + 1, "
                + "last_failed_at = " + UTC_NOW + " WHERE table_name = ? AND row_key = ?";
    }

    @Override
    public String reject(String deadLetters) {
        return "INSERT INTO " + q(deadLetters) + " (table_name, row_key, row_content, load_id, error, "
                + "first_failed_at, last_failed_at) VALUES (?, ?, ?, ?, ?, " + UTC_NOW + ", " + UTC_NOW + ")";
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
        return "SELECT id, row_key, row_content, error, attempts, load_id, first_failed_at::text, "
                + "last_failed_at::text FROM " + q(deadLetters) + " WHERE table_name = ? ORDER BY id LIMIT ? OFFSET ?";
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
                + "last_failed_at = " + UTC_NOW + " WHERE id = ?";
    }

    @Override
    public String createPaused(String paused) {
        return "CREATE TABLE IF NOT EXISTS " + q(paused) + " (" + NAME + " PRIMARY KEY, "
                + "paused_at timestamp(6) NOT NULL)";
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
        return "INSERT INTO " + q(paused) + " (table_name, paused_at) VALUES (?, " + UTC_NOW + ") "
                + "ON CONFLICT (table_name) DO NOTHING";
    }

    @Override
    public String resume(String paused) {
        return "DELETE FROM " + q(paused) + " WHERE table_name = ?";
    }

    @Override
    public String createSourceColumns(String sourceColumns) {
        return "CREATE TABLE IF NOT EXISTS " + q(sourceColumns) + " (" + NAME + " PRIMARY KEY, "
                + "columns_json text COLLATE \"C\" NOT NULL)";
    }

    @Override
    public String readSourceColumns(String sourceColumns) {
        return "SELECT columns_json FROM " + q(sourceColumns) + " WHERE table_name = ?";
    }

    @Override
    public String recordSourceColumns(String sourceColumns) {
        return "INSERT INTO " + q(sourceColumns) + " (table_name, columns_json) VALUES (?, ?) "
                + "ON CONFLICT (table_name) DO UPDATE SET columns_json = EXCLUDED.columns_json";
    }

    @Override
    public String createVerifications(String verifications) {
        return "CREATE TABLE IF NOT EXISTS " + q(verifications) + " (" + NAME + " PRIMARY KEY, "
                + "verified_at timestamp(6) NOT NULL, outcome_json text COLLATE \"C\" NOT NULL)";
    }

    @Override
    public String readVerifications(String verifications) {
        return "SELECT table_name, outcome_json FROM " + q(verifications);
    }

    @Override
    public String recordVerification(String verifications) {
        return "INSERT INTO " + q(verifications) + " (table_name, verified_at, outcome_json) "
                + "VALUES (?, " + UTC_NOW + ", ?) ON CONFLICT (table_name) "
                + "DO UPDATE SET verified_at = EXCLUDED.verified_at, outcome_json = EXCLUDED.outcome_json";
    }

    private static String bare(String table) {
        return table.substring(table.indexOf('.') + 1);
    }
}
