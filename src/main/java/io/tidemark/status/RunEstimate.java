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
        String modifier = dialect.quote(run.spec().modifier().name());
        List<String> where = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        Object committed = run.plan().committed().modifierValue(run.spec().modifier());
        if (committed != null) {
            where.add(modifier + " > ?");
            values.add(committed);
        }
        if (run.plan().bound() != null) {
            where.add(modifier + " <= ?");
            values.add(run.plan().bound());
        }
        if (run.spec().where() != null) {
            where.add("(" + run.spec().where() + ")");
        }
        Long n = source.queryForObject("SELECT COUNT(*) FROM " + dialect.quote(run.spec().table())
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)), Long.class, values.toArray());
        return n == null ? 0 : n;
    }

    private long tableRows(String table) {
        Long estimate = source.execute((ConnectionCallback<Long>) c -> {
            try (Statement s = c.createStatement()) {
                // MySQL 8 caches information_schema's table statistics for a day unless told otherwise.
                s.execute("SET SESSION information_schema_stats_expiry = 0");
            } catch (SQLException mariaDbHasNoSuchVariable) {
                // MariaDB reads the statistics afresh anyway
            }
            try (var ps = c.prepareStatement("SELECT TABLE_ROWS FROM information_schema.TABLES "
                    + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
                ps.setString(1, table);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
        if (estimate != null && estimate > 0) {
            return estimate;
        }
        Long n = source.queryForObject("SELECT COUNT(*) FROM " + dialect.quote(table), Long.class);
        return n == null ? 0 : n;
    }
}
