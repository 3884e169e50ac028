package io.tidemark.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.spi.OnCamelContextStarting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first look at every request to the management server (dashboard, API, health, metrics), before anything
 * answers it:
 * <ul>
 * <li>a Host header naming neither this machine ({@code localhost}), nor an IP address, nor a name in
 * {@code tidemark.api.allowed-hosts} is refused: a web page whose name was re-pointed at this machine (DNS
 * rebinding) cannot read or act through a browser;</li>
 * <li>a request body longer than {@code tidemark.api.max-body-bytes}, or of unknown length, is refused before it
 * is read;</li>
 * <li>when a token is set, everything but the dashboard's page and files, the OpenAPI document and the bare
 * liveness and readiness status needs it: row data (dead letters, key values in watermarks, error texts), the
 * list of tables, health details and metrics. Without a token the server listens on this machine only (see
 * {@link OperationsConfiguration}), and reading is open there.</li>
 * </ul>
 */
public final class HttpGuard implements AuthenticationHandler, OnCamelContextStarting {

    private static final Logger LOG = LoggerFactory.getLogger(HttpGuard.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiToken token;
    private final Set<String> allowedHosts;
    private final long maxBodyBytes;
    private final int port;
    private final String managementPath;
    private volatile CamelContext camel;

    public HttpGuard(ApiToken token, Set<String> allowedHosts, long maxBodyBytes, int port, String managementPath) {
        this.token = token;
        this.allowedHosts = allowedHosts;
        this.maxBodyBytes = maxBodyBytes;
        this.port = port;
        this.managementPath = managementPath.endsWith("/") ? managementPath : managementPath + "/";
    }

    /**
     * Put in front of every path of the management server before it starts: as the handler of its authentication
     * step, which the server puts ahead of its routes when it starts listening.
     */
    @Override
    public void onContextStarting(CamelContext context) {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server == null) {
            return; // no HTTP server (--check)
        }
        if (server.getPort() != port) {
            throw new IllegalStateException("the management server listens on " + server.getPort() + ", not on "
                    + port + " as camel.management.port says");
        }
        AuthenticationConfig.AuthenticationConfigEntry everything = new AuthenticationConfig.AuthenticationConfigEntry();
        everything.setPath("/*");
        everything.setAuthenticationProviderFactory(vertx -> null);
        everything.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T none) {
                return HttpGuard.this;
            }
        });
        camel = context;
        AuthenticationConfig authentication = server.getConfiguration().getAuthenticationConfig();
        authentication.getEntries().add(everything);
        authentication.setEnabled(true);
        LOG.debug("HTTP guard in front of the management server on port {}", port);
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String host = request.getHeader("Host");
        if (host != null && !hostAllowed(host)) {
            refuse(context, 403, "Host '" + host + "' is not allowed: Tidemark answers to localhost, IP addresses and "
                    + "the names in tidemark.api.allowed-hosts (TIDEMARK_API_ALLOWED_HOSTS); add this name there if "
                    + "it is yours");
            return;
        }
        String length = request.getHeader("Content-Length");
        if (request.getHeader("Transfer-Encoding") != null) {
            refuse(context, 411, "send the request body with a Content-Length (at most " + maxBodyBytes + " bytes)");
            return;
        }
        if (length != null && !withinLimit(length)) {
            refuse(context, 413, "the request body is longer than " + maxBodyBytes + " bytes "
                    + "(tidemark.api.max-body-bytes)");
            return;
        }
        if (!token.enabled() || token.accepts(request.getHeader("Authorization"))) {
            context.next();
        } else if (bareStatus(request)) {
            status(context, request.path().endsWith("/ready"));
        } else if (open(request)) {
            context.next();
        } else {
            context.response().putHeader("WWW-Authenticate", "Bearer");
            refuse(context, 401, "missing or wrong API token: reading this needs the token set in TIDEMARK_API_TOKEN, "
                    + "sent as 'Authorization: Bearer <token>'");
        }
    }

    /**
     * Liveness or readiness as UP (200) or DOWN (503) and nothing else: Camel's own answer lists every check by name,
     * the tables among them. The checks query the databases, so they run off the event loop.
     */
    private void status(RoutingContext context, boolean readiness) {
        context.vertx().<Boolean>executeBlocking(() -> {
            Collection<HealthCheck.Result> results = readiness ? HealthCheckHelper.invokeReadiness(camel)
                    : HealthCheckHelper.invokeLiveness(camel);
            return results.stream().noneMatch(r -> r.getState() == HealthCheck.State.DOWN);
        }, false).onComplete(up -> {
            boolean ok = up.succeeded() && up.result();
            context.response().setStatusCode(ok ? 200 : 503).putHeader("Content-Type", "application/json")
                    .end(JSON.createObjectNode().put("status", ok ? "UP" : "DOWN").toString());
        });
    }

    private boolean bareStatus(HttpServerRequest request) {
        String path = request.path();
        return (path.equals(managementPath + "health/live") || path.equals(managementPath + "health/ready"))
                && request.getParam("data") == null;
    }

    /** What anyone who reaches the port may read besides the bare status: the dashboard's files (no data in them). */
    private static boolean open(HttpServerRequest request) {
        String path = request.path();
        return path.equals("/") || path.startsWith("/dashboard/") || path.equals("/api/openapi.json");
    }

    /** localhost, an IP address (no name to re-point), or a name the operator allowed; any port. */
    boolean hostAllowed(String header) {
        String host = header.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            return host.indexOf(']') > 0; // an IPv6 address
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.equals("localhost") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || allowedHosts.contains(host);
    }

    private boolean withinLimit(String length) {
        try {
            return Long.parseLong(length.trim()) <= maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void refuse(RoutingContext context, int status, String message) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close")
                .end(JSON.createObjectNode().put("message", message).toString());
    }
}
