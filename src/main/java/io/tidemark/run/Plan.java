package io.tidemark.run;

import io.tidemark.sql.Dialect.From;

/**
 * What one run of a table does, decided by {@link Planner} before anything is read or written.
 *
 * @param mode           copy by key into the target (first load) or into a staging table (resync, full refresh),
 *                       or follow the modifier (incremental)
 * @param phase          the phase each committed batch records
 * @param committed      the committed position the run starts from: for a copy, {@code (mark, key copied so far)},
 *                       where the mark is the highest modifier present when the copy began; for an incremental run,
 *                       the watermark (rows at or before it are re-reads of the lag window)
 * @param start          where the first page starts: for a copy, after {@code start.key()} (none: the first key);
 *                       for an incremental run, the {@link From} of {@link #from()}
 * @param bound          the highest modifier read (the clock reading), null for none
 * @param invisible      rows whose modifier is NULL, for the run's report
 * @param restart        before anything is copied, record {@code (phase, committed)} with the row count at 0
 * @param staging        rows go to the staging table, swapped in when the copy is complete
 * @param freshStaging   the staging table is created (again) empty first
 * @param bulk           whether batches may take the server's bulk path
 * @param thenIncremental once the copy is complete, the same run follows the modifier up to {@code bound}
 */
public record Plan(Mode mode, Phase phase, Position committed, Position start, Object bound, long invisible,
                   boolean restart, boolean staging, boolean freshStaging, Bulk bulk, boolean thenIncremental) {

    public enum Mode { INITIAL, INCREMENTAL, FULL, RESYNC }

    /**
     * The server's bulk path skips rows whose key the table already holds ({@code LOAD DATA LOCAL} ignores
     * duplicates), so it is taken only where no row after the start key can be there yet: a new staging table, or
     * (checked when the run begins) a target holding no row after the key the copy resumes from.
     */
    public enum Bulk { NO, YES, IF_EMPTY_AFTER_START }

    public boolean copy() {
        return mode != Mode.INCREMENTAL;
    }

    /** How the first page's WHERE clause starts. */
    public From from() {
        if (copy()) {
            return start.hasKey() ? From.POSITION : From.START;
        }
        return start.modifier() == null ? From.START : start.hasKey() ? From.POSITION : From.VALUE;
    }
}
