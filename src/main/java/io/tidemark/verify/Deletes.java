package io.tidemark.verify;

import java.util.Locale;

/** What a repair does with rows the target has and the source no longer has (the table's {@code deletes}). */
public enum Deletes {
    /** delete them in the target (the default) */
    PROPAGATE,
    /** keep them and set their {@code _tidemark_deleted_at} (a soft delete), cleared if the row comes back */
    MARK,
    /** leave them as they are */
    KEEP;

    /** The setting's value, or null with a sentence in {@code problems} naming the table. */
    public static Deletes parse(String table, String value, java.util.List<String> problems) {
        if (value == null) {
            return PROPAGATE;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("table '" + table + "': deletes '" + value + "' is not one of propagate, mark, keep");
            return null;
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
