package io.tidemark.sql;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * PostgreSQL's bulk path, the analogue of MySQL's {@code LOAD DATA LOCAL}: a batch as {@code COPY ... FROM STDIN}
 * text through PgJDBC's CopyManager, on the caller's connection, so inside the batch's transaction with its
 * watermark. The statement comes from {@link PostgresDialect#copyIn}.
 */
public final class PgCopy {

    private PgCopy() {
    }

    /** Sends the rows; returns the rows the server copied. */
    public static long copyIn(Connection connection, String copySql, List<List<Object>> rows) throws SQLException {
        byte[] data = encode(rows);
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(copySql, new ByteArrayInputStream(data), 65536);
        } catch (IOException e) {
            throw new SQLException("COPY could not read its own batch", "58030", e);
        }
    }

    /**
     * COPY's text format: columns separated by tab, rows by newline, NULL as {@code \N}, backslash, tab, newline and
     * carriage return escaped, binary values as {@code \\x} and hex. A text holding U+0000 cannot be stored by
     * PostgreSQL: refused (the batch is then written row by row and that row dead-lettered with the reason).
     */
    static byte[] encode(List<List<Object>> rows) throws SQLDataException {
        StringBuilder out = new StringBuilder();
        for (List<Object> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.append('\t');
                }
                out.append(field(row.get(i)));
            }
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String field(Object value) throws SQLDataException {
        if (value == null) {
            return "\\N";
        }
        if (value instanceof byte[] bytes) {
            return "\\\\x" + HexFormat.of().formatHex(bytes);
        }
        String text = value instanceof BigDecimal d ? d.toPlainString()
                : value instanceof OffsetDateTime t ? t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                : value.toString();
        if (text.indexOf('\0') >= 0) {
            throw new SQLDataException("a text value holds the character U+0000, which PostgreSQL cannot store",
                    "22021");
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\t' -> escaped.append("\\t");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
