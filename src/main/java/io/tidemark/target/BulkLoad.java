package io.tidemark.target;

import com.mysql.cj.jdbc.JdbcStatement;
import io.tidemark.source.Column;
import io.tidemark.sql.Dialect;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLDataException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The server's bulk path for rows going into an empty table (a first load, a full refresh's staging table):
 * one {@code LOAD DATA LOCAL INFILE} per batch, fed from memory through Connector/J, in the batch's
 * transaction. Values travel as the same text the upsert path binds: binary values as hex (unhexed by the
 * server) and BIT values as numbers. The server turns data errors of a LOCAL load into warnings instead of
 * failing it, so any warning fails the batch, which the upsert path then writes (and dead-letters what it must).
 */
public final class BulkLoad {

    /** Types whose text form the server reads back exactly; tables with other types use the upsert path. */
    private static final Set<String> TEXT_SAFE = Set.of("tinyint", "smallint", "mediumint", "int", "integer",
            "bigint", "decimal", "numeric", "float", "double", "real", "char", "varchar", "tinytext", "text",
            "mediumtext", "longtext", "enum", "set", "date", "time", "datetime", "timestamp", "year", "json",
            "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "bit");

    private final JdbcTemplate jdbc;
    private final Dialect dialect;
    private volatile Boolean serverAllows;

    public BulkLoad(DataSource target, Dialect dialect) {
        this.jdbc = new JdbcTemplate(target);
        this.dialect = dialect;
    }

    /** Whether this table's rows can take the bulk path: the target allows LOCAL loads and every type is text-safe. */
    public boolean supports(List<Column> columns) {
        if (serverAllows == null) {
            serverAllows = Boolean.TRUE.equals(jdbc.queryForObject("SELECT @@local_infile = 1", Boolean.class));
        }
        return serverAllows && columns.stream().allMatch(c -> TEXT_SAFE.contains(c.dataType()));
    }

    /** Loads rows (the copied columns' values, then load id and row id) into {@code table}. */
    public void load(String table, List<Column> columns, String loadIdColumn, String rowIdColumn,
                     List<List<Object>> rows) {
        String sql = statement(dialect, table, columns, loadIdColumn, rowIdColumn);
        byte[] data = encode(columns, rows);
        jdbc.execute((java.sql.Statement statement) -> {
            statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(new ByteArrayInputStream(data));
            statement.execute(sql);
            SQLWarning warning = statement.getWarnings();
            if (warning != null) {
                throw new SQLDataException("the bulk load of " + table + " was not exact (" + warning.getMessage()
                        + "); the batch is written row by row instead", "22000", warning.getErrorCode());
            }
            return null;
        });
    }

    static String statement(Dialect dialect, String table, List<Column> columns, String loadIdColumn,
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

    /** Tab-separated lines; NULL is {@code \N}; backslash, tab, newline and NUL are escaped. */
    static byte[] encode(List<Column> columns, List<List<Object>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() * 128);
        StringBuilder line = new StringBuilder(256);
        for (List<Object> row : rows) {
            line.setLength(0);
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    line.append('\t');
                }
                Object value = row.get(i);
                Column column = i < columns.size() ? columns.get(i) : null;
                if (value == null) {
                    line.append("\\N");
                } else if (value instanceof byte[] bytes) {
                    line.append(column != null && column.dataType().equals("bit")
                            ? new BigInteger(1, bytes).toString() : HexFormat.of().formatHex(bytes));
                } else if (value instanceof Boolean b) {
                    line.append(b ? '1' : '0');
                } else if (value instanceof BigDecimal d) {
                    line.append(d.toPlainString());
                } else {
                    escape(value.toString(), line);
                }
            }
            line.append('\n');
            out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static void escape(String text, StringBuilder line) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\0' -> line.append("\\0");
                default -> line.append(ch);
            }
        }
    }
}
