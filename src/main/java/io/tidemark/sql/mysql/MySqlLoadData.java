package io.tidemark.sql.mysql;

import io.tidemark.source.Column;
import io.tidemark.sql.Dialect;
import java.util.ArrayList;
import java.util.List;

/** MySQL's and MariaDB's bulk load statement, for io.tidemark.store.BulkLoad. */
public final class MySqlLoadData {

    private MySqlLoadData() {
    }

    /**
     * {@code LOAD DATA LOCAL INFILE} of a stream the driver sends from memory (see io.tidemark.store.BulkLoad); a
     * binary column is read into a variable and unhexed, a BIT column cast from its number.
     */
    public static String statement(Dialect dialect, String table, List<Column> columns, String loadIdColumn,
                                   String rowIdColumn) {
        List<String> targets = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (c.binary()) {
                targets.add("@v" + i);
                sets.add(dialect.quote(c.name()) + " = UNHEX(@v" + i + ")");
            } else if (c.dataType().equals("bit")) {
                targets.add("@v" + i);
                sets.add(dialect.quote(c.name()) + " = CAST(@v" + i + " AS UNSIGNED)");
            } else {
                targets.add(dialect.quote(c.name()));
            }
        }
        targets.add(dialect.quote(loadIdColumn));
        targets.add(dialect.quote(rowIdColumn));
        return "LOAD DATA LOCAL INFILE 'tidemark-batch' INTO TABLE " + dialect.quote(table)
                + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ("
                + String.join(", ", targets) + ")" + (sets.isEmpty() ? "" : " SET " + String.join(", ", sets));
    }
}
