package io.tidemark.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The API token check of every POST. */
class ApiTokenTest {

    private static final String TOKEN = "a-long-enough-random-secret";

    private static Exchange with(String authorization) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("Authorization", authorization);
        return exchange;
    }

    @Test
    void theBearerSchemeIsCaseInsensitiveAsRfc7235Says() {
        ApiToken token = new ApiToken(TOKEN);
        for (String scheme : new String[] {"Bearer ", "bearer ", "BEARER "}) {
            assertDoesNotThrow(() -> token.require(with(scheme + TOKEN)), scheme);
        }
    }

    @Test
    void aWrongTokenOrAnotherSchemeIs401() {
        ApiToken token = new ApiToken(TOKEN);
        assertEquals(401, assertThrows(ApiError.class, () -> token.require(with("Bearer nope"))).status());
        assertEquals(401, assertThrows(ApiError.class, () -> token.require(with("Basic " + TOKEN))).status());
        assertEquals(401, assertThrows(ApiError.class, () -> token.require(with(null))).status());
    }
}
