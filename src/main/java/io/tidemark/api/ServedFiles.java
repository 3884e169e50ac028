package io.tidemark.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * The dashboard's files and the OpenAPI document, from {@code src/main/resources/dashboard} and {@code /api}: only
 * these, by name (nothing else on the classpath or the disk is served).
 */
public final class ServedFiles {

    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8");

    public String file(@Header("file") String name, Exchange exchange) throws IOException {
        String file = name == null || name.isBlank() ? "index.html" : name;
        if (!FILES.containsKey(file)) {
            throw new ApiError(404, "no such dashboard file '" + file + "'; the dashboard is at /");
        }
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, FILES.get(file));
        // Only the page's own files run and load; it may not be framed by another site.
        exchange.getMessage().setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
                + "frame-ancestors 'none'; form-action 'none'");
        exchange.getMessage().setHeader("X-Content-Type-Options", "nosniff");
        return read("dashboard/" + file);
    }

    public String openApi(Exchange exchange) throws IOException {
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        return read("api/openapi.json");
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = ServedFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ApiError(404, "resource " + resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
