package io.tidemark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidemark.it.servers.MariaDb10Server;
import io.tidemark.it.servers.PostgresServer;
import io.tidemark.source.Catalog;
import io.tidemark.source.RowReader;
import io.tidemark.source.TableShape;
import io.tidemark.sql.ConnectionPool;
import io.tidemark.sql.Failures;
import io.tidemark.sql.MySqlDialect;
import io.tidemark.sql.PgCopy;
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
 * MySQL values into PostgreSQL through Tidemark's own pieces (not yet the application, see docs/postgresql.md):
 * the source's catalog ({@link Catalog}), the pools as the application opens them ({@link ConnectionPool}, with the
 * PostgreSQL dialect's driver properties and session), the source dialect's page, {@link RowReader}'s values, the
 * target table {@link PostgresDialect#createTable} makes, its upsert and the bulk path's COPY. Each value arrives
 * exactly, or its row is refused with a row-level SQLState (what the write path dead-letters,
 * {@link Failures#isRowRejected}).
 */
class MySqlIntoPostgresValuesIT {

    private static MariaDb10Server mariaDb;
    private static PostgresServer postgres;
    private static HikariDataSource source;
    private static HikariDataSource target;

    private final PostgresDialect dialect = new PostgresDialect();
    private static final ConnectionPool POOL = new ConnectionPool(2, 0, 10_000, 600_000, 60_000);

    @BeforeAll
    static void start() throws SQLException {
        assumeTrue(MariaDb10Server.available() && PostgresServer.available(), "needs mariadb-server, postgresql-15");
        mariaDb = MariaDb10Server.start("+05:30");
        postgres = PostgresServer.start("America/Sao_Paulo");
        mariaDb.createDatabase("shop");
        postgres.createDatabase("shop");
        source = POOL.open("source", mariaDb.jdbcUrl("shop"), "root", "", "SET time_zone = '+00:00'",
                new SimpleMeterRegistry());
        target = POOL.open("target", postgres.jdbcUrl("shop"), PostgresServer.USER, "",
                PostgresCatalogSql.sessionSetup(),
                new SimpleMeterRegistry(), PostgresCatalogSql.driverProperties());
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
    void extremesOfEveryMysqlTypeArriveExactly() throws Exception {
        assertEquals(List.of(), copy(EXTREMES, EXPECTED, false));
    }

    @Test
    void theBulkPathCopyWritesTheSameExtremesExactly() throws Exception {
        assertEquals(List.of(), copy(EXTREMES, EXPECTED, true));
    }

    private static final Map<String, String> EXTREMES = new LinkedHashMap<>();
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("u_int", "4294967295");
        row.put("u_big", "18446744073709551615");
        row.put("flag", "127");
        row.put("dec65", "99999999999999999999999999999999999.999999999999999999999999999999");
        row.put("db", "-1.7976931348623157e308");
        row.put("neg_zero", "-0e0");
        row.put("fl", "3.40282e38");
        row.put("dt", "'9999-12-31 23:59:59.999999'");
        row.put("ts", "'2038-01-19 03:14:07.999999'");
        row.put("d", "'1000-01-01'");
        row.put("tm", "'-838:59:59.000000'");
        row.put("yr", "1901");
        row.put("en", "'b c'");
        row.put("st", "'x,y'");
        row.put("js", "'{\"n\": 1.0, \"m\": -0.0,  \"t\": 5e-324}'");
        row.put("txt", "'Zoë ✓ 😀 tab\there back\\\\slash'");
        row.put("bin", "0x00ff0a");
        row.put("b1", "b'1'");
        row.put("b8", "b'10000001'");
        EXTREMES.putAll(row);
        Map<String, String> expected = EXPECTED;
        expected.put("u_int", "4294967295");
        expected.put("u_big", "18446744073709551615");
        expected.put("flag", "127");
        expected.put("dec65", "99999999999999999999999999999999999.999999999999999999999999999999");
        expected.put("db", "-1.7976931348623157e+308");
        expected.put("neg_zero", "0"); // MariaDB 10.11 stores -0 as 0 (MySQL 8.0 keeps it: "-0" reads back as -0)
        expected.put("fl", "3.40282e+38");
        expected.put("dt", "9999-12-31 23:59:59.999999");
        expected.put("ts", "2038-01-19 03:14:07.999999+00");
        expected.put("d", "1000-01-01");
        expected.put("tm", "-838:59:59");
        expected.put("yr", "1901");
        expected.put("en", "b c");
        expected.put("st", "x,y");
        expected.put("js", "{\"n\": 1.0, \"m\": -0.0,  \"t\": 5e-324}");
        expected.put("txt", "Zoë ✓ 😀 tab\there back\\slash");
        expected.put("bin", "\\x00ff0a");
        expected.put("b1", "1");
        expected.put("b8", "10000001");
    }

    @Test
    void valuesPostgresqlCannotHoldAreRefusedAsRowErrorsNeverChanged() throws Exception {
        for (Map.Entry<String, String> bad : Map.of("dt", "'0000-00-00 00:00:00'", "d", "'2024-00-15'",
                "txt", "CONCAT('a', CHAR(0), 'b')").entrySet()) {
            Map<String, String> row = new LinkedHashMap<>(Map.of(bad.getKey(), bad.getValue()));
            List<String> refused = copy(row, Map.of(), false);
            assertEquals(1, refused.size(), bad + ": " + refused);
            assertTrue(refused.get(0).startsWith("22"), bad + ": " + refused);
        }
    }

    private static int tables;

    /**
     * Creates the types table in the source with one row of {@code values}, copies it, and compares each expected
     * column's PostgreSQL text; returns the SQLStates and messages of refused rows (all row-level, or this fails).
     */
    private List<String> copy(Map<String, String> values, Map<String, String> expected, boolean bulk)
            throws Exception {
        String table = "types_" + ++tables;
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id INT NOT NULL PRIMARY KEY, u_int INT UNSIGNED, "
                    + "u_big BIGINT UNSIGNED, flag TINYINT(1), dec65 DECIMAL(65,30), db DOUBLE, neg_zero DOUBLE, "
                    + "fl FLOAT, dt DATETIME(6), ts TIMESTAMP(6) NULL, d DATE, tm TIME(6), yr YEAR, "
                    + "en ENUM('a','b c'), st SET('x','y'), js JSON, txt TEXT, bin VARBINARY(8), b1 BIT(1), b8 BIT(8)) "
                    + "CHARSET utf8mb4");
            s.execute("SET SESSION sql_mode = ''"); // zero dates as the source may hold them
            s.execute("INSERT INTO " + table + " (id, " + String.join(", ", values.keySet()) + ") VALUES (1, "
                    + String.join(", ", values.values()) + ")");
        }
        TableShape shape = new Catalog(source, new MySqlDialect()).table(table).orElseThrow();
        try (Connection c = target.getConnection(); Statement s = c.createStatement()) {
            s.execute(dialect.createTable(table, shape, "_load", "_row"));
        }
        List<Object[]> rows;
        try (Connection c = source.getConnection();
             PreparedStatement s = c.prepareStatement(new MySqlDialect().keyPage(table, shape.columns(),
                     shape.columns().subList(0, 1), false, null))) {
            s.setInt(1, 10);
            try (ResultSet rs = s.executeQuery()) {
                rows = RowReader.readAll(rs, null);
            }
        }
        List<String> refused = new ArrayList<>();
        String upsert = dialect.upsert(table, shape.columns(), shape.primaryKey(), "_load", "_row");
        if (bulk) {
            List<List<Object>> lines = new ArrayList<>();
            for (Object[] row : rows) {
                List<Object> line = new ArrayList<>(java.util.Arrays.asList(row));
                line.addAll(List.of("load-1", "row-1"));
                lines.add(line);
            }
            try (Connection c = target.getConnection()) {
                c.setAutoCommit(false);
                PgCopy.copyIn(c, dialect.copyIn(table, shape.columns(), "_load", "_row"), shape.columns(), lines);
                c.commit();
            }
            rows = List.of();
        }
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
                    refused.add(e.getSQLState() + " " + e.getMessage());
                }
            }
        }
        List<String> differences = new ArrayList<>();
        try (Connection c = target.getConnection(); Statement s = c.createStatement()) {
            for (Map.Entry<String, String> e : expected.entrySet()) {
                try (ResultSet rs = s.executeQuery("SELECT \"" + e.getKey() + "\"::text FROM " + table)) {
                    String actual = rs.next() ? rs.getString(1) : "<no row>";
                    if (!e.getValue().equals(actual)) {
                        differences.add(e.getKey() + ": expected " + e.getValue() + ", was " + actual);
                    }
                }
            }
        }
        return expected.isEmpty() ? refused : join(differences, refused);
    }

    private static List<String> join(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
