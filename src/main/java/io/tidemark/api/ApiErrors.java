package io.tidemark.api;

import io.tidemark.sql.Failures;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.OnCamelContextStarted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every API error as JSON with a message: an {@link ApiError} with its own status, anything else as 500 with
 * the failure described (SQLState and vendor code for a database error; never a URL or password); a path the
 * API does not have, 404.
 */
public final class ApiErrors implements OnCamelContextStarted {

    static final String UNKNOWN_PATH_ROUTE = "api-unknown-path";

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Starts the catch-all of /api last, so that the server tries it after every real path: once every REST route
     * has started. The supervising route controller starts the routes after Camel has started, so this waits for
     * them on a thread of its own.
     */
    @Override
    public void onContextStarted(CamelContext context) {
        Thread starter = new Thread(() -> startAfterTheApi(context), "tidemark-api-unknown-path");
        starter.setDaemon(true);
        starter.start();
    }

    private static void startAfterTheApi(CamelContext context) {
        if (context.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinition(UNKNOWN_PATH_ROUTE)
                == null) {
            return; // no API in this run (--once)
        }
        try {
            while (!restRoutesStarted(context)) {
                if (context.getStatus().isStopping() || context.getStatus().isStopped()) {
                    return;
                }
                Thread.sleep(50);
            }
            context.getRouteController().startRoute(UNKNOWN_PATH_ROUTE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("API: unknown paths answer with the server's own 404: {}", e.toString());
        }
    }

    private static boolean restRoutesStarted(CamelContext context) {
        return context.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions().stream()
                .filter(route -> Boolean.TRUE.equals(route.isRest())).map(RouteDefinition::getRouteId)
                .map(id -> context.getRouteController().getRouteStatus(id))
                .allMatch(status -> status != null && status.isStarted());
    }

    /** A request no API route took: refused with the way to the list of paths. */
    /** The methods a path allows, for the Allow header of a 405. */
    private static final String ALLOW = "tidemark.allow";

    public void unknownPath(Exchange exchange) {
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        java.util.Set<String> allowed = new java.util.TreeSet<>();
        Model model = exchange.getContext().getCamelContextExtension().getContextPlugin(Model.class);
        for (RestDefinition rest : model.getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String template = (rest.getPath() == null ? "" : rest.getPath()) + verb.getPath();
                if (path != null && path.matches(template.replaceAll("\\{[^/}]+}", "[^/]+"))) {
                    allowed.add(verb.asVerb().toUpperCase());
                }
            }
        }
        if (!allowed.isEmpty()) {
            exchange.setProperty(ALLOW, String.join(", ", allowed));
            throw new ApiError(405, exchange.getMessage().getHeader(Exchange.HTTP_METHOD) + " is not allowed on " + path
                    + "; allowed: " + String.join(", ", allowed) + " (see /api/openapi.json)");
        }
        throw new ApiError(404, "no " + exchange.getMessage().getHeader(Exchange.HTTP_METHOD) + " "
                + exchange.getMessage().getHeader(Exchange.HTTP_PATH) + " in this API; its paths are listed in "
                + "/api/openapi.json");
    }

    public void respond(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int status = failure instanceof ApiError refusal ? refusal.status() : 500;
        String message = failure instanceof ApiError ? failure.getMessage()
                : "internal error: " + (failure == null ? "unknown" : Failures.describe(failure));
        if (status == 500) {
            LOG.warn("API {} {}: {}", exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                    exchange.getMessage().getHeader(Exchange.HTTP_PATH), message);
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (status == 405) {
            exchange.getMessage().setHeader("Allow", exchange.getProperty(ALLOW, String.class));
        }
        if (status == 401) {
            exchange.getMessage().setHeader("WWW-Authenticate", "Bearer");
        }
        // A JSON text: the REST binding leaves the body of an error response as it is.
        exchange.getMessage().setBody(JSON.createObjectNode().put("message", message).toString());
    }
}
