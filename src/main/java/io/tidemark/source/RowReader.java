package io.tidemark.source;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Locale;
import org.apache.camel.component.sql.DefaultRowMapperFactory;
import org.springframework.jdbc.core.RowMapper;

/**
 * Reads a fetched row as an array of values that write back exactly: date and time values as the server's
 * own text (no Java time zone ever shifts them), JSON as text, everything else as the driver's exact Java type
 * (BigDecimal, BigInteger, byte[], String, ...). Plugged into camel-sql as its row mapper factory.
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
                case "DATE", "TIME", "DATETIME", "TIMESTAMP", "YEAR", "JSON" -> rs.getString(i);
                default -> rs.getObject(i);
            };
        }
        return row;
    }
}
