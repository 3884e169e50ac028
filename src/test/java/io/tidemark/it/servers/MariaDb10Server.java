package io.tidemark.it.servers;

import io.tidemark.it.servers.MySql8Server.ServerProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Debian 12's MariaDB 10.11 ({@code apt-get install -y mariadb-server}) for integration tests, with the same API
 * as {@link MySql8Server}. Check {@link #available()} first (e.g. with JUnit's {@code assumeTrue}).
 *
 * <p>Every {@link #start} creates a fresh data directory under {@code target/mariadb10-it/} with
 * {@code mariadb-install-db} (about 0.5 s), starts {@code mariadbd} on a free loopback port and waits until root
 * (empty password) can connect over JDBC. The system's {@code /etc/mysql} configuration is ignored
 * ({@code --no-defaults}); the server character set is set to {@code utf8mb4} / {@code utf8mb4_general_ci} as
 * Debian's packaged configuration does (MariaDB 10.11's built-in default is latin1).
 *
 * <p>Note: MySQL Connector/J sees MariaDB 10.x as version 5.5.5 and drops the microseconds of DATETIME(6) /
 * TIMESTAMP(6) values it sends as parameters (see shared/ENVIRONMENT.md).
 */
public final class MariaDb10Server extends TestServer {

    public static final String USER = MySql8Server.USER;
    public static final String PASSWORD = MySql8Server.PASSWORD;

    static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");

    private MariaDb10Server(ServerProcess server) {
        super(server, "MariaDb10Server");
    }

    /** True when Debian's MariaDB server binaries are installed. */
    public static boolean available() {
        return Files.isExecutable(MARIADBD) && Files.isExecutable(INSTALL_DB);
    }

    /**
     * Starts a fresh MariaDB 10.11.
     *
     * @param timeZone value for {@code --default-time-zone}, e.g. {@code "+05:30"}; null keeps the default (SYSTEM).
     */
    public static MariaDb10Server start(String timeZone) {
        return start(timeZone, new String[0]);
    }

    /** Like {@link #start(String)}, with extra {@code mariadbd} options appended to the command line. */
    public static MariaDb10Server start(String timeZone, String... extraMariadbdArgs) {
        if (!available()) {
            throw new IllegalStateException(MARIADBD + " or " + INSTALL_DB
                    + " not found: install Debian's MariaDB with `apt-get install -y mariadb-server`");
        }
        Path root = ServerProcess.targetDir().resolve("mariadb10-it");
        ServerProcess.reapStale(root);
        long t0 = System.nanoTime();
        Path instanceDir = ServerProcess.newInstanceDir(root);
        Path dataDir = instanceDir.resolve("data");
        Path errorLog = dataDir.resolve("error.log");

        List<String> install = new ArrayList<>(List.of(INSTALL_DB.toString(), "--no-defaults"));
        ServerProcess.addUserIfRoot(install);
        install.addAll(List.of("--datadir=" + dataDir, "--auth-root-authentication-method=normal", "--skip-test-db"));
        Path installLog = instanceDir.resolve("command-output.log");
        ServerProcess.runToCompletion("mariadb-install-db", install, instanceDir, installLog, Duration.ofMinutes(3));
        long t1 = System.nanoTime();

        Path socketDir = ServerProcess.socketDir(instanceDir);
        // Scratch files (internal temporary tables) stay in the instance, not in a /tmp other programs clean up:
        // a temporary table's file deleted under a running server has crashed it here.
        Path tmpDir = ServerProcess.createDirectory(instanceDir.resolve("tmp"));
        IntFunction<List<String>> command = port -> ServerProcess.command(MARIADBD, dataDir, port, socketDir, errorLog,
                tmpDir, timeZone, List.of("--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci"),
                extraMariadbdArgs);
        ServerProcess server = ServerProcess.launch("MariaDB 10.11", instanceDir, socketDir, errorLog, command);
        long t2 = System.nanoTime();
        System.out.printf("[it] MariaDB 10.11 ready on 127.0.0.1:%d in %d ms (install-db %d ms, start %d ms) %s%n",
                server.port(), ms(t2 - t0), ms(t1 - t0), ms(t2 - t1), instanceDir);
        return new MariaDb10Server(server);
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
