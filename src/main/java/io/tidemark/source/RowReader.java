package io.tidemark.source;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Locale;
import org.apache.camel.component.sql.DefaultRowMapperFactory;
import org.springframework.jdbc.core.RowMapper;

/**
 * Reads a fetched row as an array of values that write back exactly, plugged into camel-sql as its row mapper
 * factory:
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
public final class RowReader extends DefaultRowMapperFactory {

    @Override
    public RowMapper<?> newColumnRowMapper() {
        return (ResultSet rs, int rowNum) -> read(rs);
    }

    public static Object[] read(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Object[] row = new Object[meta.getColumnCount()];
        for (int i = 1; i <= row.length; i++) {
            row[i - 1] = switch (meta.getColumnTypeName(i).toUpperCase(Locale.ROOT)) {
                case "DATE", "TIME", "DATETIME", "TIMESTAMP", "YEAR" -> text(rs.getBytes(i));
                case "JSON", "DOUBLE", "DOUBLE UNSIGNED" -> rs.getString(i);
                default -> rs.getObject(i);
            };
        }
        return row;
    }

    /** The text protocol's bytes of a temporal value (ASCII); client-side prepared statements use that protocol. */
    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.US_ASCII);
    }
}
