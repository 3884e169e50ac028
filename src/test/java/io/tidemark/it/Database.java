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
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in: " + sql, e);
        }
    }

    /**
     * One line per row, computed by the server: the key and an MD5 over the hex of every given column (NULL
     * distinct from empty), ordered by the key. Equal fingerprints on source and target mean equal tables.
     */
    public List<String> fingerprint(String table, String key, String... columns) {
        StringBuilder hash = new StringBuilder("MD5(CONCAT_WS('|'");
        for (String column : columns) {
            hash.append(", IFNULL(HEX(`").append(column).append("`), 'NULL')");
        }
        hash.append("))");
        return rows("SELECT CONCAT_WS(':', " + key + ", " + hash + ") FROM `" + table + "` ORDER BY " + key)
                .stream().map(r -> r.get(0)).toList();
    }
}
