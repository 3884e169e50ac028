package io.tidemark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tidemark.it.servers.MariaDb10Server;
import io.tidemark.it.servers.PostgresServer;
import io.tidemark.it.servers.Servers;
import java.net.ServerSocket;
import io.tidemark.sql.ClusterSql;
import io.tidemark.sql.PostgresDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cluster whose shared job store is a PostgreSQL 15 target (Quartz's PostgreSQLDelegate, its tables created from
 * the script Quartz ships, the start-up lock an advisory lock): two instances started together share the tables
 * of a MariaDB 10.11 source; when one is killed the other takes its tables over, and every change arrives.
 */
class PostgresClusterIT {

    private static final int TABLES = 6;
    private static final int ROWS = 200;

    private static MariaDb10Server mariaDb;
    private static PostgresServer postgres;

    @BeforeAll
    static void start() {
        assumeTrue(MariaDb10Server.available() && PostgresServer.available(), "needs mariadb-server, postgresql-15");
        mariaDb = MariaDb10Server.start("+00:00");
        postgres = PostgresServer.start("UTC");
        mariaDb.createDatabase("shop");
    }

    @AfterAll
    static void stop() {
        Servers.closeAll(mariaDb, postgres);
    }

    @Test
    void twoInstancesShareTheTablesThroughQuartzInPostgresqlAndTheSurvivorTakesOverAKilledOne() throws Exception {
        Database source = new Database(mariaDb.jdbcUrl("shop"));
        Database target = new Database(postgres.appDatabase("shop"));
        List<String> names = new ArrayList<>();
        List<String> routes = new ArrayList<>();
        for (int t = 1; t <= TABLES; t++) {
            String name = "t" + t;
            names.add(name);
            source.execute("CREATE TABLE " + name + " (id INT PRIMARY KEY, v INT NOT NULL, "
                            + "updated_at DATETIME(6) NOT NULL, KEY (updated_at))",
                    "INSERT INTO " + name + " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                            + "WHERE i < " + ROWS + ") SELECT i, 0, NOW(6) - INTERVAL 1 HOUR FROM n");
            routes.add(TidemarkApp.table("table", name, "modifier", "updated_at", "schedule", "1s", "lag", "0s"));
        }
        int[] ports = {freePort(), freePort()};
        List<TidemarkApp> apps = new ArrayList<>();
        for (int port : ports) {
            apps.add(TidemarkApp.without("postgres-cluster", source, target, String.join("", routes))
                    .option("-Dtidemark.cluster.enabled=true").option("-Dtidemark.cluster.checkin-interval-ms=1000")
                    .option("-Dcamel.management.port=" + port));
        }
        try {
            for (TidemarkApp app : apps) {
                app.start();
            }
            for (int port : ports) {
                TidemarkApp.await(Duration.ofSeconds(90), () -> ClusterIT.alive(port) == 2,
                        "both members seen from port " + port + ":\n" + output(apps));
            }
            assertEquals(11, target.count("SELECT COUNT(*) FROM information_schema.tables "
                    + "WHERE table_schema = current_schema() AND table_name LIKE '\\_tidemark\\_qrtz\\_%'"));
            TidemarkApp.await(Duration.ofSeconds(90), () -> instances(target).size() == 2,
                    "runs on both instances:\n" + output(apps));
            touch(source, names, 1);
            TidemarkApp.await(Duration.ofSeconds(60), () -> same(source, target, names), "the first changes");

            apps.get(0).kill();
            TidemarkApp.await(Duration.ofSeconds(60), () -> ClusterIT.alive(ports[1]) == 1,
                    "the survivor to drop the killed member:\n" + output(apps));
            touch(source, names, 2);
            TidemarkApp.await(Duration.ofSeconds(60), () -> same(source, target, names),
                    "every table to catch up through the survivor:\n" + output(apps));
            assertEquals(0, target.count("SELECT COUNT(*) FROM _tidemark_loads WHERE status = 'failed'"),
                    output(apps));
        } finally {
            for (TidemarkApp app : apps) {
                app.kill();
            }
        }
    }

    @Test
    void theStartupLockIsHeldByOneConnectionAndAWaitThatRunsOutSaysSo() throws Exception {
        ClusterSql sql = new PostgresDialect().cluster();
        postgres.appDatabase("locks");
        try (Connection first = postgres.connect("locks"); Connection second = postgres.connect("locks")) {
            assertTrue(take(first, sql, "c1", 5));
            long began = System.nanoTime();
            SQLException refused = assertThrows(SQLException.class, () -> take(second, sql, "c1", 1));
            assertEquals("55P03", refused.getSQLState(), refused.getMessage());
            assertTrue(System.nanoTime() - began >= 900_000_000L, "waited about the second it was given");
            assertTrue(take(second, sql, "c2", 1), "another cluster's lock is another lock");
            try (Statement s = second.createStatement(); ResultSet rs = s.executeQuery("SHOW lock_timeout")) {
                assertTrue(rs.next());
                assertEquals("0", rs.getString(1), "the wait was the statement's own, not the connection's");
            }
            try (PreparedStatement release = first.prepareStatement(sql.releaseStartupLock())) {
                release.setString(1, "c1");
                release.execute();
            }
            assertTrue(take(second, sql, "c1", 1));
        }
    }

    private static boolean take(Connection c, ClusterSql sql, String cluster, int seconds) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql.takeStartupLock())) {
            s.setString(1, cluster);
            s.setInt(2, seconds);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    /** Sets v of every other row of every table, each change with a newer modifier. */
    private static void touch(Database source, List<String> tables, int v) {
        for (String t : tables) {
            source.execute("UPDATE " + t + " SET v = " + v + ", updated_at = NOW(6) WHERE id % 2 = " + (v % 2));
        }
    }

    private static Set<String> instances(Database target) {
        try {
            Set<String> ids = new TreeSet<>();
            target.rows("SELECT DISTINCT instance_id FROM _tidemark_loads").forEach(r -> ids.add(r.get(0)));
            return ids;
        } catch (IllegalStateException notYetCreated) {
            return Set.of();
        }
    }

    private static boolean same(Database source, Database target, List<String> tables) {
        for (String t : tables) {
            String query = "SELECT id, v FROM " + t + " ORDER BY id";
            if (!source.rows(query).equals(target.rows(query))) {
                return false;
            }
        }
        return true;
    }

    private static String output(List<TidemarkApp> apps) {
        StringBuilder all = new StringBuilder();
        for (TidemarkApp app : apps) {
            try {
                String out = app.output();
                all.append("---- instance log (last 3000 characters)\n")
                        .append(out, Math.max(0, out.length() - 3000), out.length());
            } catch (Exception e) {
                all.append(e).append('\n');
            }
        }
        return all.toString();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
