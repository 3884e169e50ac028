package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The management port (dashboard, API, health) taken by another process; --once does not need it. */
class ManagementPortIT {

    @Test
    void aPortInUseStopsStartUpWithOneLineNamingThePortAndTheSetting() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "port_taken");
        f.source.execute("CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            int port = taken.getLocalPort();
            TidemarkApp.Result result = f.app(table("table", "t")).option("-Dcamel.management.port=" + port)
                    .start().awaitExit(Duration.ofSeconds(30));
            assertEquals(2, result.exitCode(), result.output());
            assertTrue(result.output().contains("Tidemark could not start: port " + port + " on 127.0.0.1 is already in "
                    + "use (another Tidemark?): set camel.management.port (or TIDEMARK_MANAGEMENT_PORT) to a free port"),
                    result.output());
            assertFalse(result.output().contains("\tat "), "no stack trace: " + result.output());
            assertEquals(0, f.target.count("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                    + "DATABASE()"), "nothing created");
        }
    }

    @Test
    void onceNeedsNoPort() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "port_once");
        f.source.execute("CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            TidemarkApp.Result result = f.app(table("table", "t"))
                    .option("-Dcamel.management.port=" + taken.getLocalPort()).once();
            assertEquals(0, result.exitCode(), result.output());
            assertTrue(result.output().contains("t: ok, 1 rows"), result.output());
            assertFalse(result.output().contains("HttpServer started"), result.output());
        }
    }
}
