package io.tidemark.run;

import io.tidemark.run.Plan.Mode;
import io.tidemark.sql.Dialect.From;
import io.tidemark.store.StateStore;
import io.tidemark.store.StateStore.Range;
import io.tidemark.store.TargetSchema;
import io.tidemark.table.TableSpec;
import java.math.BigDecimal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A first load split into key ranges ({@code tidemark.bulk.parallelism}): the route copies the ranges in parallel,
 * each as a run of its own ({@link TableRun#range}) whose batches commit with the range's position in the ranges
 * table, in the batch's transaction. The table's state row meanwhile keeps the copy's mark with an empty key
 * ({@link Position#ranged}): a run that finds it resumes every range from its own position, with the same mark.
 * When every range is complete, their rows are added to the state row and the table goes incremental, in one
 * transaction ({@link StateStore#endRanges}).
 */
final class RangeCopy {

    private static final Logger LOG = LoggerFactory.getLogger(RangeCopy.class);
    private static final int FIRST_BULK_PAGE = 1000;

    private final StateStore state;
    private final SourcePages pages;
    private final TargetSchema targetSchema;
    private final int parallelism;
    private final int bulkRows;

    RangeCopy(StateStore state, SourcePages pages, TargetSchema targetSchema, int parallelism, int bulkRows) {
        if (parallelism < 1) {
            throw new IllegalStateException("tidemark.bulk.parallelism must be at least 1, not " + parallelism);
        }
        this.state = state;
        this.pages = pages;
        this.targetSchema = targetSchema;
        this.parallelism = parallelism;
        this.bulkRows = bulkRows;
    }

    /**
     * A new first load on the bulk path (its phase and mark just recorded): its ranges, recorded, or null when it
     * copies as one stream (a parallelism of 1, a key whose first column is not an integer, fewer than two values).
     */
    List<TableRun> split(TableRun run) {
        TableSpec spec = run.spec;
        if (parallelism < 2 || run.plan.mode() != Mode.INITIAL || !run.bulk) {
            return null;
        }
        if (!KeyRanges.splittable(spec.key().get(0))) {
            LOG.info("{}: first load as one stream: the first key column {} ({}) is not an integer, so its key range "
                    + "is not split", spec.table(), spec.key().get(0).name(), spec.key().get(0).dataType());
            return null;
        }
        BigDecimal[] bounds = pages.keyBounds(spec);
        List<Range> ranges = KeyRanges.split(bounds[0], bounds[1], parallelism);
        if (ranges.size() < 2) {
            return null;
        }
        state.startRanges(spec.targetTable(), run.plan.committed(), ranges);
        LOG.info("{}: first load in {} key ranges of {}, in parallel", spec.table(), ranges.size(),
                spec.key().get(0).name());
        return ranges.stream().map(range -> rangeRun(run, range, true)).toList();
    }

    /**
     * A split first load goes on: each range after its committed position. A range takes the bulk path only where
     * the target holds no row after its position (as a single stream's resume); the others are upserted.
     */
    List<TableRun> resume(TableRun run) {
        TableSpec spec = run.spec;
        List<Range> ranges = state.ranges(spec.targetTable());
        if (ranges.isEmpty()) {
            throw new IllegalStateException("table '" + spec.table() + "': its state says its first load is split "
                    + "into key ranges, but the ranges table has none for it; resync the table: java -jar "
                    + "target/tidemark.jar --resync " + spec.table());
        }
        boolean supported = run.bulk;
        LOG.info("{}: first load resumed in {} key ranges", spec.table(), ranges.size());
        return ranges.stream().map(range -> rangeRun(run, range, supported && (range.position() == null
                ? targetSchema.isEmpty(run.writeTable())
                : !targetSchema.holdsRowsAfter(run.writeTable(), spec.key(),
                        range.position().keyValues(spec.key()))))).toList();
    }

    private TableRun rangeRun(TableRun table, Range range, boolean bulk) {
        TableSpec spec = table.spec;
        TableRun run = new TableRun(spec, table.loadId, table.plan);
        run.range = range;
        run.bulk = bulk;
        run.from = range.position() == null ? From.START : From.POSITION;
        run.key = range.position() == null ? null : range.position().keyValues(spec.key());
        run.committedModifier = table.committedModifier;
        run.asText = bulk ? SourcePages.serverTextColumns(spec) : null;
        run.fullPageSize = bulk ? Math.max(bulkRows, spec.settings().batchSize()) : spec.settings().batchSize();
        run.pageSize = bulk ? Math.min(FIRST_BULK_PAGE, run.fullPageSize) : run.fullPageSize;
        run.more = true;
        return run;
    }

    /** Counts the ranges' rows into the table's run; throws unless every range is complete. */
    static void join(TableRun run) {
        List<TableRun> parts = run.ranges;
        for (TableRun part : parts) {
            run.rows += part.rows;
            run.batches += part.batches;
            run.deadLettered += part.deadLettered;
        }
        run.ranges = null;
        for (TableRun part : parts) {
            if (part.failure != null || part.more) {
                throw new IllegalStateException("key range " + part.range.number() + " of the first load failed: "
                        + (part.failure == null ? "it did not complete" : part.failure));
            }
        }
    }

    /** One range failed: it stays at its last committed batch, the others go on. */
    static void failed(TableRun range, String error) {
        range.failure = error;
        LOG.error("{}: key range {} of the first load failed, kept at its last committed batch: {}", range.table(),
                range.range.number(), error);
    }
}
