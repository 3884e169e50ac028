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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.tidemark.source.Column;
import org.postgresql.PGConnection;

/**
 * PostgreSQL's bulk path, the analogue of MySQL's {@code LOAD DATA LOCAL}: a batch as {@code COPY ... FROM STDIN}
 * text through PgJDBC's CopyManager, on the caller's connection, so inside the batch's transaction with its
 * watermark. The statement comes from {@link PostgresDialect#copyIn}.
 */
public final class PgCopy {

    private PgCopy() {
    }

    /**
     * Sends the rows; returns the rows the server copied. {@code columns}: the source columns the rows start with
     * (a MySQL BIT's bytes are written as its binary digits), null when no column needs it.
     */
    public static long copyIn(Connection connection, String copySql, List<Column> columns, List<List<Object>> rows)
            throws SQLException {
        byte[] data = encode(columns, rows);
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
    static byte[] encode(List<Column> columns, List<List<Object>> rows) throws SQLDataException {
        StringBuilder out = new StringBuilder();
        int[] bits = new int[rows.isEmpty() ? 0 : rows.get(0).size()];
        for (int i = 0; columns != null && i < Math.min(bits.length, columns.size()); i++) {
            Matcher width = BIT.matcher(columns.get(i).columnType().toLowerCase(java.util.Locale.ROOT));
            bits[i] = columns.get(i).dataType().equals("bit") && width.matches() ? Integer.parseInt(width.group(1)) : 0;
        }
        for (List<Object> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.append('\t');
                }
                Object value = row.get(i);
                out.append(i < bits.length && bits[i] > 0 && value instanceof byte[] b ? digits(b, bits[i])
                        : field(value));
            }
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final Pattern BIT = Pattern.compile("bit\\((\\d+)\\)");

    /** The rightmost {@code width} bits of big-endian bytes, as binary digits (MySQL right-aligns a BIT). */
    static String digits(byte[] bytes, int width) {
        StringBuilder all = new StringBuilder();
        for (byte b : bytes) {
            all.append(String.format("%8s", Integer.toBinaryString(b & 0xff)).replace(' ', '0'));
        }
        String padded = "0".repeat(Math.max(0, width - all.length())) + all;
        return padded.substring(padded.length() - width);
    }

    static String field(Object value) throws SQLDataException {
        if (value == null) {
            return "\\N";
        }
        if (value instanceof Boolean b) { // a boolean, or a MySQL BIT(1): PostgreSQL reads 1 and 0 as either
            return b ? "1" : "0";
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
