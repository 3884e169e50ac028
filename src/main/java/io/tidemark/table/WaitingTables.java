package io.tidemark.table;

import io.tidemark.sql.Failures;
import io.tidemark.status.TableStatus;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tables waiting for a database that did not answer, by route id: each is checked and prepared when its route is
 * about to start ({@link #prepare}, asked by {@code TableStart} at every attempt of the route controller), and
 * admitted then; until then its route does not start and health shows why.
 */
final class WaitingTables {

    private static final Logger LOG = LoggerFactory.getLogger(WaitingTables.class);
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final TableCheck check;
    private final TableStatus status;
    /** Creates Tidemark's own tables in the target, once. */
    private final Runnable ownTables;
    /** Takes a table that is checked and prepared at last (route id, validated table). */
    private final BiConsumer<String, TableSpec> admitted;
    private final Map<String, TableSettings> waiting = new ConcurrentHashMap<>();
    /**
     * For a second after a database did not answer, waiting tables fail at once with the same reason: the route
     * controller starts one route at a time, and the routes queued behind that attempt would otherwise each wait
     * for a connection in turn (up to tidemark.pool.connection-timeout-ms each) before failing the same way.
     */
    private volatile Instant unreachableUntil = Instant.MIN;
    private volatile String unreachableReason;

    WaitingTables(TableCheck check, TableStatus status, Runnable ownTables, BiConsumer<String, TableSpec> admitted) {
        this.check = check;
        this.status = status;
        this.ownTables = ownTables;
        this.admitted = admitted;
    }

    /** A table starts waiting, for the reason given (a database does not answer). */
    void add(String routeId, TableSettings settings, String reason) {
        waiting.put(routeId, settings);
        unreachableReason = reason;
        unreachableUntil = Instant.now().plus(RECHECK);
        status.markNotStarted(settings.table(), unreachableReason);
    }

    void remove(String routeId) {
        waiting.remove(routeId);
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** The waiting tables' settings by route id. */
    Map<String, TableSettings> all() {
        return Map.copyOf(waiting);
    }

    /**
     * Before a table's route starts: a table that waits for a database is checked and prepared now, as at start-up.
     * Throws while that fails (the database still does not answer, or the table's settings do not fit the catalog),
     * so the route does not start; the route controller tries again later, and health shows the reason meanwhile.
     */
    void prepare(String routeId) {
        TableSettings settings = waiting.get(routeId);
        if (settings == null) {
            return;
        }
        String table = settings.table();
        String reason = unreachableReason;
        if (Instant.now().isBefore(unreachableUntil)) {
            status.markNotStarted(table, reason);
            throw new IllegalStateException("table '" + table + "' cannot start yet: " + reason);
        }
        try {
            ownTables.run();
            List<String> problems = new ArrayList<>();
            Optional<TableSpec> spec = check.resolve(settings, problems, true);
            if (spec.isPresent()) {
                admitted.accept(routeId, spec.get());
                waiting.remove(routeId);
                status.markNotStarted(table, null);
                LOG.info("{}: checked and prepared now that its databases answer; its route starts", table);
                return;
            }
            reason = String.join("; ", problems);
        } catch (SQLException | RuntimeException e) {
            reason = Failures.describe(e);
            if (Failures.isTransient(e)) {
                unreachableReason = reason;
                unreachableUntil = Instant.now().plus(RECHECK);
            }
        }
        status.markNotStarted(table, reason);
        throw new IllegalStateException("table '" + table + "' cannot start yet: " + reason);
    }
}
