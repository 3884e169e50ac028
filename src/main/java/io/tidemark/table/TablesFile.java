package io.tidemark.table;

import io.tidemark.sql.Failures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Live edits of routes/tables.camel.yaml: every few seconds (routes/timers.camel.yaml) the file is read again and
 * compared with what runs. A table added, changed or removed there is added, replaced or removed here without a
 * restart; the other tables' routes are not touched. An edit that does not parse, or names an unknown table or
 * column, is rejected as a whole with one log line, shown by {@code GET /api/tables-file}, and everything keeps
 * running as it was. A changed or removed table's run in flight finishes first (its route stops gracefully).
 * Camel's own route reload is not used: it drops every templated route on the first edit.
 */
public final class TablesFile {

    /** The last look at the file: {@code applied}, {@code rejected} (with the problems), or {@code unchanged}. */
    public record Outcome(String file, String state, String checkedAt, String changedAt, String message,
                          List<String> problems) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(TablesFile.class);
    private static final String TEMPLATE = "table-sync";
    /**
     * A file with no YAML in it: what an editor leaves for a moment while it saves, more likely than a wish to stop
     * every table, which is written as an empty list.
     */
    static final String EMPTY = "the file is empty (no templatedRoute, not even an empty list); to remove every "
            + "table deliberately write [] in it";

    private final CamelContext context;
    private final TableRegistry tables;
    private final Path file;
    private final boolean enabled;
    /** The tables as last applied (or loaded at start), by route id. */
    private Map<String, Map<String, Object>> applied;
    private String lastText;
    private volatile Outcome outcome;

    public TablesFile(CamelContext context, TableRegistry tables, Path file, boolean enabled) {
        this.context = context;
        this.tables = tables;
        this.file = file;
        this.enabled = enabled;
        String now = Instant.now().toString();
        try {
            lastText = Files.readString(file);
            applied = parse(lastText);
            outcome = new Outcome(file.toString(), enabled ? "unchanged" : "off", now, now, enabled
                    ? "as loaded at start; edits are applied within seconds" : "live edits are off", List.of());
        } catch (IOException | IllegalArgumentException e) {
            applied = null; // the start itself reports a file it cannot use
            outcome = new Outcome(file.toString(), "off", now, now, "cannot watch: " + e.getMessage(), List.of());
        }
    }

    /**
     * At start-up: a tables file without YAML is refused with a sentence (Camel's own loader would only say
     * "Resource is empty"), as it is while running. A missing file is left to Camel's loader.
     */
    public static void requireNotEmpty(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                parse(Files.readString(file));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            if (EMPTY.equals(e.getMessage())) {
                throw new IllegalStateException(file + ": the file is empty; list the tables to sync in it, one "
                        + "templatedRoute of table-sync each (or [] to start with none)");
            }
            // other problems are reported by the start itself, with the line and column
        }
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Reads the file and applies what changed since the last look (the timer route calls this). */
    public synchronized void check() {
        if (!enabled || applied == null) {
            return;
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            reject(List.of("cannot read " + file + ": " + e.getMessage()));
            return;
        }
        if (text.equals(lastText)) {
            return;
        }
        lastText = text;
        Map<String, Map<String, Object>> wanted;
        try {
            wanted = parse(text);
        } catch (IllegalArgumentException e) {
            if (EMPTY.equals(e.getMessage())) {
                rejectEmpty();
            } else {
                reject(List.of(e.getMessage()));
            }
            return;
        }
        Set<String> removed = new LinkedHashSet<>(applied.keySet());
        removed.removeAll(wanted.keySet());
        Map<String, Map<String, Object>> added = new LinkedHashMap<>();
        wanted.forEach((id, parameters) -> {
            if (!Objects.equals(applied.get(id), parameters)) {
                added.put(id, parameters); // new, or changed (then also in replaced)
            }
        });
        Set<String> replaced = new LinkedHashSet<>(added.keySet());
        replaced.retainAll(applied.keySet());
        if (removed.isEmpty() && added.isEmpty()) {
            outcome = new Outcome(file.toString(), "unchanged", Instant.now().toString(), outcome.changedAt(),
                    "the file changed, its tables did not", List.of());
            return;
        }
        List<String> problems = new ArrayList<>();
        tables.check(added).values().forEach(problems::addAll);
        if (!problems.isEmpty()) {
            reject(problems);
            return;
        }
        apply(wanted, added, replaced, removed);
    }

