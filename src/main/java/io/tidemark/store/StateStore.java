package io.tidemark.store;

import io.tidemark.run.Committed;
import io.tidemark.run.Phase;
import io.tidemark.run.Position;
import io.tidemark.sql.CatalogSql;
import io.tidemark.sql.Dialect;
import io.tidemark.sql.StoreSql;
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
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where the watermark is kept: one row per target table in the state table, and one row per run that wrote
 * or failed in the loads table, both in the target database. {@link #recordBatch} is called inside the batch's
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

    private final JdbcTemplate jdbc;
    private final StoreSql sql;
    private final CatalogSql catalog;
    private final String state;
    private final String loads;
    private final String ranges;
    private final Supplier<String> instanceId;
    private final TransactionTemplate transaction;
    /** Runs whose loads row {@link #recordBatch} opened, so that {@link #finish} closes it even if no row was new. */
    private final Set<String> opened = ConcurrentHashMap.newKeySet();

    public StateStore(DataSource target, Dialect dialect, String stateTable, String loadsTable) {
        this(target, dialect, stateTable, loadsTable, "_tidemark_ranges", () -> null);
    }

    /** {@code instanceId}: the instance that runs here, recorded on each loads row (io.tidemark.cluster.InstanceId). */
    public StateStore(DataSource target, Dialect dialect, String stateTable, String loadsTable, String rangesTable,
                      Supplier<String> instanceId) {
        this.jdbc = new JdbcTemplate(target);
        this.sql = dialect.store();
        this.catalog = dialect.catalog();
        this.state = stateTable;
        this.loads = loadsTable;
        this.ranges = rangesTable;
        this.instanceId = instanceId;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(target));
    }

    public void createTables() {
        jdbc.execute(sql.createState(state));
        jdbc.execute(sql.createLoads(loads));
        jdbc.execute(sql.createRanges(ranges));
        // Loads tables made before runs recorded their instance get the column (instances starting together may race).
        if (jdbc.queryForObject(catalog.columnCount(), Integer.class, loads, "instance_id") == 0) {
            try {
                jdbc.execute(sql.addLoadsInstanceId(loads));
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
        return jdbc.query(sql.readState(state),
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
        jdbc.query(sql.readStates(state), rs -> {
            all.put(rs.getString(1), state(rs, 2));
        });
        return all;
    }

    /**
     * Records a written batch: the new position and row count in the state, and the run in the loads table.
     * Must run in the batch's transaction.
     */
    public void recordBatch(String table, Phase phase, Position position, long rows, String loadId, String startedAt) {
        // A batch whose commit succeeded but whose answer was lost is retried: it finds its own position already
        // stored and is not counted twice.
        jdbc.update(sql.recordBatchState(state), table, phase.text, position.modifier(), position.keyText(), rows,
                loadId);
        jdbc.update(sql.recordBatchLoad(loads), table, loadId, startedAt, rows, instanceId.get());
        opened.add(table + '\0' + loadId);
    }

    /** Moves a table to another phase without rows (a copy is complete). */
    public void moveTo(String table, Phase phase, Position position) {
        jdbc.update(sql.moveState(state), table, phase.text, position.modifier(), position.keyText());
    }

    /**
     * Starts a table's phase over in one statement (a first load or resync begins): the phase, its position and a
     * row count of 0. A crash right after leaves that, never a missing row.
     */
    public void restart(String table, Phase phase, Position position) {
        jdbc.update(sql.restartState(state), table, phase.text, position.modifier(), position.keyText());
    }

    /**
     * Closes a run: status and error on the state row, end time and outcome on its loads row (if it wrote). The
     * phase and position are never changed here; {@code phase} is recorded only for a table that has no state row yet.
     */
    public void finish(String table, Phase phase, String loadId, String startedAt, boolean ok, String error,
                       long invisibleRows, boolean wrote) {
        jdbc.update(sql.finishState(state), table, phase.text, ok ? "ok" : "failed", error, invisibleRows, ok, ok);
        boolean open = opened.remove(table + '\0' + loadId);
        if (wrote || !ok) {
            jdbc.update(sql.finishLoad(loads), table, loadId, startedAt, ok ? "ok" : "failed", error, instanceId.get());
        } else if (open) {
            // It only re-read rows inside the lag window: its row (0 rows written) is closed, not left 'running'.
            jdbc.update(sql.closeLoad(loads), table, loadId);
        }
    }

    /**
     * One key range of a parallel first load (see {@link io.tidemark.run.KeyRanges}): its bounds on the first key
     * column as text (null: unbounded), its committed position (null: nothing committed yet) and its rows so far.
     */
    public record Range(int number, String low, String high, Position position, long rows) {
    }

    /** A table's ranges, in order; empty when its first load is not split. */
    public List<Range> ranges(String table) {
        return jdbc.query(sql.readRanges(ranges), (rs, n) -> new Range(rs.getInt(1), rs.getString(2),
                rs.getString(3), rs.getString(4) == null ? null : Position.fromState(null, rs.getString(4)),
                rs.getLong(5)), table);
    }

    /**
     * Splits a first load into ranges, in one transaction: the ranges (none committed) replace any older ones, and
     * the state row's position becomes the copy's mark with an empty key (see {@link Position#ranged}), which tells
     * the next run to resume the ranges; rows_synced stays what {@link #restart} set (0).
     */
    public void startRanges(String table, Position mark, List<Range> split) {
        transaction.executeWithoutResult(status -> {
            jdbc.update(sql.clearRanges(ranges), table);
            for (Range range : split) {
                jdbc.update(sql.addRange(ranges), table, range.number(), range.low(), range.high());
            }
            jdbc.update(sql.moveState(state), table, Phase.INITIAL.text, mark.modifier(),
                    mark.withKey(List.of()).keyText());
        });
    }

    /** Records a range's written batch: its position and rows, and the run in the loads table. In its transaction. */
    public void recordRange(String table, int range, Position position, long rows, String loadId, String startedAt) {
        String key = position.keyText();
        jdbc.update(sql.recordRangeBatch(ranges), key, rows, key, table, range);
        jdbc.update(sql.recordBatchLoad(loads), table, loadId, startedAt, rows, instanceId.get());
        opened.add(table + '\0' + loadId);
    }

    /**
     * Every range is complete: in one transaction their rows are added to the state row's rows_synced, the table
     * moves to {@code phase} at {@code position} and the ranges are deleted.
     */
    public void endRanges(String table, Phase phase, Position position) {
        transaction.executeWithoutResult(status -> {
            jdbc.update(sql.addRangeRows(state, ranges), table, table);
            jdbc.update(sql.moveState(state), table, phase.text, position.modifier(), position.keyText());
            jdbc.update(sql.clearRanges(ranges), table);
        });
    }

    /** True when the loads table has runs of this table: its state row, if missing, was lost rather than new. */
    public boolean hasRuns(String table) {
        return !jdbc.queryForList(sql.hasRuns(loads), table).isEmpty();
    }

    /** A key as the state and dead-letter tables keep it (a JSON array of strings), see {@link Position}. */
    static List<String> decode(String json) {
        return Position.fromState(null, json).key();
    }
}
