package io.tidemark.verify;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What one comparison of a table found.
 *
 * @param sourceRows  rows compared in the source
 * @param targetRows  rows compared in the target (rows marked deleted not counted)
 * @param chunks      key-range chunks compared (bisections not counted)
 * @param missing     rows the target lacks
 * @param extra       rows only the target has (deleted at the source)
 * @param changed     rows whose values differ
 * @param differences the differing rows by key, at most {@code tidemark.verify.max-differences} of them
 */
public record Verification(String table, long sourceRows, long targetRows, int chunks, Duration took, long missing,
                           long extra, long changed, List<Difference> differences) {

    /** Equal when nothing is missing or changed, and no extra row is left that {@code deletes} would remove. */
    public boolean equal(Deletes deletes) {
        return missing == 0 && changed == 0 && (extra == 0 || deletes == Deletes.KEEP);
    }

    public long differing() {
        return missing + extra + changed;
    }

    /** {@code orders: equal (1,000 rows, 3 chunks, 0.2 s)} or {@code orders: differs: 3 missing, ... (keys: 17, ...)}. */
    public String line(Deletes deletes) {
        String kept = deletes == Deletes.KEEP && extra > 0
                ? String.format(Locale.ROOT, "; %,d rows deleted at the source kept (deletes: keep)", extra) : "";
        if (equal(deletes)) {
            return String.format(Locale.ROOT, "%s: equal (%,d rows, %,d chunks, %.1f s%s)", table, sourceRows, chunks,
                    took.toMillis() / 1000.0, kept);
        }
        List<String> keys = differences.stream().filter(d -> deletes != Deletes.KEEP
                || d.kind() != Difference.Kind.EXTRA).limit(10).map(Difference::keyText).toList();
        return String.format(Locale.ROOT, "%s: differs: %,d missing, %,d extra, %,d changed (keys: %s%s)%s", table,
                missing, extra, changed, String.join(", ", keys), differing() > keys.size() ? ", ..." : "", kept);
    }
}
