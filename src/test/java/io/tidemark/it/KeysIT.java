package io.tidemark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidemark.it.Fidelity.Pair;
import io.tidemark.it.Fidelity.Synced;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Primary keys of every key-able type page without skipping or repeating a row (first load by key, then
 * incremental by modifier and key, in pages of three), and modifiers need not be timestamps.
 */
class KeysIT {

    private static final String PAIRS = "io.tidemark.it.Fidelity#pairs";

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void rowsKeyedOnThreeColumnsWithNegativeIntegersAndAZeroDateArrive(Pair pair) throws Exception {
        assertKeyed(Fidelity.synced(pair), "k_composite", "region, n, day", "region", "n", "day", "v", "changed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void aCaseInsensitiveVarcharKeyPagesWithoutSkippingOrMergingRows(Pair pair) throws Exception {
        assertKeyed(Fidelity.synced(pair), "k_ci", "k", "k", "v", "changed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void binaryUuidKeysArriveIncludingAllZeroAndAllOneBytes(Pair pair) throws Exception {
        assertKeyed(Fidelity.synced(pair), "k_uuid", "id", "id", "v", "changed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void datetimeKeysArriveIncludingWallClockTimesNewYorkSkipsOrRepeats(Pair pair) throws Exception {
        assertKeyed(Fidelity.synced(pair), "k_datetime", "at", "at", "v", "changed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void negativeIntegerKeysArriveDownToBigintMin(Pair pair) throws Exception {
        assertKeyed(Fidelity.synced(pair), "k_negative", "id", "id", "v", "changed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void aDateModifierFollowsChanges(Pair pair) throws Exception {
        Fidelity.synced(pair).assertSame("m_date", "id", "id", "d", "v");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void aDatetime0ModifierSharedByHundredsOfRowsLosesNone(Pair pair) throws Exception {
        Synced s = Fidelity.synced(pair);
        s.assertSame("m_datetime0", "id", "id", "m", "v");
        assertEquals(340, s.f().target.count("SELECT COUNT(*) FROM m_datetime0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void anIntegerVersionModifierFollowsChanges(Pair pair) throws Exception {
        Synced s = Fidelity.synced(pair);
        s.assertSame("m_version", "id", "id", "version", "v");
        assertEquals(40 + 10 + 2, s.f().state("m_version", "rows_synced"), "every change counted once");
    }

    /** Same rows on both sides, and as many: a key the target collates differently would merge rows. */
    private static void assertKeyed(Synced s, String table, String key, String... columns) {
        s.assertSame(table, key, columns);
        assertEquals(s.f().source.count("SELECT COUNT(*) FROM " + table), s.f().target.count("SELECT COUNT(*) FROM " + table));
    }
}
