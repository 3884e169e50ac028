package io.tidemark.api;

import io.tidemark.sql.Failures;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every API error as JSON with a message: an {@link ApiError} with its own status, anything else as 500 with
 * the failure described (SQLState and vendor code for a database error; never a URL or password).
 */
public final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

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
        if (status == 401) {
            exchange.getMessage().setHeader("WWW-Authenticate", "Bearer");
        }
        // A JSON text: the REST binding leaves the body of an error response as it is.
        exchange.getMessage().setBody(JSON.createObjectNode().put("message", message).toString());
    }
}
