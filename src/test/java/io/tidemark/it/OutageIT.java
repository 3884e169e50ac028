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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A database goes away in the middle of a run and comes back later: the run retries with back-off, fails
 * cleanly when the outage outlasts the retries, health shows it, and a later run completes with nothing lost.
 */
class OutageIT {

    private static final int ROWS = 30_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ParameterizedTest
    @ValueSource(strings = {"target", "source"})
    void aDatabaseOutageLongerThanTheRetriesFailsTheRunAndTheNextRunCompletes(String which) throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "outage_" + which);
        f.source.execute("CREATE TABLE events (id INT PRIMARY KEY, payload VARCHAR(100), updated_at DATETIME(6) NOT NULL, "
                        + "KEY (updated_at))",
                "INSERT INTO events WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + ROWS + ") "
                        + "SELECT i, REPEAT('y', 1 + i % 90), NOW(6) - INTERVAL 1 HOUR FROM n");
        Database affected = which.equals("target") ? f.target : f.source;
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (FaultyLink link = new FaultyLink(affected.url())) {
            TidemarkApp app = f.app(table("table", "events", "modifier", "updated_at", "batchSize", "100", "schedule", "3s"))
                    .option("-Dcamel.management.port=" + port)
                    .option("-Dtidemark." + which + ".url=" + link.url(affected.url()))
                    .option("-Dtidemark.pool.connection-timeout-ms=2000")
                    .option("-Dtidemark.retry.attempts=3").option("-Dtidemark.retry.first-delay-ms=300");
            app.start();
            try {
                TidemarkApp.await(Duration.ofSeconds(60), () -> f.rowsSynced("events") > 1_000, "some batches");
                link.cut();
                TidemarkApp.await(Duration.ofSeconds(60), () -> {
                    String health = get(port);
                    return health.contains("\"name\":\"table:events\",\"status\":\"DOWN\"")
                            && health.contains("\"name\":\"database:" + which + "\",\"status\":\"DOWN\"");
                }, "table and " + which + " DOWN in health");
                Thread.sleep(5_000); // the outage goes on past the retries
                link.restore();
                TidemarkApp.await(Duration.ofSeconds(120), () -> f.rowsSynced("events") >= ROWS, "every row after the outage");
                TidemarkApp.await(Duration.ofSeconds(30), () -> {
                    String health = get(port);
                    return health.contains("\"name\":\"table:events\",\"status\":\"UP\"")
                            && health.contains("\"name\":\"database:" + which + "\",\"status\":\"UP\"");
                }, "table and " + which + " UP again");
            } finally {
                app.stop();
            }
            String log = app.output();
            assertTrue(log.contains("events: transient failure, retry 1 of 3"), log);
            assertTrue(log.contains("events: run failed, watermark kept at the last committed batch"), log);
        }
        f.assertSameRows("events", "id", "id", "payload", "updated_at");
        assertEquals(ROWS, f.state("events", "rows_synced"));
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM _tidemark_dead_letters"));
    }

    private static String get(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready?data=true"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception notUp) {
            return "";
        }
    }
}