    private void apply(Map<String, Map<String, Object>> wanted, Map<String, Map<String, Object>> added,
                       Set<String> replaced, Set<String> removed) {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        List<String> done = new ArrayList<>();
        List<String> stopped = removed.stream().map(id -> table(applied.get(id))).toList();
        try {
            for (String id : concat(removed, replaced)) {
                RouteDefinition route = model.getRouteDefinition(id);
                if (route != null) {
                    model.removeRouteDefinition(route); // waits for a run in flight
                }
                tables.retire(id, table(applied.get(id)), health);
                if (removed.contains(id)) {
                    done.add("removed " + table(applied.get(id)));
                }
            }
            for (Map.Entry<String, Map<String, Object>> entry : added.entrySet()) {
                tables.admit(entry.getKey(), entry.getValue(), health);
                context.addRouteFromTemplate(entry.getKey(), TEMPLATE, entry.getValue());
                // The supervising route controller takes over a route added while Camel runs, but does not start it.
                if (!context.getRouteController().getRouteStatus(entry.getKey()).isStarted()) {
                    context.getRouteController().startRoute(entry.getKey());
                }
                done.add((replaced.contains(entry.getKey()) ? "changed " : "added ") + table(entry.getValue()));
            }
            applied = wanted;
            String now = Instant.now().toString();
            outcome = new Outcome(file.toString(), "applied", now, now, String.join(", ", done), List.of());
            if (removed.isEmpty()) {
                LOG.info("{} applied without a restart: {}", file, String.join(", ", done));
            } else {
                LOG.warn("{} applied without a restart: {}; no longer synced: {}{}", file, String.join(", ", done),
                        stopped,
                        wanted.isEmpty() ? " (the file lists no table now)" : "");
            }
        } catch (Exception e) {
            // Not expected after the check; what was done stays done, the rest is reported.
            applied = wanted;
            reject(List.of("applied only in part (" + String.join(", ", done) + "): " + Failures.describe(e)));
        }
    }

    private void reject(List<String> problems) {
        String now = Instant.now().toString();
        outcome = new Outcome(file.toString(), "rejected", now, now, file + " was not applied; the tables run as "
                + "before it was edited. Fix it and save again", List.copyOf(problems));
        LOG.error("{} was not applied, the tables run as before: {}", file, String.join("; ", problems));
    }

    private void rejectEmpty() {
        String now = Instant.now().toString();
        outcome = new Outcome(file.toString(), "rejected", now, now, file + " was not applied; the tables run as "
                + "before it was edited", List.of(EMPTY));
        LOG.warn("{} was not applied, the tables run as before: {}", file, EMPTY);
    }

    private static List<String> concat(Set<String> a, Set<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String table(Map<String, Object> parameters) {
        return String.valueOf(parameters.get("table"));
    }

    /**
     * The file's table-sync templatedRoutes by route id ({@code routeId}, else {@code sync-<table>}), parameter
     * values as text; anything else in the file, or a route id twice, is a problem.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> parse(String text) {
        Object document;
        try {
            document = new Load(LoadSettings.builder().build()).loadFromString(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getMessage().strip().replace('\n', ' '));
        }
        Map<String, Map<String, Object>> routes = new LinkedHashMap<>();
        if (document == null) {
            throw new IllegalArgumentException(EMPTY);
        }
        if (!(document instanceof List<?> entries)) {
            throw new IllegalArgumentException("expected a list of templatedRoute entries");
        }
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> map) || !(map.get("templatedRoute") instanceof Map<?, ?> route)
                    || !TEMPLATE.equals(route.get("routeTemplateRef"))) {
                throw new IllegalArgumentException("only templatedRoute entries of " + TEMPLATE + " can be edited "
                        + "while running (found " + (entry instanceof Map<?, ?> m ? m.keySet() : entry) + "); restart "
                        + "Tidemark for other changes");
            }
            Map<String, Object> parameters = new LinkedHashMap<>();
            if (route.get("parameters") instanceof List<?> list) {
                for (Object p : list) {
                    if (p instanceof Map<?, ?> parameter && parameter.get("name") != null) {
                        parameters.put(String.valueOf(parameter.get("name")),
                                parameter.get("value") == null ? null : String.valueOf(parameter.get("value")));
                    }
                }
            }
            String id = route.get("routeId") != null ? String.valueOf(route.get("routeId"))
                    : TableSettings.routeId(parameters.get("table"));
            if (routes.put(id, parameters) != null) {
                throw new IllegalArgumentException(TableSettings.routeIdTwice(parameters.get("table"), id));
            }
        }
        return routes;
    }
}
