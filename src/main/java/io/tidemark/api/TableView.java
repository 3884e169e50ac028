package io.tidemark.api;

import io.tidemark.run.ModifierValues;

import io.tidemark.status.RunProgress;
import java.util.List;

/**
 * One table as the API shows it.
 *
 * @param status        {@code paused}, {@code running}, {@code failed} (last run failed), {@code lagging} (no
 *                      successful run within maxLag), {@code ok}, or {@code waiting} (no run since start-up)
 * @param watermark     the committed position (modifier value and key); null before the first batch
 * @param lastRun       the last finished run since start-up, or null
 * @param rowsSynced    rows written in total (a full-refresh table: rows of its last refresh)
 * @param progress      the run in flight, or null
 * @param rowsPerMinute rows written in each of the last 60 minutes, oldest first
 * @param lastVerification the last verification (scheduled or asked for, kept across restarts), or null
 */
public record TableView(String table, String targetTable, String routeId, String mode, String modifier,
                        String schedule, int batchSize, String status, boolean paused, String phase,
                        ModifierValues watermark, long lagSeconds, long maxLagSeconds, LastRun lastRun, String lastSuccess,
                        long rowsSynced, long deadLetters, long invisibleRows, String lastError,
                        RunProgress.Progress progress, long[] rowsPerMinute, LastVerification lastVerification) {

    /** Where the next run starts: the last committed modifier value and key. */
    public record ModifierValues(String modifier, List<String> key) {
    }

    /**
     * A finished verification and its repair: outcome {@code equal}, {@code repaired} (now equal), {@code differs}
     * (still, for instance when the mass-delete guard refused deletes) or {@code failed} (then with the error).
     */
    public record LastVerification(String started, long durationMs, long rows, long chunks, long missing, long extra,
                                   long changed, Repaired repaired, String outcome, String deletesRefused,
                                   String error) {
    }

    /** What a repair did. */
    public record Repaired(long copied, long updated, long deleted, long marked) {
    }

    /** A finished run: outcome {@code ok} or {@code failed} (then with the error). */
    public record LastRun(String started, String finished, long durationMs, long rows, String outcome, String error) {
    }
}
