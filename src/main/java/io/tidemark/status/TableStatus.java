package io.tidemark.status;

import io.tidemark.run.TableRun;

import java.time.Duration;
import java.time.Instant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /**
     * One finished verification (scheduled or asked for through the API), with what its repair did. {@code refused}:
     * why the mass-delete guard kept rows only the target has; {@code error}: why it failed; both null otherwise.
     */
    public record Verified(String table, Instant started, Duration duration, long rows, long chunks, long missing,
                           long extra, long changed, long copied, long updated, long deleted, long marked,
                           boolean equal, String refused, String error) {
    }

    /** The latest run of a table, the start of its latest success, and the number of runs completed. */
    public record Snapshot(Run last, Instant lastSuccess, long runs) {
    }

    private final Map<String, Snapshot> byTable = new ConcurrentHashMap<>();
    private final Map<String, RunProgress> running = new ConcurrentHashMap<>();
    private final Map<String, RowsPerMinute> throughput = new ConcurrentHashMap<>();
    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    private final Set<String> tracked = ConcurrentHashMap.newKeySet();
    private final Map<String, String> notStarted = new ConcurrentHashMap<>();
    private final List<Consumer<Run>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Instant since = Instant.now();

    public TableStatus(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * Registers a table's gauges and run counters, so that they exist from start-up (alerting rules compare them,
     * see monitoring/tidemark.rules.yml).
     */
    public void track(String table, Duration maxLag) {
        if (!tracked.add(table)) {
            return;
        }
        Gauge.builder("tidemark.max.lag", () -> maxLag.toMillis() / 1000.0).tag("table", table).baseUnit("seconds")
                .description("the table's maxLag: its health turns DOWN when tidemark_since_last_success_seconds "
                        + "passes it").register(meters);
        // Not how far the data is behind (rows committed in the source since then may be older): how long ago the
        // last successful run began, and when.
        Gauge.builder("tidemark.since.last.success", () -> lag(table).toMillis() / 1000.0).tag("table", table)
                .baseUnit("seconds").description("seconds since the start of the table's last successful run (since "
                        + "Tidemark started when none yet)").register(meters);
        Gauge.builder("tidemark.last.success.timestamp", () -> of(table).map(Snapshot::lastSuccess)
                        .map(at -> at.toEpochMilli() / 1000.0).orElse(Double.NaN)).tag("table", table)
                .baseUnit("seconds").description("start of the table's last successful run, in Unix seconds (NaN "
                        + "before the first)").register(meters);
        for (String outcome : List.of("ok", "failed")) {
            runs(table, outcome); // both outcomes exist from the start, at 0
        }
        rowsSynced(table);
        runTimer(table);
        batchTimer(table);
        Gauge.builder("tidemark.dead.letters", () -> of(table).map(s -> s.last().deadLetters()).orElse(0L))
                .tag("table", table).description("rows of the table in the dead-letter table").register(meters);
        for (String kind : List.of("missing", "extra", "changed")) {
            differences(table, kind);
        }
        repairedRows(table, "written");
        repairedRows(table, "deleted");
        Gauge.builder("tidemark.verify.deletes.refused", () -> verified(table).map(v -> v.refused() != null ? 1 : 0)
                .orElse(0)).tag("table", table).description("1 while the table's last verification found more rows "
                + "to delete than the mass-delete guard allows (its health is DOWN), else 0").register(meters);
        Gauge.builder("tidemark.invisible.rows", () -> of(table).map(s -> s.last().invisibleRows()).orElse(0L))
                .tag("table", table).description("rows whose modifier is NULL").register(meters);
    }

    /** A table no longer configured (a live edit removed it): its gauges go; counters stay, as counters do. */
    public void untrack(String table) {
        tracked.remove(table);
        for (String gauge : java.util.List.of("tidemark.since.last.success", "tidemark.last.success.timestamp",
                "tidemark.dead.letters", "tidemark.invisible.rows", "tidemark.max.lag",
                "tidemark.verify.deletes.refused")) {
            Gauge found = meters.find(gauge).tag("table", table).gauge();
            if (found != null) {
                meters.remove(found);
            }
        }
    }

    /** A run began ({@code TableSync.begin}): it is in flight until {@link #record}ed. */
    public void started(TableRun run) {
        running.put(run.table(), new RunProgress(run));
    }

    /** The table's run in flight, if any. */
    public Optional<RunProgress> running(String table) {
        return Optional.ofNullable(running.get(table));
    }

    public Collection<RunProgress> running() {
        return running.values();
    }

    /**
     * Why the table's route could not start (a database that did not answer when it was to be prepared); null
     * once it has started. The route controller keeps trying to start it.
     */
    public Optional<String> notStarted(String table) {
        return Optional.ofNullable(notStarted.get(table));
    }

    public void markNotStarted(String table, String reason) {
        if (reason == null) {
            notStarted.remove(table);
        } else {
            notStarted.put(table, reason);
        }
    }

    /** Whether the table is paused, as {@link Pauses} last saw it. */
    public boolean paused(String table) {
        return paused.contains(table);
    }

    public void markPaused(String table, boolean isPaused) {
        if (isPaused) {
            paused.add(table);
        } else {
            paused.remove(table);
        }
    }

    /** Rows written per minute over the last hour, oldest first. */
    public long[] rowsPerMinute(String table) {
        RowsPerMinute rows = throughput.get(table);
        return rows == null ? new long[RowsPerMinute.MINUTES] : rows.lastHour();
    }

    public void record(Run run) {
        running.remove(run.table());
        byTable.compute(run.table(), (t, old) -> new Snapshot(run,
                run.ok() ? run.started() : old == null ? null : old.lastSuccess(),
                old == null ? 1 : old.runs() + 1));
        runs(run.table(), run.ok() ? "ok" : "failed").increment();
        rowsSynced(run.table()).increment(run.rows());
        runTimer(run.table()).record(run.duration());
        for (Consumer<Run> listener : listeners) {
            try {
                listener.accept(run);
            } catch (RuntimeException e) { // an observer (alerts) never fails a run
                org.slf4j.LoggerFactory.getLogger(TableStatus.class).warn("{}: {}", run.table(), e.toString());
            }
        }
    }

    private Counter runs(String table, String outcome) {
        return Counter.builder("tidemark.runs").tags("table", table, "outcome", outcome)
                .description("runs of the table, by outcome").register(meters);
    }

    private Counter rowsSynced(String table) {
        return Counter.builder("tidemark.rows.synced").tag("table", table)
                .description("rows written to the target table").register(meters);
    }

    private Timer runTimer(String table) {
        return Timer.builder("tidemark.run").tag("table", table).description("duration of the table's runs")
                .register(meters);
    }

    private Timer batchTimer(String table) {
        return Timer.builder("tidemark.batch").tag("table", table)
                .description("duration of one batch, from fetch to commit").register(meters);
    }

    /** A verification finished: kept as the table's last, and counted (differences found, rows repaired). */
    public void recordVerification(Verified v) {
        verified.put(v.table(), v);
        differences(v.table(), "missing").increment(v.missing());
        differences(v.table(), "extra").increment(v.extra());
        differences(v.table(), "changed").increment(v.changed());
        repairedRows(v.table(), "written").increment(v.copied() + v.updated());
        repairedRows(v.table(), "deleted").increment(v.deleted() + v.marked());
    }

    /** A verification kept from before this process started: shown as the table's last, counted nowhere. */
    public void restoreVerification(Verified v) {
        verified.putIfAbsent(v.table(), v);
    }

    /** The table's last verification (in this process, or kept from before it started), if any. */
    public Optional<Verified> verified(String table) {
        return Optional.ofNullable(verified.get(table));
    }

    private Counter differences(String table, String kind) {
        return Counter.builder("tidemark.verify.differences").tags("table", table, "kind", kind)
                .description("rows verifications found differing, by kind (missing, extra, changed)").register(meters);
    }

    private Counter repairedRows(String table, String action) {
        return Counter.builder("tidemark.verify.repaired.rows").tags("table", table, "action", action)
                .description("rows repairs wrote (copied or updated) or deleted (or marked deleted)").register(meters);
    }

    /** Calls {@code listener} with every run recorded from now on (alerts watch run outcomes this way). */
    public void onRecord(Consumer<Run> listener) {
        listeners.add(listener);
    }

    /** One batch written (fetch to commit); called before the run counts the batch's rows. */
    public void batch(String table, Duration took) {
        batchTimer(table).record(took);
        RunProgress progress = running.get(table);
        if (progress != null) {
            throughput.computeIfAbsent(table, t -> new RowsPerMinute()).add(progress.batchRows());
        }
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
