package io.tidemark.status;

import io.tidemark.run.TableRun;

import java.time.Duration;
import java.time.Instant;

/**
 * A run in flight, as operators see it: rows done of an estimated total, rows per second and the time left.
 * The run's thread moves the counts; the estimate is set once by {@link ProgressLog}, off the run's thread.
 */
public final class RunProgress {

    /** What {@link #now} reports; {@code estimatedTotal}, {@code percent} and {@code secondsLeft} may be null. */
    public record Progress(String table, String mode, String started, long rowsDone, Long estimatedTotal,
                           Integer percent, double rowsPerSecond, Long secondsLeft) {
    }

    private final TableRun run;
    private volatile boolean estimated;
    private volatile Long estimatedTotal;

    RunProgress(TableRun run) {
        this.run = run;
    }

    public String table() {
        return run.table();
    }

    TableRun run() {
        return run;
    }

    /** The rows of the batch just written ({@link TableStatus#batch} is called before the run adds them). */
    long batchRows() {
        return run.pageNewRows();
    }

    boolean estimated() {
        return estimated;
    }

    /** The rows this run is expected to write; null: no estimate could be made (it is not tried again). */
    void estimate(Long total) {
        estimatedTotal = total == null ? null : Math.max(0, total);
        estimated = true;
    }

    public Progress now() {
        long done = run.rows();
        double seconds = Math.max(0.001, Duration.between(run.started(), Instant.now()).toMillis() / 1000.0);
        double rate = done / seconds;
        Long total = estimatedTotal == null ? null : Math.max(estimatedTotal, done);
        Integer percent = total == null ? null : total == 0 ? 100 : (int) (100 * done / total);
        Long left = total == null || rate <= 0 ? null : (long) Math.ceil((total - done) / rate);
        return new Progress(run.table(), mode(run.mode()), run.started().toString(), done, total, percent,
                Math.round(rate * 10) / 10.0, left);
    }

    static String mode(io.tidemark.run.Plan.Mode mode) {
        return switch (mode) {
            case INITIAL -> "initial load";
            case INCREMENTAL -> "incremental";
            case FULL -> "full refresh";
            case RESYNC -> "resync";
        };
    }
}
