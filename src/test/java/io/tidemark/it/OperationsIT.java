package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What operators rely on: health, metrics, and a clear stop when the state was lost. */
class OperationsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aDroppedStateTableStopsTheTableWithAMessageAndResyncRebuildsIt() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "lost");
        f.source.execute("CREATE TABLE items (id INT PRIMARY KEY, v INT, changed DATETIME(6), KEY (changed))",
                "INSERT INTO items WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) "
                        + "SELECT i, i, NOW(6) - INTERVAL 1 HOUR FROM n");
        TidemarkApp app = f.app(table("table", "items", "modifier", "changed"));
        assertEquals(0, app.once().exitCode());

        f.target.execute("DROP TABLE _tidemark_state");
        TidemarkApp.Result lost = app.once();

        assertEquals(1, lost.exitCode(), lost.output());
        assertTrue(lost.output().contains("its state was deleted or lost"), lost.output());
        assertTrue(lost.output().contains("--resync items"), lost.output());

        TidemarkApp.Result resync = app.start("--resync", "items").awaitExit();
        assertEquals(0, resync.exitCode(), resync.output());
        assertEquals(300, f.state("items", "rows_synced"));
        f.assertSameRows("items", "id", "id", "v", "changed");
    }

    @Test
    void healthAndMetricsShowEveryTableAndBothPoolsAndAFailingTableIsDown() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "observe");
        f.source.execute("CREATE TABLE good (id INT PRIMARY KEY, changed DATETIME(6))", "INSERT INTO good VALUES (1, NOW(6))",
                "CREATE TABLE bad (id INT PRIMARY KEY, changed DATETIME(6))", "INSERT INTO bad VALUES (1, NOW(6))");
        f.target.execute("CREATE TABLE bad (id INT PRIMARY KEY, changed DATETIME(6), _tidemark_load_id VARCHAR(64) NOT NULL, "
                        + "_tidemark_row_id VARCHAR(128) NOT NULL)",
                "CREATE TRIGGER refuse BEFORE INSERT ON bad FOR EACH ROW "
                        + "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'writes to bad are closed'");
        int port = freePort();
        TidemarkApp app = f.app(table("table", "good", "modifier", "changed", "schedule", "1s"),
                table("table", "bad", "modifier", "changed", "schedule", "1s"))
                .option("-Dcamel.management.port=" + port).start();
        try {
            TidemarkApp.await(Duration.ofSeconds(60), () -> get(port, "/observe/health/ready?data=true").contains(
                    "writes to bad are closed"), "the failing table in health");
            HttpResponse<String> ready = HTTP.send(request(port, "/observe/health/ready?data=true"),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().matches("(?s).*\"name\":\"table:good\",\"status\":\"UP\".*"), ready.body());
            assertTrue(ready.body().matches("(?s).*\"name\":\"table:bad\",\"status\":\"DOWN\".*"), ready.body());
            assertTrue(ready.body().matches("(?s).*\"name\":\"database:target\",\"status\":\"UP\".*"), ready.body());
            assertEquals(200, HTTP.send(request(port, "/observe/health/live"), HttpResponse.BodyHandlers.ofString())
                    .statusCode());

            String metrics = get(port, "/observe/metrics");
            assertTrue(metrics.contains("tidemark_rows_synced_total{table=\"good\"} 1.0"), metrics);
            assertTrue(metrics.contains("tidemark_runs_total{outcome=\"failed\",table=\"bad\"}"), metrics);
            assertTrue(metrics.contains("tidemark_since_last_success_seconds{table=\"good\"}"), metrics);
            assertTrue(metrics.contains("tidemark_last_success_timestamp_seconds{table=\"good\"}"), metrics);
            assertTrue(metrics.contains("tidemark_runs_total{outcome=\"failed\",table=\"good\"} 0.0"),
                    "a failed count from the start: " + metrics);
            for (String family : new String[] {"tidemark_rows_synced_total", "tidemark_runs_total",
                    "tidemark_run_seconds", "tidemark_batch_seconds", "tidemark_since_last_success_seconds"}) {
                assertTrue(metrics.contains("# HELP " + family + " "), family + " has no HELP: " + metrics);
            }
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/promtool"))) {
                Process promtool = new ProcessBuilder("/usr/bin/promtool", "check", "metrics")
                        .redirectErrorStream(true).start();
                try (var in = promtool.getOutputStream()) {
                    in.write(metrics.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                String said = new String(promtool.getInputStream().readAllBytes());
                promtool.waitFor();
                // the tables' metrics (the alerts' own are not covered here)
                assertTrue(said.lines().noneMatch(l -> l.matches("tidemark_(runs|rows_synced|run|batch|since|last_success"
                        + "|dead|invisible).*")), "promtool: " + said);
            }
            assertTrue(metrics.contains("hikaricp_connections_active{pool=\"tidemark-source\"}"), metrics);
            assertTrue(metrics.contains("hikaricp_connections_max{pool=\"tidemark-target\"} 10.0"), metrics);
        } finally {
            app.stop();
        }
    }

    private static HttpRequest request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build();
    }

    private static String get(int port, String path) {
        try {
            return HTTP.send(request(port, path), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception notUpYet) {
            return "";
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
