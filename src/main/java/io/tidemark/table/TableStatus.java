package io.tidemark.table;

import java.time.Duration;
import java.time.Instant;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this process knows of each table's runs: the last one, the last success, and how many completed; and
 * the same as Prometheus metrics, tagged by table only (no per-statement labels).
 */
public final class TableStatus {

    /** One finished run. {@code error} is null when it succeeded. */
    public record Run(String table, Instant started, Duration duration, long rows, long batches, String error,
                      long invisibleRows, long deadLetters) {
        public boolean ok() {
            return error == null;
        }
    }

    /** The latest run of a table, the start of its latest success, and the number of runs completed. */
    public record Snapshot(Run last, Instant lastSuccess, long runs) {
    }

    private final Map<String, Snapshot> byTable = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Instant since = Instant.now();

    public TableStatus(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Registers a table's gauges, so that they exist from start-up. */
    public void track(String table) {
        Gauge.builder("tidemark.lag", () -> lag(table).toMillis() / 1000.0).tag("table", table).baseUnit("seconds")
                .description("seconds since the start of the table's last successful run").register(meters);
        Gauge.builder("tidemark.dead.letters", () -> of(table).map(s -> s.last().deadLetters()).orElse(0L))
                .tag("table", table).description("rows of the table in the dead-letter table").register(meters);
        Gauge.builder("tidemark.invisible.rows", () -> of(table).map(s -> s.last().invisibleRows()).orElse(0L))
                .tag("table", table).description("rows whose modifier is NULL").register(meters);
    }

    public void record(Run run) {
        byTable.compute(run.table(), (t, old) -> new Snapshot(run,
                run.ok() ? run.started() : old == null ? null : old.lastSuccess(),
                old == null ? 1 : old.runs() + 1));
        meters.counter("tidemark.runs", "table", run.table(), "outcome", run.ok() ? "ok" : "failed").increment();
        meters.counter("tidemark.rows.synced", "table", run.table()).increment(run.rows());
        meters.timer("tidemark.run", "table", run.table()).record(run.duration());
    }

    /** One batch written (fetch to commit). */
    public void batch(String table, Duration took) {
        meters.timer("tidemark.batch", "table", table).record(took);
    }

    /**
     * How far the target may be behind: the time since the last successful run began (everything the source
     * had committed by then, within the lag window, is in the target). Before any success: since start-up.
     */
    public Duration lag(String table) {
        Instant last = of(table).map(Snapshot::lastSuccess).orElse(null);
        return Duration.between(last == null ? since : last, Instant.now());
    }

    public Optional<Snapshot> of(String table) {
        return Optional.ofNullable(byTable.get(table));
    }
}
