package io.tidemark.table;

import io.tidemark.store.Write;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.camel.util.StringHelper;

/**
 * One table's settings as written in {@code routes/tables.camel.yaml}, before the catalog is consulted.
 *
 * @param table        source table
 * @param targetTable  target table (default: same name)
 * @param primaryKey   key columns in order; empty means "the source's primary key"
 * @param modifier     ordered column that grows on every change; null means full refresh
 * @param schedule     Quartz cron or an interval such as {@code 30s}
 * @param batchSize    rows per fetch and per target transaction
 * @param initialValue the watermark to start from instead of copying the whole table first; null: copy all
 * @param lag          how far behind the watermark every run re-reads; null: the default for the modifier type
 * @param maxLag       health turns DOWN when the last successful run began longer ago than this; null: the
 *                     global default ({@code tidemark.health.max-lag})
 * @param columns        the only columns copied besides the key and the modifier; empty: see excludeColumns
 * @param excludeColumns columns never read nor copied
 * @param where          a row filter the source evaluates; null: every row (see {@link Selection})
 * @param deletes        what a repair does with rows deleted at the source (default propagate)
 * @param verify         a schedule (like {@code schedule}) on which the table is verified and repaired, after a run
 *                       of its own; null: never (see {@code io.tidemark.verify.VerificationRuns})
 * @param write          how rows are written: merge (default), append or scd2 (see {@link Write})
 * @param transform      a route (e.g. {@code direct:mask-emails}) each batch passes through before it is written;
 *                       null: none
 * @param fullRefresh    how a table without a modifier is kept in step: {@code copy} (null, the default: every run
 *                       copies every row and swaps the copy in) or {@code diff} (after the first copy, a run verifies
 *                       and repairs only what differs; see {@code io.tidemark.verify.DiffRefresh})
 */
