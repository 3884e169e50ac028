package io.tidemark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidemark.it.servers.MariaDb10Server;
import io.tidemark.it.servers.PostgresServer;
import io.tidemark.source.Column;
import io.tidemark.source.RowReader;
import io.tidemark.source.TableShape;
import io.tidemark.sql.ConnectionPool;
import io.tidemark.sql.Failures;
import io.tidemark.sql.MySqlDialect;
import io.tidemark.sql.PostgresCatalogSql;
import io.tidemark.sql.PostgresDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL values into MariaDB through Tidemark's own pieces (not yet the application, see docs/postgresql.md):
 * the PostgreSQL catalog query ({@link PostgresDialect#catalogColumns}), the pools as the application opens them,
 * the PostgreSQL dialect's page (its select list reads times as UTC text), {@link RowReader}'s values, the MySQL
 * target table {@link MySqlDialect#createTable} makes for PostgreSQL columns and its upsert. Each value arrives
 * exactly, or its row is refused with a row-level error (what the write path dead-letters).
 */
class PostgresIntoMySqlValuesIT {

    private static MariaDb10Server mariaDb;
    private static PostgresServer postgres;
    private static HikariDataSource source;
    private static HikariDataSource target;
    private static final ConnectionPool POOL = new ConnectionPool(2, 0, 10_000, 600_000, 60_000);
    private static int tables;

    private final PostgresDialect dialect = new PostgresDialect();

    @BeforeAll
    static void start() {
        assumeTrue(MariaDb10Server.available() && PostgresServer.available(), "needs mariadb-server, postgresql-15");
        postgres = PostgresServer.start("Asia/Kolkata");
        mariaDb = MariaDb10Server.start("-03:00");
        postgres.createDatabase("shop");
        mariaDb.createDatabase("shop");
        source = POOL.open("source", postgres.jdbcUrl("shop"), PostgresServer.USER, "",
                PostgresCatalogSql.sessionSetup(),
                new SimpleMeterRegistry(), PostgresCatalogSql.driverProperties());
        target = POOL.open("target", mariaDb.jdbcUrl("shop"), "root", "", "SET time_zone = '+00:00'",
                new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {source, target, mariaDb, postgres}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // stopping anyway
            }
        }
    }

    @Test
    void postgresqlValuesArriveExactlyInTheMysqlTypesTheyMapTo() throws Exception {
        Map<String, String[]> values = new LinkedHashMap<>(); // column: PostgreSQL literal, MySQL text expected
        String uuid = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
        values.put("u", new String[] {"'" + uuid + "'", uuid});
        values.put("n", new String[] {"123456789012345678901234567890.123456789", "123456789012345678901234567890"
                + ".123456789000000000000000000000"});
        values.put("price", new String[] {"-12345678.99", "-12345678.99"});
        values.put("ok", new String[] {"true", "1"});
        values.put("at", new String[] {"'2024-03-10 02:30:00.123456+05:30'", "2024-03-09 21:00:00.123456"});
        values.put("local", new String[] {"'9999-12-31 23:59:59.999999'", "9999-12-31 23:59:59.999999"});
        values.put("d", new String[] {"'1000-01-01'", "1000-01-01"});
        values.put("tm", new String[] {"'23:59:59.999999'", "23:59:59.999999"});
        values.put("doc", new String[] {"'{\"b\": [1, 2.50], \"a\": null}'", "{\"a\": null, \"b\": [1, 2.50]}"});
        values.put("js", new String[] {"'{\"b\":1,  \"a\":2}'", "{\"b\":1,  \"a\":2}"});
        values.put("tags", new String[] {"'{1,2,3}'", "{1,2,3}"});
        values.put("took", new String[] {"'1 day 02:03:04.5'", "1 day 02:03:04.5"});
        values.put("raw", new String[] {"'\\x00ff0a'::bytea", "00FF0A"});
        values.put("txt", new String[] {"'Zoë ✓ 😀 tab\there'", "Zoë ✓ 😀 tab\there"});
        values.put("dbl", new String[] {"-1.7976931348623157e308", "-1.7976931348623157e308"});
        assertEquals(List.of(), copy(values));
    }

    @Test
    void valuesMysqlCannotHoldAreRefusedAsRowErrorsNeverChanged() throws Exception {
        for (Map.Entry<String, String> bad : Map.of("local", "'infinity'", "d", "'0044-03-15 BC'",
                "n", "1e70").entrySet()) {
            Map<String, String[]> values = new LinkedHashMap<>();
            values.put(bad.getKey(), new String[] {bad.getValue(), null});
            List<String> refused = copy(values);
            assertEquals(1, refused.size(), bad + ": " + refused);
            assertTrue(refused.get(0).startsWith("refused"), bad + ": " + refused);
        }
    }

    /** One row with the given values into a fresh table each time; returns differences and refused rows. */
    private List<String> copy(Map<String, String[]> values) throws Exception {
        String table = "types_" + ++tables;
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id integer PRIMARY KEY, code text NOT NULL UNIQUE, u uuid, "
                    + "n numeric, price numeric(10,2), ok boolean, at timestamptz, local timestamp(6), d date, "
                    + "tm time(6), doc jsonb, js json, tags integer[], took interval, raw bytea, txt text, "
                    + "dbl double precision)");
            StringBuilder columns = new StringBuilder("id, code");
            StringBuilder literals = new StringBuilder("1, 'k1'");
            values.forEach((column, v) -> {
                columns.append(", ").append(column);
                literals.append(", ").append(v[0]);
            });
            s.execute("INSERT INTO " + table + " (" + columns + ") VALUES (" + literals + ")");
        }
        TableShape shape = shape(table);
        MySqlDialect mysql = new MySqlDialect();
        try (Connection c = target.getConnection(); Statement s = c.createStatement()) {
            s.execute(mysql.createTable(table, shape, "_load", "_row"));
        }
        List<Object[]> rows;
        try (Connection c = source.getConnection(); PreparedStatement s = c.prepareStatement(
                dialect.keyPage(table, shape.columns(), shape.columns().subList(0, 1), false, null))) {
            s.setInt(1, 10);
            try (ResultSet rs = s.executeQuery()) {
                rows = RowReader.readAll(rs, null);
            }
        }
        List<String> found = new ArrayList<>();
        String upsert = mysql.upsert(table, shape.columns(), shape.primaryKey(), "_load", "_row");
        try (Connection c = target.getConnection(); PreparedStatement s = c.prepareStatement(upsert)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    s.setObject(i + 1, row[i]);
                }
                s.setString(row.length + 1, "load-1");
                s.setString(row.length + 2, "row-1");
                try {
                    s.executeUpdate();
                } catch (SQLException e) {
                    assertTrue(Failures.isRowRejected(e), e.getSQLState() + " " + e.getMessage());
                    found.add("refused " + e.getSQLState() + " " + e.getMessage());
                }
            }
        }
        if (!found.isEmpty()) {
            return found;
        }
        try (Connection c = target.getConnection(); Statement s = c.createStatement()) {
            for (Map.Entry<String, String[]> e : values.entrySet()) {
                String read = e.getKey().equals("raw") ? "HEX(raw)" : "CAST(`" + e.getKey() + "` AS CHAR)";
                try (ResultSet rs = s.executeQuery("SELECT " + read + " FROM " + table)) {
                    String actual = rs.next() ? rs.getString(1) : "<no row>";
                    if (!e.getValue()[1].equals(actual)) {
                        found.add(e.getKey() + ": expected " + e.getValue()[1] + ", was " + actual);
                    }
                }
            }
        }
        return found;
    }

    /** The table's shape from the dialect's catalog query, as a PostgreSQL catalog reader would build it. */
    private TableShape shape(String table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        List<String> key = new ArrayList<>();
        try (Connection c = source.getConnection();
             PreparedStatement s = c.prepareStatement(PostgresCatalogSql.columns())) {
            s.setString(1, null);
            s.setString(2, table);
            s.setString(3, table);
            s.setString(4, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(new Column(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), null,
                            null, rs.getString(5), false));
                    if (rs.getBoolean(6)) {
                        key.add(rs.getString(1));
                    }
                }
            }
        }
        return new TableShape(table, columns, key);
    }
}
