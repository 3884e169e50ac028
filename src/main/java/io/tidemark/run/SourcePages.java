package io.tidemark.run;

import io.tidemark.table.TableSpec;

import io.tidemark.run.Clock;
import io.tidemark.source.Column;
import io.tidemark.source.PageReader;
import io.tidemark.source.PageReader.Page;
import io.tidemark.source.ServerText;
import io.tidemark.run.ModifierValues;
import io.tidemark.sql.Dialect;
import io.tidemark.sql.Dialect.From;
import io.tidemark.run.TableRun.Batch;
import io.tidemark.store.BatchWriter;
import io.tidemark.store.Lineage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a run reads from the source: the clock at its start, and its pages (the SELECT of each, and the rows with
 * their lineage values as the upsert binds them).
 */
public final class SourcePages {

    private final JdbcTemplate source;
    private final Dialect dialect;
    private final PageReader reader;
    private final BatchWriter writer;
    private final String loadIdColumn;
    private final String rowIdColumn;

    public SourcePages(DataSource source, Dialect dialect, PageReader reader, BatchWriter writer, String loadIdColumn,
                       String rowIdColumn) {
        this.source = new JdbcTemplate(source);
        this.dialect = dialect;
        this.reader = reader;
        this.writer = writer;
        this.loadIdColumn = loadIdColumn;
        this.rowIdColumn = rowIdColumn;
    }

    /** The source's reading at the start of a run (one query); with {@code lag} 0 the bound is the last whole tick. */
    Clock clock(TableSpec spec) {
        boolean numeric = spec.modifier().numeric();
        return source.queryForObject(dialect.clock(spec.table(), spec.modifier()), (rs, n) -> {
            Object bound = numeric ? rs.getBigDecimal(1) : rs.getString(1);
            if (ModifierValues.isZero(spec.lag())) {
                bound = ModifierValues.lastCompleteTick(spec.modifier(), bound);
            }
            return new Clock(bound, numeric ? rs.getBigDecimal(3) : rs.getString(3), rs.getLong(2));
        });
    }

    /** The lowest and highest value of the table's first key column (nulls when it has no row), one query. */
    java.math.BigDecimal[] keyBounds(TableSpec spec) {
        return source.queryForObject(dialect.keyBounds(spec.table(), spec.key().get(0), spec.where()),
                (rs, n) -> new java.math.BigDecimal[] {rs.getBigDecimal(1), rs.getBigDecimal(2)});
    }

    /** The SELECT of the page that starts at {@code from} (the modifier value, or after that row's position). */
    Page page(TableRun run, From from, Object modifier, List<Object> key, int rows) {
        TableSpec spec = run.spec;
        List<Object> parameters = new ArrayList<>();
        String sql;
        if (!run.plan.copy()) {
            boolean bounded = run.plan.bound() != null;
            sql = dialect.changedRows(spec.table(), spec.copied(), spec.modifier(), spec.key(), from, bounded,
                    spec.where());
            if (from != From.START) {
                parameters.add(modifier);
            }
            if (from == From.POSITION) {
                parameters.add(modifier);
                parameters.addAll(dialect.afterKey(key));
            }
            if (bounded) {
                parameters.add(run.plan.bound());
            }
        } else if (run.range != null) {
            // One key range of a parallel first load: its bounds on the first key column, then after its position.
            boolean low = from != From.POSITION && run.range.low() != null;
            boolean high = run.range.high() != null;
            sql = dialect.keyRangePage(spec.table(), spec.copied(), spec.key(), from == From.POSITION, low, high,
                    spec.where());
            if (low) {
                parameters.add(KeyRanges.value(run.range.low()));
            }
            if (high) {
                parameters.add(KeyRanges.value(run.range.high()));
            }
            if (from == From.POSITION) {
                parameters.addAll(dialect.afterKey(key));
            }
        } else {
            sql = dialect.keyPage(spec.table(), spec.copied(), spec.key(), from == From.POSITION,
                    spec.where());
            if (from == From.POSITION) {
                parameters.addAll(dialect.afterKey(key));
            }
        }
        parameters.add(rows);
        return new Page(sql, parameters, run.asText);
    }

    /** A page's rows, read now. */
    Batch read(TableRun run, Page page) {
        return batch(run, run.plan.copy(), run.committedModifier, reader.read(page));
    }

    /** A page's rows, read in the background while the current batch is written. */
    CompletableFuture<Batch> readAhead(TableRun run, Page page) {
        boolean copy = run.plan.copy();
        Object committedModifier = run.committedModifier;
        return reader.readAhead(page).thenApply(rows -> batch(run, copy, committedModifier, rows));
    }

    /** The lineage columns every batch's rows end with. */
    String loadIdColumn() {
        return loadIdColumn;
    }

    String rowIdColumn() {
        return rowIdColumn;
    }

    /** The statement a run's batches are written with (an upsert, or a version's for scd2, see BatchWriter). */
    String upsert(TableRun run) {
        return writer.statement(run.spec, run.writeTable());
    }

    /**
     * The rows as upsert parameters: each row's values, then its lineage (load id, row id), then for scd2 the
     * version's start (the modifier value, see {@link BatchWriter#extraValues}). Touches only what
     * does not change during a run (or is passed in): it may run on the thread that read the page ahead.
     */
    private static Batch batch(TableRun run, boolean copy, Object committedModifier, List<Object[]> rows) {
        TableSpec spec = run.spec;
        int[] keyIndexes = spec.keyIndexes();
        int modifierIndex = spec.incremental() ? spec.modifierIndex() : -1;
        List<List<Object>> batch = new ArrayList<>(rows.size());
        Object[] key = new Object[keyIndexes.length];
        long newRows = 0;
        int extra = BatchWriter.extraValues(spec);
        for (Object[] row : rows) {
            for (int i = 0; i < keyIndexes.length; i++) {
                key[i] = row[keyIndexes[i]];
            }
            Object[] values = Arrays.copyOf(row, row.length + 2 + extra);
            values[row.length] = run.loadId;
            values[row.length + 1] = Lineage.rowId(spec.targetTable(), Arrays.asList(key));
            if (extra > 0) {
                values[row.length + 2] = row[modifierIndex];
            }
            batch.add(Arrays.asList(values));
            if (copy || isNew(spec, committedModifier, row[modifierIndex])) {
                newRows++;
            }
        }
        return new Batch(batch, newRows);
    }

    /** A row past the committed watermark; rows at or before it are re-reads of the lag window. */
    static boolean isNew(TableSpec spec, Object committedModifier, Object modifier) {
        return committedModifier == null || ModifierValues.compare(spec.modifier(), modifier, committedModifier) > 0;
    }

    /**
     * The columns a bulk run reads as the server's text (see {@link ServerText}): all but the key and the modifier
     * (kept as values: they move the watermark and give the row id) and binary and BIT columns (written as hex and
     * as numbers).
     */
    static boolean[] serverTextColumns(TableSpec spec) {
        List<Column> columns = spec.copied();
        boolean[] asText = new boolean[columns.size()];
        for (int i = 0; i < asText.length; i++) {
            asText[i] = !columns.get(i).binary() && !columns.get(i).dataType().equals("bit")
                    && !(spec.incremental() && i == spec.modifierIndex());
        }
        for (int i : spec.keyIndexes()) {
            asText[i] = false;
        }
        return asText;
    }
}
