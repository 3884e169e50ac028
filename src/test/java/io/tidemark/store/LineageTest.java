package io.tidemark.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lineage values written beside every row: the load id of the run and the row id from the key. */
class LineageTest {

    // load id

    @Test
    void loadIdsStrictlyIncreaseEvenWhenTakenWithinTheSameMicrosecond() {
        BigDecimal previous = new BigDecimal(Lineage.nextLoadId());
        for (int i = 0; i < 10_000; i++) {
            BigDecimal next = new BigDecimal(Lineage.nextLoadId());
            assertTrue(next.compareTo(previous) > 0, next + " after " + previous);
            previous = next;
        }
    }

    @Test
    void aLoadIdIsEpochSecondsWithSixFractionDigitsLikeDlt() {
        String loadId = Lineage.nextLoadId();
        assertTrue(loadId.matches("\\d+\\.\\d{6}"), loadId);
    }

    @Test
    void aLoadIdIsTheCurrentTime() {
        long before = Instant.now().getEpochSecond();
        long seconds = new BigDecimal(Lineage.nextLoadId()).longValue();
        long after = Instant.now().getEpochSecond();
        assertTrue(seconds >= before - 1 && seconds <= after + 1, seconds + " not in [" + before + ", " + after + "]");
    }

    // row id

    @Test
    void theRowIdOfAKeyIsStable() {
        assertEquals(Lineage.rowId("orders", List.of(42L)), Lineage.rowId("orders", List.of(42L)));
    }

    @Test
    void equalKeysGiveTheSameRowIdWhateverTheObjects() {
        assertEquals(Lineage.rowId("order_lines", List.of(new BigDecimal("7"), new String("a".toCharArray()))),
                Lineage.rowId("order_lines", List.of(new BigDecimal("7"), "a")));
    }

    @Test
    void differentKeysGiveDifferentRowIds() {
        assertNotEquals(Lineage.rowId("orders", List.of(42L)), Lineage.rowId("orders", List.of(43L)));
    }

    @Test
    void theOrderOfCompositeKeyValuesMatters() {
        assertNotEquals(Lineage.rowId("order_lines", List.of(1, 2)), Lineage.rowId("order_lines", List.of(2, 1)));
    }

    @Test
    void keyValuesAreKeptApartFromEachOther() {
        assertNotEquals(Lineage.rowId("order_lines", List.of("ab", "c")), Lineage.rowId("order_lines", List.of("a", "bc")));
    }

    @Test
    void theSameKeyInDifferentTablesGivesDifferentRowIds() {
        assertNotEquals(Lineage.rowId("orders", List.of(42L)), Lineage.rowId("customers", List.of(42L)));
    }

    @Test
    void theTableNameIsKeptApartFromTheKey() {
        assertNotEquals(Lineage.rowId("ab", List.of("c")), Lineage.rowId("a", List.of("bc")));
    }

    @Test
    void aRowIdIs22UrlSafeCharacters() {
        String rowId = Lineage.rowId("orders", List.of(42L, "größe", new BigDecimal("1.50")));
        assertTrue(rowId.matches("[A-Za-z0-9_-]{22}"), rowId);
    }

    @Test
    void binaryKeysAreComparedByContent() {
        byte[] uuid = {0x01, 0x02, (byte) 0xfe, (byte) 0xff};
        byte[] sameContent = {0x01, 0x02, (byte) 0xfe, (byte) 0xff};
        assertEquals(Lineage.rowId("devices", List.of(uuid)), Lineage.rowId("devices", List.of(sameContent)));
    }

    @Test
    void binaryKeysWithDifferentContentGiveDifferentRowIds() {
        assertNotEquals(Lineage.rowId("devices", List.of((Object) new byte[] {1, 2})),
                Lineage.rowId("devices", List.of((Object) new byte[] {1, 3})));
    }

    // text

    @Test
    void bytesAreKeptAsLowerCaseHex() {
        assertEquals("01fe", Lineage.text(new byte[] {0x01, (byte) 0xfe}));
    }

    @Test
    void decimalsAreKeptWithoutExponent() {
        assertEquals("10000000000", Lineage.text(new BigDecimal("1E+10")));
    }
}
