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
 * A database does not answer when Tidemark starts: Tidemark starts anyway, health is DOWN naming the table's route
 * and the reason, the route controller keeps trying to start the route, and once the database answers the table
 * is prepared and synced at once (its schedule is an hour: its first firing came while it waited) and health turns
 * UP, all in the same process.
 */
class DatabaseDownAtStartIT {

    private static final int ROWS = 2_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ParameterizedTest
    @ValueSource(strings = {"target", "source"})
    void aTableWhoseDatabaseIsDownAtStartUpStartsSyncingWhenItAnswersWithoutARestart(String which) throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "down_at_start_" + which);
        f.source.execute("CREATE TABLE events (id INT PRIMARY KEY, payload VARCHAR(100), updated_at DATETIME(6) NOT NULL)",
                "INSERT INTO events WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + ROWS + ") "
                        + "SELECT i, CONCAT('row ', i), NOW(6) - INTERVAL 1 HOUR FROM n");
        Database affected = which.equals("target") ? f.target : f.source;
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (FaultyLink link = new FaultyLink(affected.url())) {
            link.cut();
            TidemarkApp app = f.app(table("table", "events", "modifier", "updated_at", "schedule", "1h"))
                    .option("-Dcamel.management.port=" + port)
                    .option("-Dtidemark." + which + ".url=" + link.url(affected.url()))
                    .option("-Dtidemark.pool.connection-timeout-ms=2000")
                    .option("-Dcamel.routecontroller.back-off-delay=1000")
                    .option("-Dcamel.routecontroller.back-off-max-delay=3000");
            app.start();
            try {
                TidemarkApp.await(Duration.ofSeconds(60), () -> {
                    Health health = ready(port);
                    return health.code() == 503
                            && health.body().contains("\"name\":\"route:sync-events\",\"status\":\"DOWN\"")
                            && health.body().contains("\"name\":\"database:" + which + "\",\"status\":\"DOWN\"")
                            && health.body().contains("\"name\":\"table:events\",\"status\":\"DOWN\",\"message\":"
                            + "\"events: not started, its route is retried until it starts: SQLState 08");
                }, "health DOWN naming the route, the table and the " + which + " database");
                TidemarkApp.await(Duration.ofSeconds(30), () -> count(outputOf(app), "Failed restarting route: sync-events") >= 2,
                        "the route controller retrying the table's route");
                assertTrue(app.running(), "Tidemark keeps running while the " + which + " database is down");
                assertEquals(0, f.target.count("SELECT COUNT(*) FROM information_schema.TABLES "
                        + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'events'"), "nothing prepared while it is down");

                link.restore();
                // the next attempt comes within back-off-max-delay (3 s) plus a connection timeout (2 s)
                TidemarkApp.await(Duration.ofSeconds(30), () -> f.rowsSynced("events") == ROWS,
                        "every row as soon as it answers, not an hour later");
                TidemarkApp.await(Duration.ofSeconds(30), () -> {
                    Health health = ready(port);
                    return health.code() == 200
                            && health.body().contains("\"name\":\"route:sync-events\",\"status\":\"UP\"")
                            && health.body().contains("\"name\":\"table:events\",\"status\":\"UP\"");
                }, "health UP again");
                assertTrue(app.running(), "the same process");
            } finally {
                app.stop();
            }
            String log = app.output();
            assertTrue(log.contains("Tables waiting for a database that does not answer: [events]"), log);
            assertTrue(log.contains("events: checked and prepared now that its databases answer; its route starts"), log);
            assertTrue(log.contains("events: its route started after its schedule fired; it runs now, then on its "
                    + "schedule"), log);
        }
        f.assertSameRows("events", "id", "id", "payload", "updated_at");
    }

    private record Health(int code, String body) {
    }

    private static Health ready(int port) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/observe/health/ready?data=true"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new Health(response.statusCode(), response.body());
        } catch (Exception notUp) {
            return new Health(0, "");
        }
    }

    private static String outputOf(TidemarkApp app) {
        try {
            return app.output();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
