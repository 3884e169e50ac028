package io.tidemark.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Reads table definitions from a database's information_schema (the current database of the pool). */
public final class Catalog {

    /** One statement: the columns in order, each with its position in the primary key (NULL if none). */
    private static final String COLUMNS = """
            SELECT c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE, c.IS_NULLABLE, c.CHARACTER_SET_NAME,
                   c.COLLATION_NAME, c.GENERATION_EXPRESSION, c.EXTRA, k.ORDINAL_POSITION
            FROM information_schema.COLUMNS c
            LEFT JOIN information_schema.KEY_COLUMN_USAGE k
              ON k.TABLE_SCHEMA = c.TABLE_SCHEMA AND k.TABLE_NAME = c.TABLE_NAME
             AND k.COLUMN_NAME = c.COLUMN_NAME AND k.CONSTRAINT_NAME = 'PRIMARY'
            WHERE c.TABLE_SCHEMA = DATABASE() AND c.TABLE_NAME = ?
            ORDER BY c.ORDINAL_POSITION""";

    private final DataSource dataSource;

    public Catalog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The table's shape, or empty when the current database has no such table. */
    public Optional<TableShape> table(String name) throws SQLException {
        List<Column> columns = new ArrayList<>();
        TreeMap<Integer, String> key = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(COLUMNS)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String extra = rs.getString(8) == null ? "" : rs.getString(8).toUpperCase(Locale.ROOT);
                    columns.add(new Column(rs.getString(1), rs.getString(2), rs.getString(3),
                            "YES".equals(rs.getString(4)), rs.getString(5), rs.getString(6),
                            extra.contains("GENERATED") ? rs.getString(7) : null,
                            extra.contains("STORED") || extra.contains("PERSISTENT")));
                    int keyPosition = rs.getInt(9);
                    if (!rs.wasNull()) {
                        key.put(keyPosition, rs.getString(1));
                    }
                }
            }
        }
        return columns.isEmpty() ? Optional.empty()
                : Optional.of(new TableShape(name, columns, List.copyOf(key.values())));
    }

    /** The names of the tables in the current database, for messages that list the valid ones. */
    public List<String> tableNames() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
