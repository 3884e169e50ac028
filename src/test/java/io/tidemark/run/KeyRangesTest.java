package io.tidemark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidemark.store.StateStore.Range;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRangesTest {

    private static List<String> bounds(List<Range> ranges) {
        return ranges.stream().map(r -> r.low() + ".." + r.high()).toList();
    }

    @Test
    void equalSpansOfTheFirstKeyColumnOpenAtBothEnds() {
        List<Range> ranges = KeyRanges.split(BigDecimal.ONE, BigDecimal.valueOf(1_000_000), 4);
        assertEquals(List.of("null..250001", "250001..500001", "500001..750001", "750001..null"), bounds(ranges));
        assertEquals(List.of(0, 1, 2, 3), ranges.stream().map(Range::number).toList());
    }

    @Test
    void fewerValuesThanRangesGiveOneRangePerValue() {
        assertEquals(List.of("null..6", "6..null"), bounds(KeyRanges.split(BigDecimal.valueOf(5),
                BigDecimal.valueOf(6), 4)));
        assertEquals(List.of("null..null"), bounds(KeyRanges.split(BigDecimal.valueOf(5), BigDecimal.valueOf(5), 4)));
    }

    @Test
    void anEmptyTableOrAParallelismOfOneIsOneRange() {
        assertEquals(List.of("null..null"), bounds(KeyRanges.split(null, null, 4)));
        assertEquals(List.of("null..null"), bounds(KeyRanges.split(BigDecimal.ONE, BigDecimal.TEN, 1)));
    }

    @Test
    void negativeAndUnsignedBigintExtremesSplitExactly() {
        assertEquals(List.of("null..0", "0..null"), bounds(KeyRanges.split(BigDecimal.valueOf(-5),
                BigDecimal.valueOf(4), 2)));
        BigDecimal top = new BigDecimal("18446744073709551615");
        List<Range> ranges = KeyRanges.split(BigDecimal.ZERO, top, 2);
        assertEquals("9223372036854775808", ranges.get(0).high());
        assertEquals(new BigDecimal("9223372036854775808"), KeyRanges.value(ranges.get(0).high()));
        assertEquals(-3L, KeyRanges.value("-3"));
    }

    @Test
    void onlyIntegerKeysAreSplit() {
        assertTrue(KeyRanges.splittable(column("bigint")));
        assertTrue(KeyRanges.splittable(column("int")));
        assertFalse(KeyRanges.splittable(column("varchar")));
        assertFalse(KeyRanges.splittable(column("decimal")));
        assertFalse(KeyRanges.splittable(column("binary")));
    }

    private static io.tidemark.source.Column column(String type) {
        return new io.tidemark.source.Column("id", type, type, false, null, null, null, false);
    }
}
