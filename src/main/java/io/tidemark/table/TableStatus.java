package io.tidemark.table;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** What this process knows of each table's runs: the last one, the last success, and how many completed. */
public final class TableStatus {

    /** One finished run. {@code error} is null when it succeeded. */
    public record Run(String table, Instant started, Duration duration, long rows, long batches, String error,
                      long invisibleRows, long deadLetters) {
        public boolean ok() {
            return error == null;
        }
    }

    /** The latest run of a table, its latest success, and the number of runs completed. */
    public record Snapshot(Run last, Instant lastSuccess, long runs) {
    }

    private final Map<String, Snapshot> byTable = new ConcurrentHashMap<>();

    public void record(Run run) {
        byTable.compute(run.table(), (t, old) -> new Snapshot(run,
                run.ok() ? run.started().plus(run.duration()) : old == null ? null : old.lastSuccess(),
                old == null ? 1 : old.runs() + 1));
    }

    public Optional<Snapshot> of(String table) {
        return Optional.ofNullable(byTable.get(table));
    }
}
