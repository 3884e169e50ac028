package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Three instances (separate JVMs) share twelve tables through Quartz's clustered job store while a writer keeps
 * changing every table; one instance is killed (SIGKILL), preferably in the middle of a run. The loads records
 * (which instance ran which table, from when to when) must show every table advancing after the kill and no two
 * runs of one table overlapping; once the writer stops, source and target must be identical.
 */
class ClusterIT {

    private static final int TABLES = 12;
    private static final int ROWS = 500;
    /** Rows the writer changes in one table per statement: with batchSize 10 a run takes several batches. */
    private static final int CHANGED_PER_TOUCH = 25;
    private static final long CHECKIN_MS = 1_000;
    private static final Pattern INSTANCE_ID = Pattern.compile("\"instance\\.id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ALIVE = Pattern.compile("\"members\\.alive\"\\s*:\\s*(\\d+)");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One run of a table as the loads table records it; {@code finished} is null while it runs (or was cut off). */
    private record Run(String table, String instance, Instant started, Instant finished, String status) {
    }

    @Test
    void threeInstancesShareTheTablesAndTheSurvivorsTakeOverAKilledOneWithoutOverlapOrLoss() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "cluster");
        List<String> names = new ArrayList<>();
        List<String> routes = new ArrayList<>();
        for (int t = 1; t <= TABLES; t++) {
            String name = String.format("t%02d", t);
            names.add(name);
            f.source.execute("CREATE TABLE " + name + " (id INT PRIMARY KEY, v INT NOT NULL, "
                            + "updated_at DATETIME(6) NOT NULL, KEY (updated_at))",
                    "INSERT INTO " + name + " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                            + ROWS + ") SELECT i, 0, NOW(6) - INTERVAL 1 HOUR FROM n");
            routes.add(table("table", name, "modifier", "updated_at", "schedule", "1s", "batchSize", "10"));
        }
        int[] ports = new int[3];
        List<TidemarkApp> apps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ports[i] = freePort();
            apps.add(f.app(routes.toArray(String[]::new)).option("-Dtidemark.cluster.enabled=true")
                    .option("-Dtidemark.cluster.checkin-interval-ms=" + CHECKIN_MS)
                    .option("-Dcamel.management.port=" + ports[i]));
        }
        Writer writer = new Writer(f.source, names);
        Thread writing = new Thread(writer, "writer");
        try {
            for (TidemarkApp app : apps) {
                app.start();
            }
            String[] ids = new String[3];
            for (int i = 0; i < 3; i++) {
                int port = ports[i];
                TidemarkApp.await(Duration.ofSeconds(90), () -> INSTANCE_ID.matcher(health(port)).find()
                        && alive(port) == 3, "instance " + i + " to see three live members:\n" + outputs(apps));
                Matcher id = INSTANCE_ID.matcher(health(port));
                assertTrue(id.find());
                ids[i] = id.group(1);
            }
            TidemarkApp.await(Duration.ofSeconds(90), () -> names.stream().allMatch(t -> state(f, t, "phase")
                    .equals("incremental")), "every table's first load");
            writing.start();

            // The tables spread over the instances: each one runs some of them.
            TidemarkApp.await(Duration.ofSeconds(60), () -> runsByInstance(f).keySet().containsAll(Set.of(ids)),
                    "runs on all three instances");
            Thread.sleep(5_000);

            // Kill instance 0, preferably while it is in the middle of a run (a batch committed, the run not ended).
            String victim = ids[0];
            long waitedForRun = System.nanoTime();
            while (openRuns(f, victim).isEmpty() && System.nanoTime() - waitedForRun < 20_000_000_000L) {
                Thread.sleep(5);
            }
            apps.get(0).kill();
            Instant killed = Instant.now();
            List<String> cutOff = openRuns(f, victim);
            System.out.println("ClusterIT: killed " + victim + " at " + killed + (cutOff.isEmpty()
                    ? " between runs" : " in the middle of runs of " + cutOff));

            // The survivors declare it dead and take over its tables.
            TidemarkApp.await(Duration.ofSeconds(60), () -> alive(ports[1]) == 2 && alive(ports[2]) == 2,
                    "the survivors to drop the killed instance from the members");
            Instant settled = Instant.now();
            TidemarkApp.await(Duration.ofSeconds(60), () -> names.stream().allMatch(t ->
                            runs(f).stream().filter(r -> r.table().equals(t) && r.finished() != null
                                    && r.started().isAfter(settled)).count() >= 3),
                    "three more runs of every table after the takeover");

            writer.stop();
            writing.join(10_000);
            assertNull(writer.failure.get(), "the writer failed");
            for (String t : names) {
                TidemarkApp.await(Duration.ofSeconds(60), () -> sameRows(f, t), t + " to catch up with the source");
            }

            // A one-shot run stays outside the cluster: it refuses while the cluster runs.
            TidemarkApp.Result refused = f.app(routes.toArray(String[]::new)).option("-Dtidemark.cluster.enabled=true")
                    .once();
            assertEquals(2, refused.exitCode(), refused.output());
            assertTrue(refused.output().contains("cluster member(s) are running"), refused.output());

            List<Run> runs = runs(f);

            assertNoOverlap(runs, victim, killed);
            report(runs, names, victim, killed, cutOff);
            for (String t : names) {
                assertTrue(runs.stream().filter(r -> r.table().equals(t) && r.started().isAfter(settled)
                        && !r.instance().equals(victim) && "ok".equals(r.status())).count() >= 3,
                        t + " kept advancing after the kill");
                f.assertSameRows(t, "id", "id", "v", "updated_at");
            }
            assertTrue(runs.stream().noneMatch(r -> "failed".equals(r.status())), "no run failed:\n" + outputs(apps));
        } finally {
            writer.stop();
            for (TidemarkApp app : apps) {
                try {
                    app.kill();
                } catch (RuntimeException neverStarted) {
                    // nothing to stop
                }
            }
        }
    }

    /** Runs of one table never overlap: each starts after the previous one ended (a killed run ends at the kill). */
    private static void assertNoOverlap(List<Run> runs, String victim, Instant killed) {
        Map<String, List<Run>> byTable = new TreeMap<>();
        runs.forEach(r -> byTable.computeIfAbsent(r.table(), t -> new ArrayList<>()).add(r));
        List<String> overlaps = new ArrayList<>();
        byTable.forEach((table, list) -> {
            list.sort((a, b) -> a.started().compareTo(b.started()));
            for (int i = 1; i < list.size(); i++) {
                Run before = list.get(i - 1);
                Run after = list.get(i);
                Instant end = before.finished() != null ? before.finished()
                        : before.instance().equals(victim) ? killed : Instant.MAX;
                if (after.started().isBefore(end)) {
                    overlaps.add(table + ": " + before + " and " + after);
                }
            }
        });
        assertTrue(overlaps.isEmpty(), overlaps.size() + " overlapping runs:\n" + String.join("\n", overlaps));
    }

    /** What the run shows: runs per instance, and how long the killed instance's tables waited. */
    private static void report(List<Run> runs, List<String> names, String victim, Instant killed, List<String> cutOff) {
        Map<String, Long> perInstance = new TreeMap<>();
        runs.forEach(r -> perInstance.merge(r.instance(), 1L, Long::sum));
        double longestWait = 0;
        String longestTable = null;
        for (String t : names) {
            Instant next = runs.stream().filter(r -> r.table().equals(t) && r.started().isAfter(killed))
                    .map(Run::started).min(Instant::compareTo).orElseThrow();
            double wait = Duration.between(killed, next).toMillis() / 1000.0;
            if (wait > longestWait) {
                longestWait = wait;
                longestTable = t;
            }
        }
        System.out.printf("ClusterIT: %d runs recorded, per instance %s; killed %s (cut off: %s); the longest a table "
                        + "waited after the kill for its next run: %.1f s (%s); overlapping runs: 0%n", runs.size(),
                perInstance, victim, cutOff, longestWait, longestTable);
    }

    private static List<Run> runs(SyncFixture f) {
        List<Run> runs = new ArrayList<>();
        for (List<String> row : f.target.rows("SELECT table_name, instance_id, started_at, finished_at, status "
                + "FROM _tidemark_loads")) {
            runs.add(new Run(row.get(0), row.get(1), instant(row.get(2)), row.get(3) == null ? null : instant(row.get(3)),
                    row.get(4)));
        }
        return runs;
    }

    private static Map<String, Long> runsByInstance(SyncFixture f) {
        Map<String, Long> counts = new HashMap<>();
        f.target.rows("SELECT instance_id, COUNT(*) FROM _tidemark_loads GROUP BY instance_id")
                .forEach(r -> counts.put(r.get(0), Long.parseLong(r.get(1))));
        return counts;
    }

    /** Tables the instance is running right now: a batch committed, the run not ended. */
    private static List<String> openRuns(SyncFixture f, String instance) {
        return f.target.rows("SELECT table_name FROM _tidemark_loads WHERE finished_at IS NULL AND instance_id = '"
                + instance + "'").stream().map(r -> r.get(0)).toList();
    }

    /** started_at and finished_at are UTC (the app writes UTC text, the server UTC_TIMESTAMP). */
    private static Instant instant(String text) {
        return LocalDateTime.parse(text, MICROS).toInstant(ZoneOffset.UTC);
    }

    private static String state(SyncFixture f, String table, String column) {
        try {
            String value = f.target.value("SELECT " + column + " FROM _tidemark_state WHERE table_name = '" + table + "'");
            return value == null ? "" : value;
        } catch (IllegalStateException notYetCreated) {
            return "";
        }
    }

    private static boolean sameRows(SyncFixture f, String table) {
        return f.source.fingerprint(table, "id", "id", "v", "updated_at")
                .equals(f.target.fingerprint(table, "id", "id", "v", "updated_at"));
    }

    static int alive(int port) {
        Matcher m = ALIVE.matcher(health(port));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    static String health(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health?data=true"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception notUpYet) {
            return "";
        }
    }

    private static String outputs(List<TidemarkApp> apps) {
        StringBuilder all = new StringBuilder();
        for (TidemarkApp app : apps) {
            try {
                String out = app.output();
                all.append("---- instance log (last 4000 characters)\n")
                        .append(out, Math.max(0, out.length() - 4000), out.length());
            } catch (Exception e) {
                all.append(e).append('\n');
            }
        }
        return all.toString();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Changes every table several times a second: updates a window of rows (sharing one modifier value, so ties
     * cross batch boundaries) and inserts a row, table after table.
     */
    private static final class Writer implements Runnable {
        private final Database source;
        private final List<String> tables;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicLong statements = new AtomicLong();
        private volatile boolean running = true;

        Writer(Database source, List<String> tables) {
            this.source = source;
            this.tables = tables;
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            Map<String, Integer> nextId = new HashMap<>();
            tables.forEach(t -> nextId.put(t, ROWS + 1));
            try (Connection c = source.connect()) {
                for (int round = 0; running; round++) {
                    for (String table : tables) {
                        int from = 1 + (round * CHANGED_PER_TOUCH) % ROWS;
                        try (PreparedStatement update = c.prepareStatement("UPDATE " + table
                                + " SET v = v + 1, updated_at = NOW(6) WHERE id BETWEEN ? AND ?");
                             PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                                     + " (id, v, updated_at) VALUES (?, 0, NOW(6))")) {
                            update.setInt(1, from);
                            update.setInt(2, from + CHANGED_PER_TOUCH - 1);
                            update.executeUpdate();
                            int id = nextId.merge(table, 1, Integer::sum) - 1;
                            insert.setInt(1, id);
                            insert.executeUpdate();
                        }
                        statements.addAndGet(2);
                        Thread.sleep(15);
                    }
                }
            } catch (Throwable e) {
                if (running) {
                    failure.set(e);
                }
            }
        }
    }
}
