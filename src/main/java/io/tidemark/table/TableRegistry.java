package io.tidemark.table;

import io.tidemark.health.TableHealthCheck;
import io.tidemark.source.Catalog;
import io.tidemark.sql.Dialect;
import io.tidemark.sql.Failures;
import io.tidemark.status.TableStatus;
import io.tidemark.store.DeadLetters;
import io.tidemark.store.StateStore;
import io.tidemark.store.TargetSchema;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.model.ModelLifecycleStrategy;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.spi.OnCamelContextStarting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured tables. It sees every route the {@code table-sync} template makes (and names it
 * {@code sync-<table>}); at start it checks their settings against the source catalog, prepares the target tables,
 * and fails start-up with one line per problem. Each table is checked by one {@link TableCheck}. A table whose
 * database does not answer then waits instead (unless {@code waitForDatabases} is off, as in one-shot runs; see
 * {@link WaitingTables}): its route starts only once {@link #prepareWaiting} has prepared it, which
 * {@code TableStart} asks for at every attempt of the route controller to start the route. Later, {@link #current}
 * notices source columns added since and brings the target along.
 */
public final class TableRegistry implements ModelLifecycleStrategy, OnCamelContextStarting {

    private static final Logger LOG = LoggerFactory.getLogger(TableRegistry.class);
    private static final String TEMPLATE = "table-sync";

    private final TableCheck check;
    private final TargetSchema targetSchema;
    private final StateStore stateStore;
    private final TableStatus status;
    private final DeadLetters deadLetters;
    private final Duration defaultMaxLag;
    private final boolean waitForDatabases;
    /** Tables whose preparation waits for a database that did not answer. */
    private final WaitingTables waiting;
    private volatile boolean stateTablesReady;
    private final Map<String, Map<String, Object>> declared = new LinkedHashMap<>();
    /** Table name and problem sentence of each extra templatedRoute under an id already taken. */
    private final List<Map.Entry<String, String>> duplicates = new ArrayList<>();
    private final Map<String, TableSpec> byRouteId = new ConcurrentHashMap<>();
    private final Map<String, TableHealthCheck> healthChecks = new ConcurrentHashMap<>();
    private volatile String downAtStart;
    /** Tables named on the command line (or in a setting), by what named them: each must be configured. */
    private final Map<String, java.util.Set<String>> expected = new LinkedHashMap<>();

    public TableRegistry(Catalog source, Dialect dialect, TargetSchema targetSchema, StateStore stateStore,
                         DeadLetters deadLetters, TableStatus status, Duration defaultMaxLag,
                         boolean waitForDatabases) {
        this.check = new TableCheck(source, dialect, targetSchema);
        this.defaultMaxLag = defaultMaxLag;
        this.waitForDatabases = waitForDatabases;
        this.deadLetters = deadLetters;
        this.status = status;
        this.targetSchema = targetSchema;
        this.stateStore = stateStore;
        this.waiting = new WaitingTables(check, status, this::createStateTables, byRouteId::put);
    }

    /** Names each table's route {@code sync-<table>} as the template makes it, and remembers its settings. */
    @Override
    public void onAddRouteDefinition(RouteDefinition route) {
        Map<String, Object> parameters = route.getTemplateParameters();
        if (route.isCreatedFromTemplate() && parameters != null && parameters.containsKey("table")) {
            if (!route.hasCustomIdAssigned()) {
                route.setId(TableSettings.routeId(parameters.get("table")));
            }
            if (declared.putIfAbsent(route.getId(), parameters) != null) {
                duplicates.add(Map.entry(String.valueOf(parameters.get("table")),
                        TableSettings.routeIdTwice(parameters.get("table"), route.getId())));
            }
        }
    }

    @Override
    public void onRemoveRouteDefinition(RouteDefinition route) {
        if (route == null || route.getId() == null) {
            return;
        }
        declared.remove(route.getId());
        byRouteId.remove(route.getId());
        waiting.remove(route.getId());
    }

    /** The parameters routes/table-sync.camel.yaml declares: the only names a table may set. */
    @Override
    public void onAddRouteTemplateDefinition(RouteTemplateDefinition template) {
        if (TEMPLATE.equals(template.getId()) && template.getTemplateParameters() != null) {
            check.parameterNames(template.getTemplateParameters().stream().map(p -> p.getName()).toList());
        }
    }

    @Override
    public void onRemoveRouteTemplateDefinition(RouteTemplateDefinition template) {
        // nothing
    }

    /** Validates every declared table before any route starts. */
    @Override
    public void onContextStarting(CamelContext context) {
        register(declared);
        byRouteId.forEach((routeId, spec) -> track(routeId, spec.settings(), HealthCheckRegistry.get(context)));
        waiting.all().forEach((routeId, settings) -> track(routeId, settings, HealthCheckRegistry.get(context)));
    }

    private void track(String routeId, TableSettings settings, HealthCheckRegistry health) {
        status.track(settings.table(), maxLag(settings));
        TableHealthCheck check = new TableHealthCheck(settings.table(), status, maxLag(settings));
        health.register(check);
        healthChecks.put(routeId, check);
    }

    /**
     * A table added or changed while running (see {@link TablesFile}): checked and prepared as at start, before its
     * route is added; throws with the problems.
     */
    public void admit(String routeId, Map<String, Object> parameters, HealthCheckRegistry health) throws SQLException {
        List<String> problems = new ArrayList<>();
        TableSettings settings = check.settings(parameters, problems);
        TableSpec spec = settings == null ? null : check.resolve(settings, problems, true).orElse(null);
        if (spec == null) {
            throw new IllegalStateException(String.join("; ", problems));
        }
        byRouteId.put(routeId, spec);
        track(routeId, spec.settings(), health);
    }

    /** A table removed or changed while running, after its route was removed: its health check and gauges go too. */
    public void retire(String routeId, String table, HealthCheckRegistry health) {
        TableHealthCheck check = healthChecks.remove(routeId);
        if (check != null) {
            health.unregister(check);
        }
        status.untrack(table);
        status.markNotStarted(table, null);
    }

    /**
     * A database did not answer the start-up connection attempt: every table waits for it from the start, instead of
     * each waiting for the pool's connection timeout in turn before Camel (and the HTTP server) can start.
     */
    public void databaseDown(String reason) {
        if (waitForDatabases) {
            downAtStart = reason;
        }
    }

    /** Tables that {@code what} (an option such as --resync) names: start-up fails unless each is configured. */
    public void expect(String what, java.util.Set<String> tables) {
        if (!tables.isEmpty()) {
            expected.put(what, tables);
        }
    }

    private List<String> unexpected(Map<String, Map<String, Object>> routes) {
        List<String> configured = routes.values().stream().map(p -> String.valueOf(p.get("table"))).sorted().toList();
        List<String> problems = new ArrayList<>();
        expected.forEach((what, tables) -> tables.stream().filter(t -> !configured.contains(t)).forEach(t ->
                problems.add(what + " names table '" + t + "', which is not in routes/tables.camel.yaml; tables there: "
                        + configured + Spelling.closest(t, configured).map(c -> "; did you mean " + c + "?").orElse(""))));
        return problems;
    }

    /**
     * Validates and registers tables by route id; throws with every problem found. A table that cannot be checked
     * because a database does not answer (a transient failure) waits for it, when {@code waitForDatabases}.
     */
    public void register(Map<String, Map<String, Object>> routes) {
        List<String> problems = new ArrayList<>(duplicates.stream().map(Map.Entry::getValue).toList());
        List<String> privileges = new ArrayList<>();
        List<String> unknown = unexpected(routes);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(String.join("\n  ", unknown));
        }
        Map<String, TableSettings> parsed = new LinkedHashMap<>();
        routes.forEach((routeId, parameters) -> {
            TableSettings settings = check.settings(parameters, problems);
            if (settings != null) {
                parsed.put(routeId, settings);
            }
        });
        // Everything is checked before anything is created: a problem in one table leaves no other table half-made.
        String down = downAtStart;
        for (TableSettings settings : down == null ? parsed.values() : List.<TableSettings>of()) {
            try {
                check.resolve(settings, problems, false);
            } catch (SQLException | RuntimeException e) {
                if (Failures.isTransient(e)) { // a database does not answer: reported below, as it is found there
                    down = waitForDatabases ? Failures.describe(e) : null;
                    break;
                }
                problems.add("table '" + settings.table() + "': " + Failures.describe(e));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Tidemark cannot start, fix routes/tables.camel.yaml:\n  - "
                    + String.join("\n  - ", problems));
        }
        if (down == null) {
            try {
                createStateTables();
            } catch (RuntimeException e) {
                if (!waitForDatabases || !Failures.isTransient(e)) {
                    throw new IllegalStateException("cannot create Tidemark's state tables in the target database: "
                            + Failures.missingPrivilege(e, targetSchema.database()).orElse(Failures.describe(e)), e);
                }
                down = Failures.describe(e);
            }
        }
        for (Map.Entry<String, TableSettings> route : parsed.entrySet()) {
            TableSettings settings = route.getValue();
            if (down != null) {
                waiting.add(route.getKey(), settings, down);
                continue;
            }
            try {
                check.resolve(settings, problems, true).ifPresent(spec -> byRouteId.put(route.getKey(), spec));
            } catch (SQLException | RuntimeException e) {
                if (waitForDatabases && Failures.isTransient(e)) {
                    waiting.add(route.getKey(), settings, Failures.describe(e));
                } else {
                    // A privilege the database user lacks is fixed in the database, not in the tables file.
                    Failures.missingPrivilege(e, targetSchema.database()).ifPresentOrElse(
                            p -> privileges.add("table '" + settings.table() + "': " + p),
                            () -> problems.add("table '" + settings.table() + "': " + Failures.describe(e)));
                }
            }
        }
        if (!problems.isEmpty() || !privileges.isEmpty()) {
            privileges.forEach(p -> LOG.error("Privilege: {}", p));
            throw new IllegalStateException("Tidemark cannot start, "
                    + (privileges.isEmpty() ? "" : "a database user lacks a privilege:\n  - "
                            + String.join("\n  - ", privileges) + (problems.isEmpty() ? "" : "\nand "))
                    + (problems.isEmpty() ? "" : "fix routes/tables.camel.yaml:\n  - " + String.join("\n  - ", problems)));
        }
        LOG.info("Tables: {}", byRouteId.values().stream()
                .map(s -> s.table() + (s.incremental() ? " (incremental on " + s.modifier().name() + ")" : " (full refresh)"))
                .toList());
        if (!waiting.isEmpty()) {
            LOG.warn("Tables waiting for a database that does not answer: {}; each starts once it can be checked and "
                    + "prepared (health shows why until then)", waiting.all().values().stream()
                    .map(TableSettings::table)
                    .sorted().toList());
        }
    }

    private void createStateTables() {
        if (!stateTablesReady) {
            stateStore.createTables();
            deadLetters.createTable();
            stateTablesReady = true;
        }
    }

    /** Before a table's route starts: a table waiting for a database is checked and prepared now ({@link WaitingTables}). */
    public void prepareWaiting(String routeId) {
        waiting.prepare(routeId);
    }

    /**
     * {@code --check}: every declared table with its problems (none: OK), checked against both catalogs like
     * {@link #register} but without creating or altering anything.
     */
    public Map<String, List<String>> check() {
        Map<String, List<String>> byTable = check(declared);
        duplicates.forEach(d -> byTable.computeIfAbsent(d.getKey(), t -> new ArrayList<>()).add(d.getValue()));
        return byTable;
    }

    /** The settings of every declared table that parses, by route id (for --check's look at privileges). */
    public Map<String, TableSettings> declaredSettings() {
        Map<String, TableSettings> settings = new LinkedHashMap<>();
        declared.forEach((id, parameters) -> {
            TableSettings parsed = TableSettings.parse(parameters, new ArrayList<>());
            if (parsed != null) {
                settings.put(id, parsed);
            }
        });
        return settings;
    }

    /** The given routes' tables with their problems (none: OK), without creating or altering anything. */
    public Map<String, List<String>> check(Map<String, Map<String, Object>> routes) {
        Map<String, List<String>> byTable = new LinkedHashMap<>();
        for (Map<String, Object> parameters : routes.values()) {
            List<String> problems = new ArrayList<>();
            TableSettings settings = check.settings(parameters, problems);
            if (settings != null) {
                try {
                    check.resolve(settings, problems, false);
                } catch (SQLException | RuntimeException e) {
                    problems.add("table '" + settings.table() + "': " + Failures.describe(e));
                }
            }
            byTable.computeIfAbsent(String.valueOf(parameters.get("table")), t -> new ArrayList<>()).addAll(problems);
        }
        return byTable;
    }

    /** A declared table checked against both catalogs: its spec, or the problems that prevent one. */
    public record Checked(Map<String, Object> parameters, TableSpec spec, List<String> problems) {
    }

    /**
     * {@code --verify} and {@code --repair}: every declared table (duplicates aside) checked like {@link #check},
     * without creating or altering anything, with its spec when it has no problem.
     */
    public List<Checked> checked() {
        List<Checked> tables = new ArrayList<>();
        for (Map<String, Object> parameters : declared.values()) {
            List<String> problems = new ArrayList<>();
            TableSettings settings = TableSettings.parse(parameters, problems);
            TableSpec spec = null;
            if (settings != null) {
                try {
                    spec = check.resolve(settings, problems, false).orElse(null);
                } catch (SQLException | RuntimeException e) {
                    problems.add("table '" + settings.table() + "': " + Failures.describe(e));
                }
            }
            tables.add(new Checked(parameters, spec, problems));
        }
        return tables;
    }

    /** How long since its last successful run before a table's health turns DOWN. */
    public Duration maxLag(TableSpec spec) {
        return maxLag(spec.settings());
    }

    private Duration maxLag(TableSettings settings) {
        return settings.maxLag() != null ? settings.maxLag() : defaultMaxLag;
    }

    /** Every configured table by its route id, prepared or waiting for a database. */
    public Map<String, String> tablesByRouteId() {
        Map<String, String> tables = new LinkedHashMap<>();
        byRouteId.forEach((routeId, spec) -> tables.put(routeId, spec.table()));
        waiting.all().forEach((routeId, settings) -> tables.put(routeId, settings.table()));
        return tables;
    }

    public Map<String, TableSpec> byRouteId() {
        return Map.copyOf(byRouteId);
    }

    /**
     * The spec for a run: re-reads the source's columns (one catalog query) and, when they changed, checks the
     * settings again and adds the new columns to the target before any row is written.
     */
    public TableSpec current(String routeId) throws SQLException {
        TableSpec spec = byRouteId.get(routeId);
        if (spec == null) {
            throw new IllegalStateException("route " + routeId + " is not a configured table");
        }
        if (!check.drifted(spec)) {
            return spec;
        }
        List<String> problems = new ArrayList<>();
        TableSpec changed = check.resolve(spec.settings(), problems, true).orElseThrow(() ->
                new IllegalStateException(String.join("; ", problems)));
        byRouteId.put(routeId, changed);
        return changed;
    }
}
