package io.tidemark.store;

import io.tidemark.sql.Dialect;
import io.tidemark.table.TableSpec;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a batch's rows the way the table's {@code write} says (see {@link Write}), inside the caller's
 * transaction: merge and append are one upsert per row (append keyed on key and modifier, so a row read again adds
 * nothing); scd2 upserts the row's version (keyed on key and its start, the modifier value) and then closes the
 * version it follows, so a batch written twice (a crash, a retry, the lag window) adds no version and leaves no gap.
 */
public final class BatchWriter {

    private final JdbcTemplate target;
    private final Dialect dialect;
    private final String loadIdColumn;
    private final String rowIdColumn;

    public BatchWriter(DataSource target, Dialect dialect, String loadIdColumn, String rowIdColumn) {
        this.target = new JdbcTemplate(target);
        this.dialect = dialect;
        this.loadIdColumn = loadIdColumn;
        this.rowIdColumn = rowIdColumn;
    }

    /**
     * The statement each row is bound to: its copied columns' values, load id, row id, and for scd2 the version's
     * start (see {@link #extraValues}).
     */
    public String statement(TableSpec spec, String table) {
        return switch (spec.settings().write()) {
            case MERGE -> dialect.upsert(table, spec.copied(), spec.keyNames(), loadIdColumn, rowIdColumn);
            case APPEND -> dialect.upsert(table, spec.copied(), Write.APPEND.targetKey(spec.keyNames(),
                    spec.modifier()), loadIdColumn, rowIdColumn);
            case SCD2 -> dialect.versionUpsert(table, spec.copied(), spec.keyNames(), loadIdColumn, rowIdColumn,
                    Write.VALID_FROM);
        };
    }

    /** How many values a row carries after its lineage: the version's start for scd2, else none. */
    public static int extraValues(TableSpec spec) {
        return spec.settings().write() == Write.SCD2 ? 1 : 0;
    }

    /** Whether batches go through {@link #write} rather than one batched statement (the route's sql endpoint). */
    public static boolean versions(TableSpec spec) {
        return spec.settings().write() == Write.SCD2;
    }

    /** Writes rows bound to {@link #statement}; scd2 then closes the versions they follow. */
    public void write(TableSpec spec, String table, String sql, List<List<Object>> rows) {
        target.batchUpdate(sql, rows.stream().map(List::toArray).toList());
        if (!versions(spec)) {
            return;
        }
        int[] key = spec.keyIndexes();
        int modifier = spec.modifierIndex();
        List<Object[]> closes = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            Object[] parameters = new Object[key.length + 2];
            parameters[0] = row.get(modifier);
            for (int i = 0; i < key.length; i++) {
                parameters[i + 1] = row.get(key[i]);
            }
            parameters[key.length + 1] = row.get(modifier);
            closes.add(parameters);
        }
        target.batchUpdate(dialect.closeVersion(table, spec.keyNames(), Write.VALID_FROM, Write.VALID_TO), closes);
    }
}
