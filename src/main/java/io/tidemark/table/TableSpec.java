package io.tidemark.table;

import io.tidemark.source.Column;
import io.tidemark.source.TableShape;
import java.util.List;

/**
 * One table's settings checked against the source catalog: the columns copied, the key rows are matched on,
 * the modifier (null for a full refresh) and the lag in the modifier's units.
 */
public record TableSpec(TableSettings settings, TableShape source, List<Column> key, Column modifier, Object lag) {

    public String table() {
        return settings.table();
    }

    public String targetTable() {
        return settings.targetTable();
    }

    public boolean incremental() {
        return modifier != null;
    }

    public List<Column> copied() {
        return source.copied();
    }

    public List<String> keyNames() {
        return key.stream().map(Column::name).toList();
    }

    /** Positions of the key columns among the copied columns, in key order. */
    public int[] keyIndexes() {
        List<String> names = copied().stream().map(Column::name).toList();
        return key.stream().mapToInt(k -> names.indexOf(k.name())).toArray();
    }

    public int modifierIndex() {
        return copied().stream().map(Column::name).toList().indexOf(modifier.name());
    }

    /** The table a full refresh or a resync fills before swapping it in. */
    public String stagingTable() {
        String name = targetTable() + "__tidemark_new";
        return name.length() <= 60 ? name : "__tidemark_new_" + Integer.toHexString(targetTable().hashCode());
    }
}
