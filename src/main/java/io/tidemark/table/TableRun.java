package io.tidemark.table;

import io.tidemark.source.PageReader;
import io.tidemark.sql.Dialect.From;
import io.tidemark.target.StateStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One run of one table, carried on the exchange from {@code begin} to {@code finish}: where the next page
 * starts, and what the run has written. The position moves only after a batch's transaction committed.
 */
public final class TableRun {

    /**
     * What a run does: copy by primary key (first load), follow the modifier, refresh fully, or resync (copy by
     * primary key into a staging table that is swapped in at the end, then follow the modifier from there).
     */
    public enum Mode { INITIAL, INCREMENTAL, FULL, RESYNC }

    final TableSpec spec;
    final Mode mode;
    final String loadId;
    final Instant started = Instant.now();
    /** The table rows are written to: the target, or the staging table of a full refresh or a resync. */
    final String writeTable;
    /** Upper bound on the modifier for this run (INCREMENTAL), or the mark a copy by key ends at (INITIAL, RESYNC). */
    final Object bound;
    /** Rows whose modifier is NULL: the watermark cannot see them. */
    final long invisibleRows;
    /** The committed modifier at the start of the run; rows at or before it are re-reads of the lag window. */
    final Object committedModifier;

    /** The committed state at the start of an incremental run. */
    StateStore.State committed;

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
    long pageNewRows;
    Object pendingModifier;
    List<Object> pendingKey;
    /** The key values (as dead letters keep them) of the page's rows, when the table has dead letters; else null. */
    List<List<String>> pageKeys;
    /** The next page, being read (and given its lineage) while this batch is written. */
    Ahead ahead;

    /** A page's rows with their lineage values, ready to write; rows past the committed watermark. */
    record Batch(List<List<Object>> rows, long newRows) {
    }

    /** A page being read in the background. */
    record Ahead(PageReader.Page page, CompletableFuture<Batch> batch) {
    }

    TableRun(TableSpec spec, Mode mode, String loadId, String writeTable, Object bound, long invisibleRows,
             Object committedModifier) {
        this.spec = spec;
        this.mode = mode;
        this.loadId = loadId;
        this.writeTable = writeTable;
        this.bound = bound;
        this.invisibleRows = invisibleRows;
        this.committedModifier = committedModifier;
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
