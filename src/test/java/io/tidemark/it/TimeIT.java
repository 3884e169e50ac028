package io.tidemark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidemark.it.Fidelity.Pair;
import io.tidemark.it.Fidelity.Synced;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No time zone shifts a value: the source server runs at +05:30, the target at -03:00 and the app's JVM in
 * America/New_York, whose daylight saving nights skip 02:00-03:00 on 2024-03-10 and repeat 01:00-02:00 on
 * 2024-11-03.
 */
class TimeIT {

    private static final String PAIRS = "io.tidemark.it.Fidelity#pairs";

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void datetimesArriveAsWrittenAtEveryPrecisionIncludingWallClockTimesNewYorkSkipsOrRepeats(Pair pair) throws Exception {
        Synced s = Fidelity.synced(pair);
        s.assertSame("types", "id", Fidelity.DATETIMES.toArray(String[]::new));
        assertEquals(List.of(List.of("2024-03-10 02:30:00", "2024-03-10 02:30:00.123456"),
                        List.of("2024-11-03 01:30:00", "2024-11-03 01:30:00.654321")),
                s.f().target.rows("SELECT CONCAT(dt0), CONCAT(dt6) FROM types WHERE id IN (103, 104) ORDER BY id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void timestampsDenoteTheSameInstantOnServersInDifferentZones(Pair pair) throws Exception {
        Synced s = Fidelity.synced(pair);
        assertEquals("+05:30", s.f().source.value("SELECT @@global.time_zone"));
        assertEquals("-03:00", s.f().target.value("SELECT @@global.time_zone"));
        s.assertSame("types", "id", Fidelity.TIMESTAMPS.toArray(String[]::new)); // compared in UTC
        // 05:30 UTC is 01:30 EDT in New York, 11:00 at +05:30 and 02:30 at -03:00
        assertEquals("2024-11-03 11:00:00.500000", s.f().source.value("SELECT CONCAT(ts6) FROM types WHERE id = 3"));
        assertEquals("2024-11-03 02:30:00.500000", s.f().target.value("SELECT CONCAT(ts6) FROM types WHERE id = 103"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void aDatetime6WatermarkFollowsMicrosecondTiesThroughDaylightSavingNights(Pair pair) throws Exception {
        assertWatermarkFollowed(Fidelity.synced(pair), "wm_datetime6");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void aTimestamp6WatermarkFollowsMicrosecondTiesThroughDaylightSavingNights(Pair pair) throws Exception {
        assertWatermarkFollowed(Fidelity.synced(pair), "wm_timestamp6");
    }

    /**
     * Both runs followed the watermark (from the initial value, in pages of two with ties across page boundaries):
     * exactly the rows at or after the initial value arrived (a TIMESTAMP's initial value is UTC, like Tidemark's
     * sessions), and the committed watermark is the source's last value to the microsecond. Had a watermark lost
     * its microseconds, the second page would start before the first one's rows and the run would never end.
     * (rows_synced is not checked: a row tied with the committed watermark counts as a re-read, see the report
     * on TableSync.isNew.)
     */
    private static void assertWatermarkFollowed(Synced s, String table) {
        s.assertOk(table);
        String from = "m >= '" + Fidelity.INITIAL_VALUE + "'";
        assertEquals(s.f().source.fingerprintWhere(table, "id", from, "id", "m", "note"),
                s.f().target.fingerprint(table, "id", "id", "m", "note"));
        assertEquals(s.f().source.rowsInUtc("SELECT COUNT(*) FROM " + table + " WHERE " + from).get(0).get(0),
                s.f().target.value("SELECT COUNT(*) FROM " + table));
        assertEquals(s.f().source.rowsInUtc("SELECT CONCAT(MAX(m)) FROM " + table).get(0).get(0),
                s.f().target.value("SELECT last_modifier FROM _tidemark_state WHERE table_name = '" + table + "'"));
    }
}
