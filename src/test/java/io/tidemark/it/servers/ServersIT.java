package io.tidemark.it.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** Starts each test server, asks it for its version, creates a database in it and stops it. */
class ServersIT {

    @Test
    void mysql8StartsCreatesADatabaseAndStops() throws Exception {
        MySql8Server server = MySql8Server.start("+05:30");
        try {
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(null), MySql8Server.USER, MySql8Server.PASSWORD)) {
                assertEquals("8.0.31", query(c, "SELECT VERSION()"));
                assertEquals("+05:30", query(c, "SELECT @@global.time_zone"));
                assertEquals("0", query(c, "SELECT @@log_bin"));
            }
            checkCreateDatabase(server.jdbcUrl("tidemark_it"), server::createDatabase);
        } finally {
            server.stop();
        }
        server.stop(); // idempotent
        assertRefused(server.jdbcUrl(null));
    }

    @Test
    void mariadb10StartsCreatesADatabaseAndStops() throws Exception {
        assumeTrue(MariaDb10Server.available(), "Debian's mariadb-server is not installed");
        try (MariaDb10Server server = MariaDb10Server.start(null)) {
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(null), MariaDb10Server.USER, MariaDb10Server.PASSWORD)) {
                String version = query(c, "SELECT VERSION()");
                assertTrue(version.startsWith("10.11."), version);
                assertEquals("utf8mb4", query(c, "SELECT @@character_set_server"));
            }
            checkCreateDatabase(server.jdbcUrl("tidemark_it"), server::createDatabase);
            server.stop();
            assertRefused(server.jdbcUrl(null));
        }
    }

    @Test
    void postgres15StartsInItsZoneCreatesADatabaseAndStops() throws Exception {
        assumeTrue(PostgresServer.available(), "Debian's postgresql-15 is not installed");
        try (PostgresServer server = PostgresServer.start("Asia/Kolkata")) {
            try (Connection c = server.connect(null)) {
                assertTrue(query(c, "SHOW server_version").startsWith("15."));
                // PgJDBC sets each session's zone to the JVM's; the server's own is what a session falls back to
                assertEquals("Asia/Kolkata", query(c, "SELECT setting FROM pg_settings WHERE name = 'log_timezone'"));
                assertEquals("UTF8", query(c, "SHOW server_encoding"));
            }
            server.createDatabase("tidemark_it");
            server.createDatabase("tidemark_it"); // unless it exists
            try (Connection c = server.connect("tidemark_it"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, ts TIMESTAMP(6) NOT NULL, name VARCHAR(20))");
                s.execute("INSERT INTO t VALUES (1, '2024-01-02 03:04:05.123456', 'Zoë ✓')");
                assertEquals("2024-01-02 03:04:05.123456 Zoë ✓", query(c, "SELECT ts || ' ' || name FROM t"));
            }
            server.stop();
            assertRefused(server.jdbcUrl(null));
        }
    }

    private static void checkCreateDatabase(String url, java.util.function.Consumer<String> createDatabase)
            throws SQLException {
        createDatabase.accept("tidemark_it");
        createDatabase.accept("tidemark_it"); // IF NOT EXISTS
        try (Connection c = DriverManager.getConnection(url, "root", "");
             Statement s = c.createStatement()) {
            assertEquals("tidemark_it", query(c, "SELECT DATABASE()"));
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, ts DATETIME(6) NOT NULL, name VARCHAR(20))");
            s.execute("INSERT INTO t VALUES (1, '2024-01-02 03:04:05.123456', 'Zoë ✓')");
            assertEquals("2024-01-02 03:04:05.123456 Zoë ✓", query(c, "SELECT CONCAT(ts, ' ', name) FROM t"));
        }
    }

    private static void assertRefused(String url) {
        Properties props = new Properties();
        props.setProperty("user", "root");
        props.setProperty("password", "");
        props.setProperty("connectTimeout", "2000");
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, props).close());
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
