package io.tidemark.store;

import io.tidemark.run.Committed;
import io.tidemark.run.Phase;
import io.tidemark.run.Position;
import io.tidemark.sql.Dialect;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where the watermark is kept: one row per target table in the state table, and one row per run that wrote
 * or failed in the loads table, both in the target database. {@link #advance} is called inside the batch's
 * transaction ({@link TargetTransaction}), so rows and watermark always commit together.
 */
public final class StateStore {

    /**
     * The committed state of one table (see {@link Position} for what its position means).
     *
     * @param succeeded some run of the table ended well ({@code last_success} is set)
     */
    public record State(String phase, Position position, long rowsSynced, String lastLoadId, String status,
                        String lastError, boolean succeeded) {

        public String modifier() {
            return position.modifier();
        }

        public List<String> key() {
            return position.key();
        }

        /** What the planner needs of it. */
        public Committed committed() {
            return new Committed(Phase.of(phase), position, rowsSynced, succeeded);
        }
    }

    private static final String COLUMNS = "phase, last_modifier, last_key, rows_synced, last_load_id, status, "
            + "last_error, last_success IS NOT NULL";

    private final JdbcTemplate jdbc;
    private final String state;
    private final String loads;
    private final String loadsTable;
    private final Supplier<String> instanceId;
    /** Runs whose loads row {@link #advance} opened, so that {@link #finish} closes it even if no row was new. */
    private final Set<String> opened = ConcurrentHashMap.newKeySet();

    public StateStore(DataSource target, Dialect dialect, String stateTable, String loadsTable) {
        this(target, dialect, stateTable, loadsTable, () -> null);
    }

    /** {@code instanceId}: the instance that runs here, recorded on each loads row (io.tidemark.cluster.InstanceId). */
    public StateStore(DataSource target, Dialect dialect, String stateTable, String loadsTable,
                      Supplier<String> instanceId) {
        this.jdbc = new JdbcTemplate(target);
        this.state = dialect.quote(stateTable);
        this.loads = dialect.quote(loadsTable);
        this.loadsTable = loadsTable;
        this.instanceId = instanceId;
    }

    public void createTables() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + state + " ("
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
                + "updated_at DATETIME(6) NOT NULL)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + loads + " ("
                + "table_name VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, "
                + "load_id VARCHAR(32) NOT NULL, "
                + "started_at DATETIME(6) NOT NULL, "
                + "finished_at DATETIME(6) NULL, "
                + "rows_written BIGINT NOT NULL DEFAULT 0, "
                + "status VARCHAR(16) NOT NULL, "
                + "error TEXT NULL, "
                + "instance_id VARCHAR(190) NULL, "
                + "PRIMARY KEY (table_name, load_id))");
        // Loads tables made before runs recorded their instance get the column (instances starting together may race).
        if (jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = ? AND COLUMN_NAME = 'instance_id'", Integer.class, loadsTable) == 0) {
            try {
                jdbc.execute("ALTER TABLE " + loads + " ADD COLUMN instance_id VARCHAR(190) NULL");
            } catch (DataAccessException e) {
                if (!(e.getMostSpecificCause() instanceof SQLException sql && sql.getErrorCode() == 1060)) {
                    throw e; // 1060: duplicate column, added meanwhile by another instance
                }
            }
        }
    }

    /**
     * The committed state of a table. A state table dropped by hand is created again (empty), so that the
     * caller sees the missing row and can tell a lost state from a new table (see {@link #hasRuns}).
     */
    public Optional<State> read(String table) {
        try {
            return readRow(table);
        } catch (BadSqlGrammarException e) {
            if (e.getSQLException() == null || e.getSQLException().getErrorCode() != 1146) {
                throw e;
            }
            createTables();
            return readRow(table);
        }
    }

    private Optional<State> readRow(String table) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + state + " WHERE table_name = ?",
                (rs, n) -> state(rs, 1), table).stream().findFirst();
    }

    private static State state(java.sql.ResultSet rs, int first) throws SQLException {
        return new State(rs.getString(first), Position.fromState(rs.getString(first + 1), rs.getString(first + 2)),
                rs.getLong(first + 3), rs.getString(first + 4), rs.getString(first + 5), rs.getString(first + 6),
                rs.getBoolean(first + 7));
    }

    /** Every table's committed state by target table, in one query (for the API). */
    public java.util.Map<String, State> all() {
        java.util.Map<String, State> all = new java.util.HashMap<>();
        jdbc.query("SELECT table_name, " + COLUMNS + " FROM " + state, rs -> {
            all.put(rs.getString(1), state(rs, 2));
        });
        return all;
    }

    /**
     * Records a written batch: the new position and row count in the state, and the run in the loads table.
     * Must run in the batch's transaction.
     */
    public void advance(String table, Phase phase, Position position, long rows, String loadId, String startedAt) {
        jdbc.update("INSERT INTO " + state + " (table_name, phase, last_modifier, last_key, rows_synced, "
                        + "last_load_id, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'running', UTC_TIMESTAMP(6)) "
                        // A batch whose commit succeeded but whose answer was lost is retried: it finds its own
                        // position already stored and is not counted twice (assignments run left to right).
                        + "ON DUPLICATE KEY UPDATE rows_synced = rows_synced + IF(phase <=> VALUES(phase) "
                        + "AND last_modifier <=> VALUES(last_modifier) AND last_key <=> VALUES(last_key), 0, "
                        + "VALUES(rows_synced)), phase = VALUES(phase), last_modifier = VALUES(last_modifier), "
                        + "last_key = VALUES(last_key), "
                        + "last_load_id = VALUES(last_load_id), status = 'running', updated_at = UTC_TIMESTAMP(6)",
                table, phase.text, position.modifier(), position.keyText(), rows, loadId);
        jdbc.update("INSERT INTO " + loads + " (table_name, load_id, started_at, rows_written, status, instance_id) "
                        + "VALUES (?, ?, ?, ?, 'running', ?) "
                        + "ON DUPLICATE KEY UPDATE rows_written = rows_written + VALUES(rows_written)",
                table, loadId, startedAt, rows, instanceId.get());
        opened.add(table + '\0' + loadId);
    }

    /** Moves a table to another phase without rows (a copy is complete). */
    public void moveTo(String table, Phase phase, Position position) {
        jdbc.update("INSERT INTO " + state + " (table_name, phase, last_modifier, last_key, status, updated_at) "
                        + "VALUES (?, ?, ?, ?, 'running', UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE "
                        + "phase = VALUES(phase), last_modifier = VALUES(last_modifier), last_key = VALUES(last_key), "
                        + "updated_at = UTC_TIMESTAMP(6)",
                table, phase.text, position.modifier(), position.keyText());
    }

    /**
     * Starts a table's phase over in one statement (a first load or resync begins): the phase, its position and a
     * row count of 0. A crash right after leaves that, never a missing row.
     */
    public void restart(String table, Phase phase, Position position) {
        jdbc.update("INSERT INTO " + state + " (table_name, phase, last_modifier, last_key, rows_synced, status, "
                        + "updated_at) VALUES (?, ?, ?, ?, 0, 'running', UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE "
                        + "phase = VALUES(phase), last_modifier = VALUES(last_modifier), last_key = VALUES(last_key), "
                        + "rows_synced = 0, status = 'running', updated_at = UTC_TIMESTAMP(6)",
                table, phase.text, position.modifier(), position.keyText());
    }

    /**
     * Closes a run: status and error on the state row, end time and outcome on its loads row (if it wrote). The
     * phase and position are never changed here; {@code phase} is recorded only for a table that has no state row yet.
     */
    public void finish(String table, Phase phase, String loadId, String startedAt, boolean ok, String error,
                       long invisibleRows, boolean wrote) {
        jdbc.update("INSERT INTO " + state + " (table_name, phase, status, last_error, invisible_rows, last_success, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?, IF(?, UTC_TIMESTAMP(6), NULL), UTC_TIMESTAMP(6)) "
                        + "ON DUPLICATE KEY UPDATE status = VALUES(status), last_error = VALUES(last_error), "
                        + "invisible_rows = VALUES(invisible_rows), "
                        + "last_success = IF(?, UTC_TIMESTAMP(6), last_success), updated_at = UTC_TIMESTAMP(6)",
                table, phase.text, ok ? "ok" : "failed", error, invisibleRows, ok, ok);
        boolean open = opened.remove(table + '\0' + loadId);
        if (wrote || !ok) {
            jdbc.update("INSERT INTO " + loads + " (table_name, load_id, started_at, finished_at, status, error, "
                            + "instance_id) VALUES (?, ?, ?, UTC_TIMESTAMP(6), ?, ?, ?) ON DUPLICATE KEY UPDATE "
                            + "finished_at = VALUES(finished_at), status = VALUES(status), error = VALUES(error)",
                    table, loadId, startedAt, ok ? "ok" : "failed", error, instanceId.get());
        } else if (open) {
            // It only re-read rows inside the lag window: its row (0 rows written) is closed, not left 'running'.
            jdbc.update("UPDATE " + loads + " SET finished_at = UTC_TIMESTAMP(6), status = 'ok' "
                    + "WHERE table_name = ? AND load_id = ?", table, loadId);
        }
    }

    /** True when the loads table has runs of this table: its state row, if missing, was lost rather than new. */
    public boolean hasRuns(String table) {
        return !jdbc.queryForList("SELECT 1 FROM " + loads + " WHERE table_name = ? LIMIT 1", table).isEmpty();
    }

    /** A key as the state and dead-letter tables keep it (a JSON array of strings), see {@link Position}. */
    static List<String> decode(String json) {
        return Position.fromState(null, json).key();
    }
}
