package io.tidemark.run;

import io.tidemark.source.Column;
import io.tidemark.store.StateStore.Range;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a first load is split for parallel copy: the first key column's values between its lowest and highest, cut into
 * equal spans (by value, not by row count: a key whose values cluster gives uneven ranges). The first range has no
 * lower bound and the last none above, so every row a single stream would read lies in exactly one range. Only
 * integer columns are split; any other key copies as one stream.
 */
public final class KeyRanges {

    private static final Set<String> INTEGERS = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint");

    private KeyRanges() {
    }

    /** Whether a table whose first key column is {@code first} can be split. */
    public static boolean splittable(Column first) {
        return INTEGERS.contains(first.dataType());
    }

    /**
     * The ranges, numbered from 0: at most {@code parallelism}, fewer when the values are fewer; one range (no split)
     * for an empty table, a single value or a parallelism of 1.
     */
    public static List<Range> split(BigDecimal lowest, BigDecimal highest, int parallelism) {
        if (lowest == null || highest == null || parallelism < 2) {
            return List.of(new Range(0, null, null, null, 0));
        }
        BigInteger low = lowest.toBigIntegerExact();
        BigInteger span = highest.toBigIntegerExact().subtract(low).add(BigInteger.ONE);
        int n = span.min(BigInteger.valueOf(parallelism)).intValueExact();
        List<Range> ranges = new ArrayList<>(n);
        String previous = null;
        for (int i = 1; i <= n; i++) {
            String bound = i == n ? null
                    : low.add(span.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n))).toString();
            ranges.add(new Range(i - 1, previous, bound, null, 0));
            previous = bound;
        }
        return ranges;
    }

    /** A bound as the driver binds it: a long when it fits (an index on the column is used), else a decimal. */
    static Object value(String bound) {
        BigInteger value = new BigInteger(bound);
        return value.bitLength() < 64 ? (Object) value.longValueExact() : new BigDecimal(value);
    }
}
