package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Passwords never show in logs, health, metrics or error messages (MySQL 8: it checks passwords). */
class SecretsIT {

    private static final String PASSWORD = "Pa55-w0rd-XYZ";
    private static final String WRONG = "Wr0ng-S3cret-Q";

    @Test
    void passwordsNeverAppearInLogsHealthMetricsOrErrors() throws Exception {
        SyncFixture f = new SyncFixture(Server.MYSQL_8_0, "secret");
        for (Database db : new Database[] {f.source, f.target}) {
            db.execute("CREATE USER IF NOT EXISTS 'tm_sync'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                    "GRANT ALL ON *.* TO 'tm_sync'@'%'");
        }
        f.source.execute("CREATE TABLE items (id INT PRIMARY KEY, changed DATETIME(6))", "INSERT INTO items VALUES (1, NOW(6))");
        String targetUrlWithCredentials = f.target.url().replace("jdbc:mysql://", "jdbc:mysql://tm_sync:" + PASSWORD + "@");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        TidemarkApp app = f.app(table("table", "items", "modifier", "changed", "schedule", "1s"))
                .option("-Dcamel.management.port=" + port)
                .option("-Dtidemark.source.user=tm_sync").option("-Dtidemark.source.password=" + PASSWORD)
                .option("-Dtidemark.target.url=" + targetUrlWithCredentials);
        app.start();
        String health;
        String metrics;
        try {
            HttpClient http = HttpClient.newHttpClient();
            TidemarkApp.await(Duration.ofSeconds(60), () -> f.target.count("SELECT COUNT(*) FROM information_schema.TABLES "
                    + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'items'") > 0
                    && f.target.count("SELECT COUNT(*) FROM items") > 0, "a run");
            health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/observe/health?data=true")).build(), HttpResponse.BodyHandlers.ofString()).body();
            metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        } finally {
            app.stop();
        }
        assertTrue(health.contains("table:items"), health);
        assertTrue(app.output().contains("Target database: jdbc:mysql://127.0.0.1"), app.output());
        for (String seen : new String[] {app.output(), health, metrics}) {
            assertFalse(seen.contains(PASSWORD), seen);
        }

        TidemarkApp.Result denied = f.app(table("table", "items", "modifier", "changed"))
                .option("-Dtidemark.source.user=tm_sync").option("-Dtidemark.source.password=" + WRONG).once();
        assertEquals(2, denied.exitCode(), denied.output());
        assertTrue(denied.output().contains("Access denied"), denied.output());
        assertFalse(denied.output().contains(WRONG), denied.output());
    }
}
