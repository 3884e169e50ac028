package io.tidemark.verify;

import io.tidemark.store.Lineage;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One row that differs, by its key: missing (the target lacks it), extra (the source no longer has it) or changed.
 */
public record Difference(Kind kind, List<Object> key) {

    public enum Kind { MISSING, EXTRA, CHANGED }

    /** The key as a person reads it: {@code 17}, or {@code (eu, 3)} for a composite key; binary keys in hex. */
    public String keyText() {
        return text(key);
    }

    static String text(List<Object> key) {
        String values = key.stream().map(Lineage::text).collect(Collectors.joining(", "));
        return key.size() == 1 ? values : "(" + values + ")";
    }

    /** The key as a map key: the same for equal key values read from either server. */
    static String identity(List<Object> key) {
        return key.stream().map(Lineage::text).collect(Collectors.joining("\u0000"));
    }
}
