package io.tidemark.api;

import io.tidemark.store.Pauses;
import io.tidemark.table.TableRegistry;
import io.tidemark.table.TableSpec;
import io.tidemark.status.TableStatus;
import io.tidemark.store.DeadLetters;
import io.tidemark.store.StateStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Header;

/** The API's reading side: {@code GET /api/tables}, {@code /api/tables/{table}} and its dead letters. */
public final class TablesApi {

    /** A page of dead letters; {@code total} counts them all. */
    public record DeadLetterPage(String table, long total, long offset, int limit, List<DeadLetters.Row> items) {
    }

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final TableRegistry tables;
    private final TableStatus status;
    private final StateStore state;
    private final DeadLetters deadLetters;
    private final Pauses pauses;

    public TablesApi(TableRegistry tables, TableStatus status, StateStore state, DeadLetters deadLetters,
                     Pauses pauses) {
        this.tables = tables;
        this.status = status;
        this.state = state;
        this.deadLetters = deadLetters;
        this.pauses = pauses;
    }

    public List<TableView> list() {
        Map<String, StateStore.State> states = state.all();
        Map<String, Long> letters = deadLetters.counts();
        Set<String> paused = pauses.all();
        return tables.byRouteId().entrySet().stream().sorted(Comparator.comparing(e -> e.getValue().table()))
                .map(e -> view(e.getKey(), e.getValue(), states.get(e.getValue().targetTable()),
                        letters.getOrDefault(e.getValue().targetTable(), 0L), paused.contains(e.getValue().table())))
                .toList();
    }

    public TableView one(@Header("table") String table) {
        Map.Entry<String, TableSpec> entry = find(table);
        TableSpec spec = entry.getValue();
        return view(entry.getKey(), spec, state.read(spec.targetTable()).orElse(null),
                deadLetters.count(spec.targetTable()), pauses.isPaused(spec.table()));
    }

    public DeadLetterPage deadLetters(@Header("table") String table, @Header("offset") String offset,
                                      @Header("limit") String limit) {
        TableSpec spec = find(table).getValue();
        long from = number("offset", offset, 0, Long.MAX_VALUE, 0);
        int size = (int) number("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        return new DeadLetterPage(spec.table(), deadLetters.count(spec.targetTable()), from, size,
                deadLetters.page(spec.targetTable(), from, size));
    }

    /** A configured table by name (or by route id); 404 listing the configured tables. */
    Map.Entry<String, TableSpec> find(String table) {
        Map<String, TableSpec> byRoute = tables.byRouteId();
        return byRoute.entrySet().stream().filter(e -> e.getValue().table().equals(table)).findFirst()
                .or(() -> Optional.ofNullable(byRoute.get(table)).map(spec -> Map.entry(table, spec)))
                .orElseThrow(() -> new ApiError(404, "unknown table '" + table + "'; configured tables: "
                        + byRoute.values().stream().map(TableSpec::table).sorted().toList()));
    }

    private static long number(String name, String text, long min, long max, long fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(text.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ApiError(400, name + " must be a whole number from " + min + " to " + max + ", not '" + text + "'");
    }

    private TableView view(String routeId, TableSpec spec, StateStore.State committed, long letters, boolean paused) {
        String table = spec.table();
        Optional<TableStatus.Snapshot> snapshot = status.of(table);
        TableStatus.Run last = snapshot.map(TableStatus.Snapshot::last).orElse(null);
        long lag = status.lag(table).toSeconds();
        long maxLag = tables.maxLag(spec).toSeconds();
        var progress = status.running(table).map(p -> p.now()).orElse(null);
        String state = paused ? "paused" : progress != null ? "running" : last == null ? "waiting"
                : !last.ok() ? "failed" : lag > maxLag ? "lagging" : "ok";
        TableView.ModifierValues watermark = committed == null || committed.modifier() == null && committed.key() == null
                ? null : new TableView.ModifierValues(committed.modifier(), committed.key());
        long rows = !spec.incremental() ? (last == null ? 0 : last.rows()) : committed == null ? 0 : committed.rowsSynced();
        return new TableView(table, spec.targetTable(), routeId,
                spec.incremental() ? "incremental" : "full refresh",
                spec.incremental() ? spec.modifier().name() : null, spec.settings().schedule(),
                spec.settings().batchSize(), state, paused, committed == null ? null : committed.phase(), watermark,
                lag, maxLag, last == null ? null : lastRun(last),
                snapshot.map(TableStatus.Snapshot::lastSuccess).map(Object::toString).orElse(null), rows, letters,
                last == null ? 0 : last.invisibleRows(),
                committed != null && "failed".equals(committed.status()) ? committed.lastError() : null,
                progress, status.rowsPerMinute(table), status.verified(table).map(TablesApi::lastVerification)
                        .orElse(null));
    }

    private static TableView.LastVerification lastVerification(TableStatus.Verified v) {
        boolean repaired = v.copied() + v.updated() + v.deleted() + v.marked() > 0;
        String outcome = v.error() != null ? "failed" : !v.equal() ? "differs" : repaired ? "repaired" : "equal";
        return new TableView.LastVerification(v.started().toString(), v.duration().toMillis(), v.rows(), v.chunks(),
                v.missing(), v.extra(), v.changed(), new TableView.Repaired(v.copied(), v.updated(), v.deleted(),
                v.marked()), outcome, v.refused(), v.error());
    }

    private static TableView.LastRun lastRun(TableStatus.Run run) {
        return new TableView.LastRun(run.started().toString(), run.started().plus(run.duration()).toString(),
                run.duration().toMillis(), run.rows(), run.ok() ? "ok" : "failed", run.error());
    }
}
