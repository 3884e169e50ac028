package io.tidemark.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may act: every POST of the API needs the token set by {@code TIDEMARK_API_TOKEN} (or
 * {@code tidemark.api.token}), sent as {@code Authorization: Bearer <token>}. With no token set, POSTs are
 * disabled. Reading (GET) is open, like health.
 */
public final class ApiToken {

    private static final Logger LOG = LoggerFactory.getLogger(ApiToken.class);
    private static final String BEARER = "Bearer ";

    private final byte[] token;

    public ApiToken(String token) {
        this.token = token == null || token.isBlank() ? null : token.strip().getBytes(StandardCharsets.UTF_8);
        if (this.token == null) {
            LOG.info("API: POST actions are disabled; set TIDEMARK_API_TOKEN to enable them");
        } else if (this.token.length < 16) {
            LOG.warn("API: TIDEMARK_API_TOKEN is shorter than 16 characters; use a long random secret");
        }
    }

    public boolean enabled() {
        return token != null;
    }

    /** The first step of every POST route: refuses the request unless it carries the token. */
    public void require(Exchange exchange) {
        if (token == null) {
            throw new ApiError(403, "POST actions are disabled because no API token is set: set the environment "
                    + "variable TIDEMARK_API_TOKEN to a long random secret (e.g. `openssl rand -hex 24`), restart "
                    + "Tidemark, and send the token as 'Authorization: Bearer <token>'");
        }
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        byte[] given = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length()) // RFC 7235: any case
                ? header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(token, given)) {
            throw new ApiError(401, "missing or wrong API token: send the token set in TIDEMARK_API_TOKEN as "
                    + "'Authorization: Bearer <token>'");
        }
    }
}
