package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Every metric the shipped Prometheus rules name exists in /observe/metrics, with the labels they use. */
class AlertingRulesIT {

    private static final Path RULES = Path.of("monitoring", "tidemark.rules.yml");
    /** Labels Prometheus adds to every scraped series itself; {@code up} is its own metric of each target. */
    private static final Set<String> TARGET_LABELS = Set.of("instance", "job");
    private static final Set<String> PROMQL_WORDS = Set.of("increase", "delta", "rate", "sum", "max", "min", "on",
            "ignoring", "by", "without", "and", "or", "unless", "bool", "group_left", "group_right", "offset");
    private static final Pattern IDENTIFIER = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{([^}]*)\\})?");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_]\\w*)\\s*(=~|!=|!~|=)\\s*\"([^\"]*)\"");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:on|ignoring|by|without)\\s*\\(([^)]*)\\)");
    private static final Pattern LABEL_USE = Pattern.compile("\\$labels\\.(\\w+)");
    private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? \\S+$",
            Pattern.MULTILINE);

    @Test
    void everyMetricAndLabelTheRulesUseIsServedFromStartUp() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "rules");
        f.source.execute("CREATE TABLE items (id INT PRIMARY KEY, updated_at DATETIME(6) NOT NULL)",
                "INSERT INTO items VALUES (1, NOW(6))");
        Api api = Api.onFreePort();
        TidemarkApp app = f.app(table("table", "items", "modifier", "updated_at", "schedule", "1h"))
                .option(api.portOption()).start();
        String metrics;
        try {
            TidemarkApp.await(Duration.ofSeconds(60), () -> AlertsIT.metric(api,
                    "tidemark_runs_total{outcome=\"ok\",table=\"items\"}") == 1, "the first run");
            metrics = api.get("/observe/metrics").body();
        } finally {
            app.stop();
        }

        List<String> problems = problems(Files.readString(RULES), metrics);

        assertEquals(List.of(), problems, "monitoring/tidemark.rules.yml against /observe/metrics");
        assertTrue(metrics.contains("tidemark_runs_total{outcome=\"failed\",table=\"items\"} 0.0"),
                "a table's failure counter exists before its first failure, so that increase() sees the first one");
    }

    @Test
    void theCheckFindsAMisspelledMetricOrLabel() {
        String metrics = "tidemark_lag_seconds{table=\"items\"} 3.0\n";
        String rules = """
                groups:
                  - name: g
                    rules:
                      - alert: A
                        expr: tidemark_lag_secs > 0
                      - alert: B
                        expr: tidemark_lag_seconds{tabel="items"} > 0
                        annotations: {summary: "{{ $labels.pool }}"}
                """;

        assertEquals(3, problems(rules, metrics).size(), String.join("\n", problems(rules, metrics)));
    }

    /** One sentence per metric the rules name that is not served, or served without a label they use. */
    @SuppressWarnings("unchecked")
    static List<String> problems(String rulesYaml, String metricsText) {
        Map<String, List<Map<String, String>>> served = new HashMap<>();
        Matcher series = SERIES.matcher(metricsText);
        while (series.find()) {
            Map<String, String> labels = new HashMap<>();
            Matcher label = MATCHER.matcher(series.group(3) == null ? "" : series.group(3));
            while (label.find()) {
                labels.put(label.group(1), label.group(3));
            }
            served.computeIfAbsent(series.group(1), n -> new ArrayList<>()).add(labels);
        }
        List<String> problems = new ArrayList<>();
        Map<String, Object> file = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(rulesYaml);
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                String name = String.valueOf(rule.get("alert"));
                String expr = String.valueOf(rule.get("expr")).replaceAll("\\[[^]]*]", "");
                Set<String> labelsUsed = new LinkedHashSet<>();
                Matcher grouping = GROUPING.matcher(expr);
                while (grouping.find()) {
                    for (String l : grouping.group(1).split(",")) {
                        labelsUsed.add(l.trim());
                    }
                }
                Matcher uses = LABEL_USE.matcher(String.valueOf(rule.get("annotations")));
                while (uses.find()) {
                    labelsUsed.add(uses.group(1));
                }
                String withoutGroupings = GROUPING.matcher(expr).replaceAll(" ");
                Matcher id = IDENTIFIER.matcher(withoutGroupings);
                List<String> metrics = new ArrayList<>();
                while (id.find()) {
                    String metric = id.group(1);
                    if (PROMQL_WORDS.contains(metric) || metric.equals("up")) {
                        continue;
                    }
                    if (id.start() > 0 && Character.isDigit(withoutGroupings.charAt(id.start() - 1))) {
                        continue; // the unit of a number
                    }
                    metrics.add(metric);
                    List<Map<String, String>> found = served.get(metric);
                    if (found == null) {
                        problems.add(name + ": metric " + metric + " is not served");
                        continue;
                    }
                    Matcher m = MATCHER.matcher(id.group(3) == null ? "" : id.group(3));
                    while (m.find()) {
                        String label = m.group(1);
                        String value = m.group(3);
                        if (m.group(2).equals("=") && found.stream().noneMatch(l -> value.equals(l.get(label)))) {
                            problems.add(name + ": no series " + metric + "{" + label + "=\"" + value + "\"}");
                        }
                    }
                }
                for (String label : labelsUsed) {
                    if (TARGET_LABELS.contains(label)) {
                        continue;
                    }
                    for (String metric : metrics) {
                        List<Map<String, String>> found = served.get(metric);
                        if (found != null && found.stream().anyMatch(l -> !l.containsKey(label))) {
                            problems.add(name + ": metric " + metric + " has no label " + label);
                        }
                    }
                }
            }
        }
        return problems;
    }
}
