package io.tidemark.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpGuardTest {

    private final HttpGuard guard = new HttpGuard(new ApiToken(null), Set.of("tidemark.internal"), 65536, 8080, "/observe");

    @Test
    void localhostIpAddressesAndAllowedNamesAreAnsweredOnAnyPort() {
        for (String host : List.of("localhost", "localhost:8080", "LOCALHOST:8089", "127.0.0.1", "127.0.0.1:8080",
                "10.0.0.5:8089", "[::1]:8080", "[fe80::1]", "tidemark.internal", "tidemark.internal:443",
                "Tidemark.Internal.")) {
            assertTrue(guard.hostAllowed(host), host);
        }
    }

    @Test
    void otherNamesAreRefusedEvenWhenTheyResolveHere() {
        for (String host : List.of("evil.example", "evil.example:8080", "localhost.evil.example", "127.0.0.1.nip.io",
                "tidemark.internal.evil.example", "1.2.3", "")) {
            assertFalse(guard.hostAllowed(host), host);
        }
    }

    @Test
    void theTokenIsComparedWithAnyCaseOfTheSchemeAndNothingElse() {
        ApiToken token = new ApiToken("0123456789abcdef-token");
        assertTrue(token.accepts("Bearer 0123456789abcdef-token"));
        assertTrue(token.accepts("bearer 0123456789abcdef-token"));
        assertFalse(token.accepts("Bearer 0123456789abcdef-tokex"));
        assertFalse(token.accepts("Basic 0123456789abcdef-token"));
        assertFalse(token.accepts(null));
        assertFalse(new ApiToken(null).accepts("Bearer "));
    }

    @Test
    void aTokenShorterThanSixteenCharactersIsRefused() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new ApiToken("fifteen-chars!!"));
        assertTrue(refused.getMessage().startsWith("TIDEMARK_API_TOKEN (tidemark.api.token) is 15 characters long"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("fifteen-chars!!"));
    }
}
