package io.tidemark.table;

import io.tidemark.status.TableStatus;

import io.tidemark.health.TableHealthCheck;
import io.tidemark.source.Catalog;
import io.tidemark.sql.Dialect;
import io.tidemark.store.Write;
import io.tidemark.source.Column;
import io.tidemark.source.TableShape;
import io.tidemark.run.ModifierValues;
import io.tidemark.store.DeadLetters;
import io.tidemark.store.StateStore;
import io.tidemark.store.TargetSchema;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.model.ModelLifecycleStrategy;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.spi.OnCamelContextStarting;
import io.tidemark.sql.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured tables. It sees every route the {@code table-sync} template makes (and names it
 * {@code sync-<table>}); at start it checks their settings against the source catalog, prepares the target tables,
 * and fails start-up with one line per problem. A table whose database does not answer then waits instead (unless
 * {@code waitForDatabases} is off, as in one-shot runs): its route starts only once {@link #prepareWaiting} has
 * prepared it, which {@link TableStart} asks for at every attempt of the route controller to start the route.
 * Later, {@link #current} notices source columns added since and brings the target along.
 */
public final class TableRegistry implements ModelLifecycleStrategy, OnCamelContextStarting {

    private static final Logger LOG = LoggerFactory.getLogger(TableRegistry.class);
    private static final Duration RECHECK = Duration.ofSeconds(1);
    private static final String TEMPLATE = "table-sync";

    private final Catalog source;
    private final Dialect dialect;
    private final TargetSchema targetSchema;
    private final StateStore stateStore;
    private final TableStatus status;
    private final DeadLetters deadLetters;
    private final Duration defaultMaxLag;
    private final boolean waitForDatabases;
    /** Tables whose preparation waits for a database that did not answer, by route id. */
    private final Map<String, TableSettings> waiting = new ConcurrentHashMap<>();
    private volatile boolean stateTablesReady;
    /**
     * For a second after a database did not answer, waiting tables fail at once with the same reason: the route
     * controller starts one route at a time, and the routes queued behind that attempt would otherwise each wait
     * for a connection in turn (up to tidemark.pool.connection-timeout-ms each) before failing the same way.
     */
    private volatile Instant unreachableUntil = Instant.MIN;
    private volatile String unreachableReason;
    private final Map<String, Map<String, Object>> declared = new LinkedHashMap<>();
    /** Table name and problem sentence of each extra templatedRoute under an id already taken. */
    private final List<Map.Entry<String, String>> duplicates = new ArrayList<>();
    private final Map<String, TableSpec> byRouteId = new ConcurrentHashMap<>();
    private final Map<String, TableHealthCheck> healthChecks = new ConcurrentHashMap<>();
    private volatile List<String> parameterNames = List.of();
    private volatile String downAtStart;
    /** Tables named on the command line (or in a setting), by what named them: each must be configured. */
    private final Map<String, java.util.Set<String>> expected = new LinkedHashMap<>();

    public TableRegistry(Catalog source, Dialect dialect, TargetSchema targetSchema, StateStore stateStore,
                         DeadLetters deadLetters, TableStatus status, Duration defaultMaxLag,
                         boolean waitForDatabases) {
        this.dialect = dialect;
        this.defaultMaxLag = defaultMaxLag;
        this.waitForDatabases = waitForDatabases;
        this.deadLetters = deadLetters;
        this.status = status;
        this.source = source;
        this.targetSchema = targetSchema;
        this.stateStore = stateStore;
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
            parameterNames = template.getTemplateParameters().stream().map(p -> p.getName()).toList();
        }
    }

    /** One table's settings, or null with the problems added, its parameter names checked against the template. */
    private TableSettings settings(Map<String, Object> parameters, List<String> problems) {
        int before = problems.size();
        if (!parameterNames.isEmpty()) {
            problems.addAll(TableSettings.unknownNames(parameters, parameterNames));
        }
        TableSettings settings = TableSettings.parse(parameters, problems);
        return problems.size() > before ? null : settings;
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
        waiting.forEach((routeId, settings) -> track(routeId, settings, HealthCheckRegistry.get(context)));
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
        TableSettings settings = settings(parameters, problems);
        TableSpec spec = settings == null ? null : resolve(settings, problems, true).orElse(null);
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
            TableSettings settings = settings(parameters, problems);
            if (settings != null) {
                parsed.put(routeId, settings);
            }
        });
        // Everything is checked before anything is created: a problem in one table leaves no other table half-made.
        String down = downAtStart;
        for (TableSettings settings : down == null ? parsed.values() : List.<TableSettings>of()) {
            try {
                resolve(settings, problems, false);
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
                waitForDatabase(route.getKey(), settings, down);
                continue;
            }
            try {
                resolve(settings, problems, true).ifPresent(spec -> byRouteId.put(route.getKey(), spec));
            } catch (SQLException | RuntimeException e) {
                if (waitForDatabases && Failures.isTransient(e)) {
                    waitForDatabase(route.getKey(), settings, Failures.describe(e));
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
                    + "prepared (health shows why until then)", waiting.values().stream().map(TableSettings::table)
                    .sorted().toList());
        }
    }

    private void waitForDatabase(String routeId, TableSettings settings, String reason) {
        waiting.put(routeId, settings);
        unreachableReason = reason;
        unreachableUntil = Instant.now().plus(RECHECK);
        status.markNotStarted(settings.table(), unreachableReason);
    }

    private void createStateTables() {
        if (!stateTablesReady) {
            stateStore.createTables();
            deadLetters.createTable();
            stateTablesReady = true;
        }
    }

    /**
     * Before a table's route starts: a table that waits for a database is checked and prepared now, as at start-up.
     * Throws while that fails (the database still does not answer, or the table's settings do not fit the catalog),
     * so the route does not start; the route controller tries again later, and health shows the reason meanwhile.
     */
    public void prepareWaiting(String routeId) {
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
            createStateTables();
            List<String> problems = new ArrayList<>();
            Optional<TableSpec> spec = resolve(settings, problems, true);
            if (spec.isPresent()) {
                byRouteId.put(routeId, spec.get());
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
            TableSettings settings = settings(parameters, problems);
            if (settings != null) {
                try {
                    resolve(settings, problems, false);
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
                    spec = resolve(settings, problems, false).orElse(null);
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
        waiting.forEach((routeId, settings) -> tables.put(routeId, settings.table()));
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
        Optional<TableShape> shape = source.table(spec.table());
        if (shape.isEmpty()) {
            throw new IllegalStateException("table '" + spec.table() + "' no longer exists in the source database");
        }
        if (selected(spec.settings(), shape.get()).equals(spec.source())) {
            return spec;
        }
        List<String> problems = new ArrayList<>();
        TableSpec changed = resolve(spec.settings(), problems, true).orElseThrow(() ->
                new IllegalStateException(String.join("; ", problems)));
        byRouteId.put(routeId, changed);
        return changed;
    }

    /** Checks settings against the catalogs; with {@code prepare}, also creates or amends the target table. */
    private Optional<TableSpec> resolve(TableSettings settings, List<String> problems, boolean prepare)
            throws SQLException {
        String table = settings.table();
        Optional<TableShape> found = source.table(table);
        if (found.isEmpty()) {
            problems.add("table '" + table + "' does not exist in the source database; tables there: "
                    + source.tableNames());
            return Optional.empty();
        }
        TableShape shape = found.get();
        List<String> valid = shape.copied().stream().map(Column::name).toList();
        int before = problems.size();
        List<String> keyNames = settings.primaryKey().isEmpty() ? shape.primaryKey() : settings.primaryKey();
        if (keyNames.isEmpty()) {
            problems.add("table '" + table + "' has no primary key and none is given: set primaryKey to the "
                    + "column(s) that identify a row, from " + valid);
        }
        List<Column> key = new ArrayList<>();
        for (String name : keyNames) {
            Optional<Column> column = shape.column(name).filter(c -> !c.generated());
            column.ifPresentOrElse(key::add, () -> problems.add("table '" + table + "': primaryKey column '" + name
                    + "' is not a column of the source table; valid columns: " + valid));
        }
        Column modifier = null;
        Object lag = null;
        if (settings.modifier() != null) {
            modifier = shape.column(settings.modifier()).filter(c -> !c.generated()).orElse(null);
            if (modifier == null) {
                problems.add("table '" + table + "': modifier column '" + settings.modifier()
                        + "' is not a column of the source table; valid columns: " + valid);
            } else if (!(modifier.temporal() || modifier.numeric())) {
                problems.add("table '" + table + "': modifier column '" + modifier.name() + "' is "
                        + modifier.columnType() + "; a modifier must be a date/time or numeric column that grows "
                        + "on every change");
            } else {
                try {
                    lag = ModifierValues.parseLag(modifier, settings.lag() != null ? settings.lag()
                            : modifier.numberValued() ? "0" : "5s");
                } catch (IllegalArgumentException e) {
                    problems.add("table '" + table + "': lag " + e.getMessage());
                }
            }
        }
        problems.addAll(settings.selection().problems(table, shape, always(settings, shape)));
        List<String> keyColumns = key.stream().map(Column::name).toList();
        if (problems.size() > before) {
            if (!prepare && !key.isEmpty() && key.size() == keyNames.size()) { // --check reports every problem
                targetSchema.check(settings.targetTable(), keyColumns).ifPresent(problems::add);
            }
            return Optional.empty();
        }
        if (settings.selection().where() != null) {
            Optional<String> refused = source.refuses(dialect.filterProbe(table, settings.selection().where()));
            if (refused.isPresent()) {
                problems.add("table '" + table + "': the source refuses where '" + settings.selection().where()
                        + "': " + refused.get() + "; write a condition on the table's columns, e.g. tenant_id = 42; "
                        + "valid columns: " + shape.columnNames());
                return Optional.empty();
            }
        }
        shape = selected(settings, shape);
        Write write = settings.write();
        List<String> targetKey = write.targetKey(keyColumns, modifier);
        Optional<String> targetProblem = prepare
                ? targetSchema.prepare(settings.targetTable(), write.targetShape(shape, modifier), targetKey)
                : targetSchema.check(settings.targetTable(), targetKey);
        if (targetProblem.isPresent()) {
            problems.add(targetProblem.get());
            return Optional.empty();
        }
        return Optional.of(new TableSpec(settings, shape, List.copyOf(key), modifier, lag));
    }

    /** The key (configured and the source's own) and the modifier: copied whatever the selection says. */
    private static List<String> always(TableSettings settings, TableShape shape) {
        List<String> always = new ArrayList<>(settings.primaryKey());
        always.addAll(shape.primaryKey());
        if (settings.modifier() != null) {
            always.add(settings.modifier());
        }
        return always;
    }

    /** The source table as this table copies it: only its selected columns (columns / excludeColumns). */
    private static TableShape selected(TableSettings settings, TableShape shape) {
        return settings.selection().apply(shape, always(settings, shape));
    }
}
