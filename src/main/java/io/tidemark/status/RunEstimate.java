package io.tidemark.status;

import io.tidemark.run.TableRun;
import io.tidemark.table.TableSpec;

import io.tidemark.sql.Dialect;
import io.tidemark.store.StateStore;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How many rows a run in flight will write, estimated once per run: a first load or a full refresh from the
 * source table's row count in information_schema (InnoDB's estimate, free to read; a COUNT(*) only when it
 * says 0), less what a resumed first load has already written; an incremental run by counting the rows between
 * its committed watermark and its upper bound (a range on the modifier's index).
 */
final class RunEstimate {

    private final JdbcTemplate source;
    private final Dialect dialect;
    private final StateStore state;

    RunEstimate(DataSource source, Dialect dialect, StateStore state) {
        this.source = new JdbcTemplate(source);
        this.dialect = dialect;
        this.state = state;
    }

    long rows(TableRun run) {
        TableSpec spec = run.spec();
        return switch (run.mode()) {
            case FULL -> tableRows(spec.table());
            case INITIAL, RESYNC -> {
                // rows_synced already counts this run's committed batches: take them out to get the earlier runs'.
                long before = state.read(spec.targetTable()).map(StateStore.State::rowsSynced).orElse(0L) - run.rows();
                yield tableRows(spec.table()) - Math.max(0, before);
            }
            case INCREMENTAL -> changedRows(run);
        };
    }

    private long changedRows(TableRun run) {
        List<Object> values = new ArrayList<>();
        Object committed = run.plan().committed().modifierValue(run.spec().modifier());
        if (committed != null) {
            values.add(committed);
        }
        if (run.plan().bound() != null) {
            values.add(run.plan().bound());
        }
        Long n = source.queryForObject(dialect.catalog().countRows(run.spec().table(), run.spec().modifier().name(),
                committed != null, run.plan().bound() != null, run.spec().where()), Long.class, values.toArray());
        return n == null ? 0 : n;
    }

    private long tableRows(String table) {
        Long estimate = source.execute((ConnectionCallback<Long>) c -> {
            String fresh = dialect.catalog().freshStatistics();
            if (fresh != null) {
                try (Statement s = c.createStatement()) {
                    s.execute(fresh);
                } catch (SQLException notThere) {
                    // a server without the setting reads the statistics afresh anyway (MariaDB)
                }
            }
            try (var ps = c.prepareStatement(dialect.catalog().tableRowsEstimate())) {
                ps.setString(1, table);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
        if (estimate != null && estimate > 0) {
            return estimate;
        }
        Long n = source.queryForObject(dialect.catalog().countRows(table, null, false, false, null), Long.class);
        return n == null ? 0 : n;
    }
}
