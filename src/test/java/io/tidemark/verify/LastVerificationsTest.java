package io.tidemark.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tidemark.status.TableStatus.Verified;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A kept verification reads back as it was written, every field. */
class LastVerificationsTest {

    @Test
    void aVerificationReadsBackEqual() {
        Verified v = new Verified("orders", Instant.parse("2026-12-06T05:30:00.123456Z"), Duration.ofMillis(3_140),
                1_000_000, 212, 3, 2, 1, 3, 1, 0, 2, false, "300 of the target's 2,000 rows (15.0%)", null);
        assertEquals(v, LastVerifications.read("orders", LastVerifications.write(v)));
        Verified failed = new Verified("o", Instant.EPOCH, Duration.ZERO, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, null,
                "Communications link failure \"x\"");
        assertEquals(failed, LastVerifications.read("o", LastVerifications.write(failed)));
    }

    @Test
    void aDocumentThatDoesNotReadNamesItsTable() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LastVerifications.read("orders", "{\"started\": 5"));
        assertEquals(true, e.getMessage().startsWith("the kept verification of orders does not read: "),
                e.getMessage());
    }
}
