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

/**
 * A database that refuses Tidemark for good (wrong password, unknown database) is not a database that does not
 * answer: start-up stops at once with one line naming the user, the host and the fix. One that does not answer
 * does not hold up the HTTP server (MySQL 8: it checks passwords).
 */
class RefusedConnectionIT {

    private static final String PASSWORD = "Right-Pa55";
    private static final String WRONG = "Wr0ng-Pa55";

    @Test
    void aWrongPasswordStopsContinuousModeAtOnceWithOneLineNamingUserHostAndFix() throws Exception {
        SyncFixture f = new SyncFixture(Server.MYSQL_8_0, "refused_pw");
        f.source.execute("CREATE USER IF NOT EXISTS 'tm_refused'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                "CREATE TABLE t (id INT PRIMARY KEY)");
        String address = f.source.url().replaceAll("^jdbc:mysql://([^/]+)/.*$", "$1");

        long started = System.nanoTime();
        TidemarkApp.Result result = f.app(table("table", "t"))
                .option("-Dtidemark.source.user=tm_refused").option("-Dtidemark.source.password=" + WRONG)
                .start().awaitExit(Duration.ofSeconds(25));
        long seconds = (System.nanoTime() - started) / 1_000_000_000;

        assertEquals(2, result.exitCode(), result.output());
        String out = result.output();
        assertTrue(out.contains("Connecting to the source database at " + address + " as user 'tm_refused' ..."), out);
        assertTrue(out.contains("Tidemark could not start: source database at " + address + " refuses user "
                + "'tm_refused': SQLState 28000, vendor code 1045: Access denied for user 'tm_refused'@"), out);
        assertTrue(out.contains("; check SOURCE_DB_USER and SOURCE_DB_PASSWORD"), out);
        assertFalse(out.contains(WRONG), out);
        assertFalse(out.contains("waiting for a database"), out);
        assertTrue(seconds < 20, "stopped after " + seconds + " s");
    }

    @Test
    void anUnknownDatabaseStopsStartUpNamingTheUrlToFix() throws Exception {
        SyncFixture f = new SyncFixture(Server.MYSQL_8_0, "refused_db");
        f.source.execute("CREATE TABLE t (id INT PRIMARY KEY)");
        String missing = f.target.url().replaceAll("/[^/?]+(\\?|$)", "/no_such_database$1");
        TidemarkApp.Result result = f.app(table("table", "t")).option("-Dtidemark.target.url=" + missing)
                .start().awaitExit(Duration.ofSeconds(25));
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("vendor code 1049: Unknown database 'no_such_database'; the database "
                + "named in TARGET_DB_URL does not exist there: create it or correct the URL"), result.output());
    }

    @Test
    void theHttpServerAnswersBeforeADatabaseThatDoesNotAnswer() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "refused_down");
        f.source.execute("CREATE TABLE a (id INT PRIMARY KEY)", "CREATE TABLE b (id INT PRIMARY KEY)",
                "CREATE TABLE c (id INT PRIMARY KEY)");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (FaultyLink link = new FaultyLink(f.source.url())) {
            link.cut();
            String address = link.url(f.source.url()).replaceAll("^jdbc:mysql://([^/]+)/.*$", "$1");
            // three tables, each of which used to wait for the pool's connection timeout (30 s) in turn
            TidemarkApp app = f.app(table("table", "a"), table("table", "b"), table("table", "c"))
                    .option("-Dcamel.management.port=" + port)
                    .option("-Dtidemark.source.url=" + link.url(f.source.url())).start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                TidemarkApp.await(Duration.ofSeconds(25), () -> {
                    try {
                        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/observe/health/ready")).build(), HttpResponse.BodyHandlers.ofString())
                                .statusCode() == 503;
                    } catch (Exception notUp) {
                        return false;
                    }
                }, "health answering, not ready");
                assertTrue(app.output().contains("Connecting to the source database at " + address + " as user"),
                        app.output());
                assertTrue(app.output().contains("(source database at " + address + "); Tidemark starts, and its "
                        + "tables wait for it"), app.output());
            } finally {
                app.kill(); // a stop would wait for the route controller's attempt in flight
            }
        }
    }
}