public record TableSettings(String table, String targetTable, List<String> primaryKey, String modifier,
                            String schedule, int batchSize, String initialValue, String lag, Duration maxLag,
                            List<String> columns, List<String> excludeColumns, String where,
                            io.tidemark.verify.Deletes deletes, String verify, Write write,
                            String transform, String fullRefresh) {

    /** {@code fullRefresh: diff}: kept in step by verify-and-repair instead of copying every row. */
    public static final String DIFF = "diff";

    public static final int DEFAULT_BATCH_SIZE = 1000;
    public static final String DEFAULT_SCHEDULE = "30s";
    /** A table's route is {@code sync-<table>} unless its templatedRoute gives a routeId (as the template's id). */
    private static final String ROUTE_PREFIX = "sync-";

    /** The route id of a table whose templatedRoute gives none. */
    public static String routeId(Object table) {
        return ROUTE_PREFIX + table;
    }

    /** The table a route id names, for log lines: {@code sync-orders} is orders; any other id is itself. */
    public static String tableOf(String routeId) {
        return routeId != null && routeId.startsWith(ROUTE_PREFIX) ? routeId.substring(ROUTE_PREFIX.length())
                : routeId;
    }

    /** The problem of two templatedRoutes with one route id, naming the table and the way out. */
    public static String routeIdTwice(Object table, String routeId) {
        return "table '" + table + "' has more than one templatedRoute with route id '" + routeId + "'; give each "
                + "extra one its own routeId (e.g. " + routeId(table) + "-2)";
    }

    /** The columns and rows this table copies. */
    public Selection selection() {
        return new Selection(columns, excludeColumns, where);
    }

    public boolean incremental() {
        return modifier != null;
    }

    /**
     * Reads the parameters of one {@code templatedRoute}; every problem is added to {@code problems} as a
     * sentence naming the table, and the result is null when a setting is unusable.
     */
    public static TableSettings parse(Map<String, Object> parameters, List<String> problems) {
        String table = text(parameters, "table");
        if (table == null) {
            problems.add("a templatedRoute of table-sync has no 'table' parameter: add the source table's name");
            return null;
        }
        int before = problems.size();
        String target = text(parameters, "targetTable");
        List<String> key = new ArrayList<>();
        String keyText = text(parameters, "primaryKey");
        if (keyText != null) {
            Arrays.stream(keyText.split(",", -1)).map(String::trim).forEach(key::add);
            if (key.stream().anyMatch(String::isEmpty)) {
                problems.add("table '" + table + "': primaryKey '" + keyText + "' has an empty column name; "
                        + "write the key columns separated by commas, e.g. 'order_id,line_no'");
            }
        }
        int batchSize = DEFAULT_BATCH_SIZE;
        String batchText = text(parameters, "batchSize");
        if (batchText != null) {
            try {
                batchSize = Integer.parseInt(batchText);
            } catch (NumberFormatException e) {
                batchSize = 0;
            }
            if (batchSize < 1) {
                problems.add("table '" + table + "': batchSize '" + batchText + "' is not a positive whole number");
            }
        }
        String schedule = text(parameters, "schedule");
        if (schedule != null && !Schedule.valid(schedule)) {
            problems.add("table '" + table + "': schedule '" + schedule + "' is neither an interval such as "
                    + "'30s', '5m', '1h' nor a Quartz cron such as '0 0/5 * * * ?'");
        }
        Duration maxLag = null;
        String maxLagText = text(parameters, "maxLag");
        if (maxLagText != null) {
            Long millis = Schedule.intervalMillis(maxLagText);
            if (millis == null) {
                problems.add("table '" + table + "': maxLag '" + maxLagText + "' is not a duration such as '90s', "
                        + "'15m' or '2h'");
            } else {
                maxLag = Duration.ofMillis(millis);
            }
        }
        String verify = text(parameters, "verify");
        if (verify != null && !Schedule.valid(verify)) {
            problems.add("table '" + table + "': verify '" + verify + "' is neither an interval such as '1h', '30m' "
                    + "nor a Quartz cron such as '0 0 3 * * ?'; leave it out to verify only on demand");
        }
        String fullRefresh = text(parameters, "fullRefresh");
        if (fullRefresh != null && !fullRefresh.equals("copy") && !fullRefresh.equals(DIFF)) {
            problems.add("table '" + table + "': fullRefresh '" + fullRefresh + "' is neither copy (every run copies "
                    + "every row, the default) nor diff (a run repairs only the rows that differ)");
        } else if (DIFF.equals(fullRefresh) && text(parameters, "modifier") != null) {
            problems.add("table '" + table + "': fullRefresh: diff is for a table without a modifier, and this one "
                    + "has modifier '" + text(parameters, "modifier") + "'; remove one of the two");
        }
        Selection selection = Selection.parse(table, parameters, problems);
        io.tidemark.verify.Deletes deletes = io.tidemark.verify.Deletes.parse(table, text(parameters, "deletes"),
                problems);
        Write write = Write.parse(table, text(parameters, "write"), text(parameters, "modifier") != null, problems);
        String transform = text(parameters, "transform");
        if (transform != null && !transform.startsWith("direct:")) {
            problems.add("table '" + table + "': transform '" + transform + "' is not a direct: endpoint; name the "
                    + "route that receives each batch, e.g. direct:mask-emails");
        }
        if (problems.size() > before) {
            return null;
        }
        return new TableSettings(table, target == null ? table : target, List.copyOf(key),
                text(parameters, "modifier"), schedule == null ? DEFAULT_SCHEDULE : schedule, batchSize,
                text(parameters, "initialValue"), text(parameters, "lag"), maxLag, selection.columns(),
                selection.excludeColumns(), selection.where(), deletes, verify, write, transform,
                "copy".equals(fullRefresh) ? null : fullRefresh);
    }

    /**
     * A sentence per parameter name the template does not declare: a misspelled name would otherwise be ignored
     * and silently change what is synced (a misspelled modifier makes a full-refresh table). Camel keeps each
     * camelCase parameter under its dash-case name too ({@code batchSize}, {@code batch-size}): that one is known.
     */
    public static List<String> unknownNames(Map<String, Object> parameters, Collection<String> declared) {
        List<String> problems = new ArrayList<>();
        for (String name : parameters.keySet()) {
            // Camel hands a templated route each camelCase parameter under its dashed name too (batch-size): that
            // copy is known when the camelCase name is given too; a dashed name alone is not a parameter.
            String camel = StringHelper.dashToCamelCase(name);
            if (!declared.contains(name) && !(declared.contains(camel) && parameters.containsKey(camel))) {
                problems.add("table '" + parameters.get("table") + "': unknown parameter '" + name + "'"
                        + Spelling.closest(name, declared).map(c -> "; did you mean '" + c + "'?").orElse(";")
                        + " parameters of table-sync: " + declared);
            }
        }
        return problems;
    }

    private static String text(Map<String, Object> parameters, String name) {
        Object value = parameters.get(name);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
