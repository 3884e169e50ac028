package io.tidemark.source;

import io.tidemark.sql.CatalogSql;
import io.tidemark.sql.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Reads table definitions from a database's information_schema (the current database of the pool). */
public final class Catalog {

    private static final String GENERATED_AS = " GENERATED ALWAYS AS (";

    private final DataSource dataSource;
    private final CatalogSql sql;

    public Catalog(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.sql = dialect.catalog();
    }

    /** True when the database is a MariaDB server (MySQL Connector/J reports 10.x as "5.5.5-10.11.x-MariaDB"). */
    public boolean mariaDb() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return mariaDb(c);
        }
    }

    private static boolean mariaDb(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductVersion().contains("MariaDB");
    }

    /** The table's shape, or empty when the current database has no such table. */
    public Optional<TableShape> table(String name) throws SQLException {
        List<Column> columns = new ArrayList<>();
        TreeMap<Integer, String> key = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            boolean mariaDb = mariaDb(c);
            try (PreparedStatement ps = c.prepareStatement(sql.columns(mariaDb ? "NULL" : "c.SRS_ID"))) {
                for (int i = 1; i <= 4; i++) {
                    ps.setString(i, name);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String extra = rs.getString(8) == null ? "" : rs.getString(8).toUpperCase(Locale.ROOT);
                        Integer srid = rs.getObject(10) == null ? null : rs.getInt(10);
                        columns.add(new Column(rs.getString(1), rs.getString(2), rs.getString(3),
                                "YES".equals(rs.getString(4)), rs.getString(5), rs.getString(6),
                                extra.contains("GENERATED") ? rs.getString(7) : null,
                                extra.contains("STORED") || extra.contains("PERSISTENT"), srid));
                        int keyPosition = rs.getInt(9);
                        if (!rs.wasNull()) {
                            key.put(keyPosition, rs.getString(1));
                        }
                    }
                }
            }
            // Each only where needed, so that a run's shape check usually stays one statement.
            if (mariaDb && columns.stream().anyMatch(col -> col.dataType().equals("longtext"))) {
                markJson(c, name, columns);
            } else if (!mariaDb && columns.stream().anyMatch(Column::generated)) {
                exactGeneration(c, name, columns); // MariaDB's information_schema has the expression right
            }
        }
        return columns.isEmpty() ? Optional.empty()
                : Optional.of(new TableShape(name, columns, List.copyOf(key.values())));
    }

    /** On MariaDB, a LONGTEXT column with the JSON check is a JSON column, and the target gets it as JSON. */
    private void markJson(Connection c, String table, List<Column> columns) throws SQLException {
        Set<String> json = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql.checkConstraints())) {
            ps.setString(1, table);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String column = rs.getString(1);
                    if (("json_valid(`" + column.replace("`", "``") + "`)").equals(rs.getString(2))) {
                        json.add(column);
                    }
                }
            }
        }
        columns.replaceAll(col -> col.dataType().equals("longtext") && json.contains(col.name()) ? col.asJson() : col);
    }

    /**
     * MySQL's information_schema escapes the quotes of a generation expression ({@code _utf8mb4\'x\'}) and garbles
     * its non-ASCII text; SHOW CREATE TABLE has it as the server parses it, one column per line:
     * {@code   `c` type GENERATED ALWAYS AS (expr) VIRTUAL}.
     */
    private void exactGeneration(Connection c, String table, List<Column> columns) throws SQLException {
        String create;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql.tableDefinition(table))) {
            rs.next();
            create = rs.getString(2);
        }
        String[] lines = create.split("\n");
        columns.replaceAll(col -> {
            if (!col.generated()) {
                return col;
            }
            String prefix = "  `" + col.name().replace("`", "``") + "` ";
            for (String line : lines) {
                int start = line.indexOf(GENERATED_AS);
                int end = Math.max(line.lastIndexOf(") VIRTUAL"), line.lastIndexOf(") STORED"));
                if (line.startsWith(prefix) && start > 0 && end > start) {
                    return col.withGeneration(line.substring(start + GENERATED_AS.length(), end));
                }
            }
            return col;
        });
    }

    /** Runs a query that returns nothing (a probe with {@code LIMIT 0}): empty if the server accepts it, else why not. */
    public Optional<String> refuses(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeQuery(sql).close();
            return Optional.empty();
        } catch (java.sql.SQLSyntaxErrorException | java.sql.SQLDataException e) {
            return Optional.of(e.getMessage());
        } catch (SQLException e) {
            if (e.getSQLState() != null && (e.getSQLState().startsWith("42") || e.getSQLState().startsWith("22"))) {
                return Optional.of(e.getMessage());
            }
            throw e; // not the statement's fault (a lost connection): the caller decides
        }
    }

    /** The names of the tables in the current database, for messages that list the valid ones. */
    public List<String> tableNames() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.tableNames());
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
