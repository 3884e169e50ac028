package io.tidemark.store;

import io.tidemark.source.Column;
import io.tidemark.source.TableShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a table's rows are written to the target (its {@code write} parameter, see docs/shaping.md): one row per key
 * kept up to date, one row per change (an audit trail), or type-2 history with validity periods.
 */
public enum Write {
    /** one target row per source row, updated in place (the upsert; the default) */
    MERGE,
    /** one target row per change of a source row, keyed on the source key plus the modifier value */
    APPEND,
    /** one target row per version, valid from its modifier value to the next version's (NULL: current) */
    SCD2;

    /** Where a version begins: the row's modifier value when it was copied. Part of the target key. */
    public static final String VALID_FROM = "_tidemark_valid_from";
    /** Where a version ends: the next version's modifier value; NULL while it is the current one. */
    public static final String VALID_TO = "_tidemark_valid_to";

    /** The setting's value, or null with a sentence in {@code problems} naming the table. */
    public static Write parse(String table, String value, boolean incremental, List<String> problems) {
        if (value == null) {
            return MERGE;
        }
        Write write;
        try {
            write = valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("table '" + table + "': write '" + value + "' is not one of merge, append, scd2");
            return null;
        }
        if (write != MERGE && !incremental) {
            problems.add("table '" + table + "': write '" + write + "' needs a modifier: a full-refresh table is "
                    + "replaced at every run and has no changes to record; give the table a modifier column, or "
                    + "remove write (merge)");
            return null;
        }
        return write;
    }

    /** Whether target rows are versions (more than one per source key). */
    public boolean history() {
        return this != MERGE;
    }

    /** The target's primary key: the source key, plus the modifier (append) or the version's start (scd2). */
    public List<String> targetKey(List<String> key, Column modifier) {
        List<String> targetKey = new ArrayList<>(key);
        switch (this) {
            case APPEND -> targetKey.add(modifier.name());
            case SCD2 -> targetKey.add(VALID_FROM);
            case MERGE -> { }
        }
        return targetKey;
    }

    /**
     * The target table's columns: the copied ones, with a NOT NULL modifier when it is part of the key (rows with
     * a NULL modifier are never read), and for scd2 the validity columns, typed like the modifier.
     */
    public TableShape targetShape(TableShape copied, Column modifier) {
        if (this == MERGE) {
            return copied;
        }
        List<Column> columns = new ArrayList<>();
        for (Column c : copied.columns()) {
            columns.add(this == APPEND && c.name().equals(modifier.name()) ? notNull(c, c.name(), false) : c);
        }
        if (this == SCD2) {
            columns.add(notNull(modifier, VALID_FROM, false));
            columns.add(notNull(modifier, VALID_TO, true));
        }
        return new TableShape(copied.name(), columns, copied.primaryKey());
    }

    private static Column notNull(Column c, String name, boolean nullable) {
        return new Column(name, c.dataType(), c.columnType(), nullable, c.charset(), c.collation(), null, false,
                c.srid());
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
