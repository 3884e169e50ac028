package io.tidemark.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the current user of a database may do, as information_schema shows it, for {@code --check}. When it shows
 * nothing usable (privileges come through roles, or the server runs without grant tables), nothing is reported.
 *
 * @param user   the user as the server knows it (user@host)
 * @param schema the database the connection uses
 * @param grants privilege, schema pattern (null: all), table (null: all)
 */
public record Grants(String user, String schema, List<Grant> grants) {

    /** One privilege on a scope; {@code schema} is a LIKE pattern, null for every schema. */
    public record Grant(String privilege, String schema, String table) {
        boolean covers(String privilege, String schema, String table) {
            return this.privilege.equalsIgnoreCase(privilege)
                    && (this.schema == null || schema.matches(like(this.schema)))
                    && (this.table == null || this.table.equals(table));
        }
    }

    public static Grants read(DataSource database, Dialect dialect) throws SQLException {
        try (Connection c = database.getConnection(); Statement st = c.createStatement()) {
            String user;
            try (ResultSet rs = st.executeQuery("SELECT CURRENT_USER()")) {
                rs.next();
                user = rs.getString(1);
            }
            try (ResultSet rs = st.executeQuery(dialect.roles())) {
                if (rs.next() && rs.getLong(1) > 0) {
                    return new Grants(user, c.getCatalog(), List.of()); // through roles: not read here
                }
            }
            List<Grant> grants = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(dialect.privileges())) {
                while (rs.next()) {
                    grants.add(new Grant(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            return new Grants(user, c.getCatalog(), List.copyOf(grants));
        }
    }

    /** The privileges of {@code needed} the user lacks on a table of its database (none when unknown). */
    public List<String> missing(String table, List<String> needed) {
        if (grants.isEmpty()) {
            return List.of();
        }
        return needed.stream().filter(p -> grants.stream().noneMatch(g -> g.covers(p, schema, table))).toList();
    }

    /** A LIKE pattern of information_schema (shop\_%) as a regular expression. */
    static String like(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
