package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who reaches the management server and what they see: it listens on this machine unless told otherwise; with a
 * token set, row data, the list of tables, health details and metrics need it; names it does not know are refused
 * (DNS rebinding); bodies are bounded.
 */
class ApiAccessIT {

    private static final String TOKEN = "access-token-0123456789abcdef";

    @Test
    void withATokenSetOnlyTheDashboardFilesTheOpenApiDocumentAndTheBareStatusAreReadableWithoutIt() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "apiaccess");
        f.source.execute("CREATE TABLE secret_items (id INT PRIMARY KEY, v VARCHAR(20))",
                "INSERT INTO secret_items VALUES (1, 'personal data')");
        Api anyone = Api.onFreePort();
        Api holder = anyone.reading(TOKEN);
        TidemarkApp app = f.app(table("table", "secret_items", "schedule", "1h")).option(anyone.portOption())
                .option("-Dtidemark.api.token=" + TOKEN).option("-Dtidemark.api.allowed-hosts=tidemark.internal")
                .start();
        try {
            TidemarkApp.await(Duration.ofSeconds(60), () -> holder.table("secret_items") != null
                    && holder.table("secret_items").has("lastRun"), "the first run");
            assertTrue(app.output().contains("HttpServer started on 127.0.0.1:" + anyone.port()), "this machine only");

            for (String path : List.of("/api/tables", "/api/tables/secret_items", "/api/tables/secret_items/dead-letters",
                    "/api/tables/nope", "/api/tables-file", "/observe/health", "/observe/health?data=true",
                    "/observe/health/ready?data=true", "/observe/metrics")) {
                Api.Response refused = anyone.get(path);
                assertEquals(401, refused.status(), path + ": " + refused.body());
                assertTrue(refused.body().contains("TIDEMARK_API_TOKEN"), refused.body());
                assertFalse(refused.body().contains("secret_items"), "no table names: " + refused.body());
                assertEquals(200, holder.get(path.replace("nope", "secret_items")).status(), path);
            }
            assertEquals(200, anyone.get("/").status());
            assertEquals(200, anyone.get("/api/openapi.json").status());
            Api.Response ready = anyone.get("/observe/health/ready");
            assertEquals(200, ready.status(), ready.body());
            assertFalse(ready.body().contains("secret_items"), "no table names: " + ready.body());
            assertEquals(200, anyone.get("/observe/health/live").status());
            assertEquals(200, raw(anyone.port(), "GET /api/tables", "localhost:" + anyone.port(),
                    "Authorization: bearer " + TOKEN), "the scheme in any case");

            // DNS rebinding: a page of evil.example whose name now points here is refused, with the token or not.
            assertEquals(403, raw(anyone.port(), "GET /api/tables", "evil.example:" + anyone.port(),
                    "Authorization: Bearer " + TOKEN));
            assertEquals(403, raw(anyone.port(), "GET /observe/health/ready", "evil.example", null));
            assertEquals(200, raw(anyone.port(), "GET /observe/health/ready", "127.0.0.1:" + anyone.port(), null));
            assertEquals(200, raw(anyone.port(), "GET /observe/health/ready", "tidemark.internal", null));

            String big = "x".repeat(70_000);
            assertEquals(413, raw(anyone.port(), "POST /api/tables/secret_items/run", "localhost",
                    "Authorization: Bearer " + TOKEN + "\r\nContent-Length: " + big.length(), big));
            assertEquals(411, raw(anyone.port(), "POST /api/tables/secret_items/run", "localhost",
                    "Authorization: Bearer " + TOKEN + "\r\nTransfer-Encoding: chunked", "5\r\nhello\r\n0\r\n\r\n"));
            assertEquals(202, holder.post("/api/tables/secret_items/run", TOKEN).status());
        } finally {
            app.stop();
        }
    }

    @Test
    void aTokenShorterThanSixteenCharactersIsRefusedAtStartInOneLine() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "shorttoken");
        TidemarkApp.Result refused = f.app(table("table", "items")).option("-Dtidemark.api.token=short-token").once();
        assertEquals(2, refused.exitCode(), refused.output());
        String line = "TIDEMARK_API_TOKEN (tidemark.api.token) is 11 characters long, shorter than 16";
        assertTrue(refused.output().contains(line), refused.output());
        assertFalse(refused.output().contains("short-token"), "the token itself is not shown");
        assertFalse(refused.output().contains("\tat "), "no stack trace:\n" + refused.output());
    }

    @Test
    void listeningOnEveryInterfaceWithoutATokenIsRefusedAtStart() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "opennotoken");
        TidemarkApp.Result refused = f.app(table("table", "items")).option("-Dcamel.management.host=0.0.0.0").once();
        assertEquals(2, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("camel.management.host (TIDEMARK_MANAGEMENT_HOST) is 0.0.0.0, reachable "
                + "from other machines, but no API token is set"), refused.output());
    }

    private static int raw(int port, String requestLine, String host, String headers) throws Exception {
        return raw(port, requestLine, host, headers, null);
    }

    /** A request as any client could write it (java.net.http will not send another Host); returns the status. */
    private static int raw(int port, String requestLine, String host, String headers, String body) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: " + host + "\r\n" + (headers == null ? "" : headers + "\r\n")
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (body != null) {
                try {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (java.io.IOException refusedEarly) {
                    // the server answered and closed before reading the body
                }
            }
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
