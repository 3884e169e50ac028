package io.tidemark.source;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads fetched rows as arrays of values that write back exactly:
 * <ul>
 *   <li>date and time values as the bytes of the server's own text: no Java time zone shifts them, zero dates
 *       pass, and bound as text Connector/J cannot cut their microseconds (it does to temporal values it sends to
 *       MariaDB 10.x). Not {@code getString}: Connector/J re-formats TIME and drops the sign of
 *       {@code -00:00:01}, and renders YEAR 0000 as {@code 0}, which the server reads back as 2000;</li>
 *   <li>DOUBLE as the server's text, the shortest digits of the exact value: a Java double is sent as
 *       {@code -0.0}, which the server parses as the decimal 0 and so loses the sign of a negative zero. FLOAT
 *       columns arrive as DOUBLE (see the dialect's select list);</li>
 *   <li>JSON as text, everything else as the driver's exact Java type (BigDecimal, BigInteger, byte[],
 *       String, ...).</li>
 * </ul>
 */
public final class RowReader {

    private RowReader() {
    }

    /** How a column is read, decided once per result set from its type. */
    private enum Read { TEXT_BYTES, STRING, OBJECT, SERVER_TEXT }

    /** Every row of {@code rs}; columns marked in {@code asText} (when given) as {@link ServerText}. */
    public static List<Object[]> readAll(ResultSet rs, boolean[] asText) throws SQLException {
        Read[] reads = reads(rs.getMetaData());
        for (int i = 0; asText != null && i < reads.length; i++) {
            if (asText[i]) {
                reads[i] = Read.SERVER_TEXT;
            }
        }
        List<Object[]> rows = new ArrayList<>();
        while (rs.next()) {
            rows.add(read(rs, reads));
        }
        return rows;
    }

    /** The current row of {@code rs}. */
    public static Object[] read(ResultSet rs) throws SQLException {
        return read(rs, reads(rs.getMetaData()));
    }

    private static Read[] reads(ResultSetMetaData meta) throws SQLException {
        Read[] reads = new Read[meta.getColumnCount()];
        for (int i = 0; i < reads.length; i++) {
            reads[i] = switch (meta.getColumnTypeName(i + 1).toUpperCase(Locale.ROOT)) {
                case "DATE", "TIME", "DATETIME", "TIMESTAMP", "YEAR" -> Read.TEXT_BYTES;
                case "JSON", "DOUBLE", "DOUBLE UNSIGNED" -> Read.STRING;
                default -> Read.OBJECT;
            };
        }
        return reads;
    }

    private static Object[] read(ResultSet rs, Read[] reads) throws SQLException {
        Object[] row = new Object[reads.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = switch (reads[i]) {
                case TEXT_BYTES -> text(rs.getBytes(i + 1));
                case STRING -> rs.getString(i + 1);
                case OBJECT -> rs.getObject(i + 1);
                case SERVER_TEXT -> serverText(rs.getBytes(i + 1));
            };
        }
        return row;
    }

    private static ServerText serverText(byte[] bytes) {
        return bytes == null ? null : new ServerText(bytes);
    }

    /** The text protocol's bytes of a temporal value (ASCII); client-side prepared statements use that protocol. */
    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.US_ASCII);
    }
}
