package io.tidemark.run;

import io.tidemark.table.TableSpec;

import io.tidemark.run.Plan;
import io.tidemark.source.PageReader;
import io.tidemark.sql.Dialect.From;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One run of one table, carried on the exchange from {@code begin} to {@code finish}: its plan (see
 * {@link io.tidemark.run.Planner}), where the next page starts, and what the run has written. The position moves
 * only after a batch's transaction committed.
 */
public final class TableRun {

    final TableSpec spec;
    final String loadId;
    final Instant started = Instant.now();

    /** What the run does now: a copy's plan, replaced by its incremental pass once the copy is complete. */
    Plan plan;
    /** What the run began as. */
    final Plan.Mode startedAs;
    /** The plan's committed modifier as a value: rows at or before it are re-reads of the lag window. */
    Object committedModifier;

    /** Batches go through the server's bulk path (an empty target); pages are then larger. */
    boolean bulk;
    /** Rows the current page asks for, and the most a page asks for. */
    int pageSize;
    int fullPageSize;
    /** The columns a bulk run reads as the server's text; null otherwise. */
    boolean[] asText;

    From from;
    Object modifier;
    List<Object> key;
    boolean more = true;
    long rows;
    long batches;
    long deadLettered;

    /** The batch being written: its rows, and the position it moves the watermark to once committed. */
    Instant pageStarted;
    int pageRows;
    /** The page as read, before any transform (a retried batch transforms it again, not its own output). */
    java.util.List<java.util.List<Object>> fetched;
    long pageNewRows;
    Object pendingModifier;
    List<Object> pendingKey;
    /** The key values (as dead letters keep them) of the page's rows, when the table has dead letters; else null. */
    List<List<String>> pageKeys;
    /** The next page, being read (and given its lineage) while this batch is written. */
    Ahead ahead;

    /** A first load split into key ranges: the runs of its ranges (see {@link RangeCopy}); null otherwise. */
    volatile List<TableRun> ranges;
    /** For the run of one key range: the range; null for a table's own run. */
    io.tidemark.store.StateStore.Range range;
    /** For the run of one key range: why it failed, null while it has not. */
    volatile String failure;

    /** A page's rows with their lineage values, ready to write; rows past the committed watermark. */
    record Batch(List<List<Object>> rows, long newRows) {
    }

    /** A page being read in the background. */
    record Ahead(PageReader.Page page, CompletableFuture<Batch> batch) {
    }

    TableRun(TableSpec spec, String loadId, Plan plan) {
        this.spec = spec;
        this.loadId = loadId;
        this.plan = plan;
        this.startedAs = plan.mode();
    }

    /** The table rows are written to: the target, or the staging table of a full refresh or a resync. */
    public TableSpec spec() {
        return spec;
    }

    public Instant started() {
        return started;
    }

    public Plan plan() {
        return plan;
    }

    /** Rows written so far in this run (with those of its key ranges while they run). */
    public long rows() {
        List<TableRun> parts = ranges;
        return parts == null ? rows : rows + parts.stream().mapToLong(r -> r.rows).sum();
    }

    /** Rows of the page being written that the target did not hold before. */
    public long pageNewRows() {
        return pageNewRows;
    }

    String writeTable() {
        return plan.staging() ? spec.stagingTable() : spec.targetTable();
    }

    public Plan.Mode mode() {
        return plan.mode();
    }

    /** Pages double up to the full size: a bulk run's first page is small, so the target starts loading early. */
    int nextPageSize() {
        return (int) Math.min(fullPageSize, 2L * pageSize);
    }

    public boolean more() {
        return more;
    }

    public String table() {
        return spec.table();
    }
}
