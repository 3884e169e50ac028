package io.tidemark.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may act: every POST of the API needs the token set by {@code TIDEMARK_API_TOKEN} (or
 * {@code tidemark.api.token}), sent as {@code Authorization: Bearer <token>}. With no token set, POSTs are
 * disabled. Reading row data, health details and metrics needs it too when it is set (see {@link HttpGuard}).
 * A token shorter than {@link #MIN_LENGTH} characters is refused at start.
 */
public final class ApiToken {

    private static final Logger LOG = LoggerFactory.getLogger(ApiToken.class);
    private static final String BEARER = "Bearer ";

    /** The shortest token accepted. */
    public static final int MIN_LENGTH = 16;

    private final byte[] token;

    public ApiToken(String token) {
        this.token = token == null || token.isBlank() ? null : token.strip().getBytes(StandardCharsets.UTF_8);
        if (this.token == null) {
            LOG.info("API: POST actions are disabled; set TIDEMARK_API_TOKEN to enable them");
        } else if (token.strip().length() < MIN_LENGTH) {
            throw new IllegalStateException("TIDEMARK_API_TOKEN (tidemark.api.token) is " + token.strip().length()
                    + " characters long, shorter than " + MIN_LENGTH + ": set it to a long random secret, e.g. the "
                    + "output of `openssl rand -hex 24`");
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
        if (!accepts(exchange.getMessage().getHeader("Authorization", String.class))) {
            throw new ApiError(401, "missing or wrong API token: send the token set in TIDEMARK_API_TOKEN as "
                    + "'Authorization: Bearer <token>'");
        }
    }

    /** Whether an {@code Authorization} header carries the token (false when no token is set). */
    public boolean accepts(String header) {
        if (token == null || header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8));
    }
}
