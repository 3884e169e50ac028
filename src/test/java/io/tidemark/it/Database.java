package io.tidemark.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** One test database: run SQL, read single values, and fingerprint a table on the server. */
public record Database(String url) {

    public Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, "root", "");
        if (postgres()) {
            return c;
        }
        // Test data is generated with recursive CTEs: lift the servers' recursion limits (names differ).
        for (String limit : new String[] {"cte_max_recursion_depth", "max_recursive_iterations"}) {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION " + limit + " = 10000000");
            } catch (SQLException unknownOnThisServer) {
                // the other server's variable
            }
        }
        return c;
    }

    /** A PostgreSQL database ({@code jdbc:postgresql:}), not a MySQL or MariaDB one. */
    public boolean postgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    public void execute(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in: " + String.join("; ", statements), e);
        }
    }

    public long count(String sql) {
        return Long.parseLong(value(sql));
    }

    public String value(String sql) {
        List<List<String>> rows = rows(sql);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    public List<List<String>> rows(String sql) {
        return rows(sql, false);
    }

    /** Rows of a query run in a UTC session, so that TIMESTAMP values render the same on servers in any zone. */
    public List<List<String>> rowsInUtc(String sql) {
        return rows(sql, true);
    }

    private List<List<String>> rows(String sql, boolean utc) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            if (utc) {
                s.execute(postgres() ? "SET TIME ZONE 'UTC'" : "SET time_zone = '+00:00'");
            }
            return read(s.executeQuery(sql));
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in: " + sql, e);
        }
    }

    private static List<List<String>> read(ResultSet result) throws SQLException {
        try (ResultSet rs = result) {
            List<List<String>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /**
     * One line per row, computed by the server: the key and an MD5 over every given column rendered exactly
     * (see {@link #canonical}; NULL distinct from empty), ordered by the key. Equal fingerprints on source and
     * target mean equal values, also across MySQL and MariaDB.
     */
    public List<String> fingerprint(String table, String key, String... columns) {
        return fingerprintWhere(table, key, "TRUE", columns);
    }

    /** {@link #fingerprint} of the rows that match a condition. */
    public List<String> fingerprintWhere(String table, String key, String where, String... columns) {
        return rowsInUtc("SELECT CONCAT_WS(':', " + key + ", MD5(CONCAT_WS('|', " + String.join(", ",
                canonical(table, List.of(columns))) + "))) FROM " + quote(table) + " WHERE " + where + " ORDER BY " + key)
                .stream().map(r -> r.get(0)).toList();
    }

    /** The rendered values behind {@link #fingerprint}, one line per row: for messages that show what differs. */
    public List<String> rendered(String table, String key, String... columns) {
        List<String> names = List.of(columns);
        List<String> exprs = canonical(table, names);
        StringBuilder select = new StringBuilder("SELECT CONCAT_WS(':', " + key + ")");
        exprs.forEach(e -> select.append(", ").append(e));
        return rowsInUtc(select + " FROM " + quote(table) + " ORDER BY " + key).stream().map(r -> {
            StringBuilder line = new StringBuilder(r.get(0));
            for (int i = 0; i < names.size(); i++) {
                line.append(i == 0 ? " " : ", ").append(names.get(i)).append('=').append(r.get(i + 1));
            }
            return line.toString();
        }).toList();
    }

    /**
     * Each column as text the server renders from the stored value, identically on MySQL 8.0 and MariaDB and
     * independent of the session's time zone: a column's own text would not do for every type. FLOAT prints
     * only 6 digits (so it is widened to DOUBLE, whose text is the shortest exact one on both servers), HEX of a
     * number drops its fraction, BIT is a number, ENUM and SET add their index, TIMESTAMP is rendered in UTC
     * (these queries run in a UTC session), strings, binaries, JSON and geometries are the hex of their bytes.
     */
    List<String> canonical(String table, List<String> columns) {
        java.util.Map<String, String> types = new java.util.HashMap<>();
        rows("SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                + "AND CAST(TABLE_NAME AS BINARY) = CAST(" + literal(table) + " AS BINARY)")
                .forEach(r -> types.put(r.get(0).toLowerCase(java.util.Locale.ROOT), r.get(1).toLowerCase(java.util.Locale.ROOT)));
        List<String> exprs = new ArrayList<>();
        for (String column : columns) {
            String type = types.get(column.toLowerCase(java.util.Locale.ROOT));
            if (type == null) {
                throw new IllegalArgumentException(table + " has no column " + column + "; it has " + types.keySet());
            }
            String c = quote(column);
            String e = switch (type) {
                case "float" -> "CONCAT(CAST(" + c + " AS DOUBLE))";
                case "bit" -> "CONCAT(" + c + " + 0)";
                case "enum", "set" -> "CONCAT(HEX(" + c + "), '#', " + c + " + 0)";
                case "json" -> "HEX(CAST(" + c + " AS CHAR CHARACTER SET utf8mb4))";
                case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "binary", "varbinary",
                     "tinyblob", "blob", "mediumblob", "longblob", "geometry", "point", "linestring", "polygon",
                     "multipoint", "multilinestring", "multipolygon", "geometrycollection", "geomcollection" -> "HEX(" + c + ")";
                default -> "CONCAT(" + c + ")"; // numbers, DECIMAL, DOUBLE, YEAR, DATE, TIME, DATETIME, TIMESTAMP
            };
            exprs.add("IFNULL(" + e + ", '\\N')");
        }
        return exprs;
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
