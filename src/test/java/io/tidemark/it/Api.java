package io.tidemark.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The management server of a running {@link TidemarkApp}, as an HTTP client sees it; reading with {@code token}
 * (an app started with a token shows its data only with it), or without one when it is null.
 */
public record Api(int port, String token) {

    public Api(int port) {
        this(port, null);
    }

    /** The same server, read with the token. */
    public Api reading(String token) {
        return new Api(port, token);
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A response: its status, its body, and the body as JSON (null when it is not JSON). */
    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception notJson) {
                return null;
            }
        }
    }

    /** An Api on a free port: start the app with {@link #portOption}. */
    public static Api onFreePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return new Api(socket.getLocalPort());
        }
    }

    public String portOption() {
        return "-Dcamel.management.port=" + port;
    }

    public Response get(String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /** A DELETE, which no path of the API allows. */
    public Response delete(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** A POST with {@code Authorization: Bearer <token>}, or none when {@code token} is null. */
    public Response post(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /** One table from GET /api/tables/{table}; null while the server does not answer yet. */
    public JsonNode table(String table) {
        try {
            Response r = get("/api/tables/" + table);
            return r.status() == 200 ? r.json() : null;
        } catch (Exception notUpYet) {
            return null;
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Response send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }
}
