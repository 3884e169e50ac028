package io.tidemark.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a repair did.
 *
 * @param copied  rows written that the target lacked (or had marked deleted)
 * @param updated rows written again because their values differed
 * @param deleted rows deleted in the target (deletes: propagate)
 * @param marked  rows marked deleted in the target (deletes: mark)
 * @param refused why deletes were refused (the mass-delete guard), or null
 * @param loadId  the load id the written rows carry (also in the loads table), or null when nothing was written
 */
public record Repair(long copied, long updated, long deleted, long marked, String refused, String loadId) {

    public long written() {
        return copied + updated;
    }

    /** {@code repaired: 3 copied, 1 updated, 2 deleted} (only what happened), plus the guard's refusal. */
    public String text() {
        List<String> parts = new ArrayList<>();
        if (copied > 0) {
            parts.add(String.format(Locale.ROOT, "%,d copied", copied));
        }
        if (updated > 0) {
            parts.add(String.format(Locale.ROOT, "%,d updated", updated));
        }
        if (deleted > 0) {
            parts.add(String.format(Locale.ROOT, "%,d deleted", deleted));
        }
        if (marked > 0) {
            parts.add(String.format(Locale.ROOT, "%,d marked deleted", marked));
        }
        String done = "repaired: " + (parts.isEmpty() ? "nothing" : String.join(", ", parts));
        return refused == null ? done : done + "; deletes refused: " + refused;
    }
}
