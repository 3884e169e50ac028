package io.tidemark.it.servers;

import io.tidemark.it.servers.MySql8Server.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian 12's PostgreSQL 15 ({@code apt-get install -y postgresql-15}) for integration tests. Check
 * {@link #available()} first (e.g. with JUnit's {@code assumeTrue}).
 *
 * <p>Every {@link #start} creates a fresh cluster under {@code target/postgres15-it/} with {@code initdb} (UTF8,
 * locale C.UTF-8, trust authentication for the superuser {@code postgres} on 127.0.0.1 only), starts it with
 * {@code pg_ctl} on a free loopback port in the given time zone and waits until it accepts connections. The
 * system's cluster (/etc/postgresql) and its service are never used. initdb and postgres refuse to run as root:
 * as root both run as the user {@code postgres} (through {@code runuser}), which then owns the instance directory.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String VERSION = "15";
    public static final String USER = "postgres";
    public static final String PASSWORD = "";

    static final Path BIN = Path.of("/usr/lib/postgresql/" + VERSION + "/bin");

    private final int port;
    private final Path instanceDir;
    private final Path dataDir;
    private boolean stopped;

    private PostgresServer(int port, Path instanceDir, Path dataDir) {
        this.port = port;
        this.instanceDir = instanceDir;
        this.dataDir = dataDir;
    }

    /** True when Debian's PostgreSQL 15 server binaries are installed. */
    public static boolean available() {
        return Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(BIN.resolve("pg_ctl"));
    }

    /**
     * Starts a fresh PostgreSQL 15.
     *
     * @param timeZone an IANA zone for the server's {@code timezone} setting (PostgreSQL reads a bare
     *                 {@code +05:30} as a POSIX zone, whose sign is the reverse), e.g. {@code Asia/Kolkata};
     *                 null: UTC.
     */
    public static PostgresServer start(String timeZone) {
        if (!available()) {
            throw new IllegalStateException(BIN + "/initdb or pg_ctl not found: install Debian's PostgreSQL 15 with "
                    + "`apt-get install -y postgresql-15` (or run .ci/install-test-servers)");
        }
        long t0 = System.nanoTime();
        Path root = ServerProcess.targetDir().resolve("postgres15-it");
        ServerProcess.reapStale(root); // servers of test JVMs killed before their shutdown hook ran
        Path instanceDir = ServerProcess.newInstanceDir(root);
        Path dataDir = instanceDir.resolve("data");
        Path log = instanceDir.resolve("server.log");
        asServerUser(root, instanceDir);
        ServerProcess.runToCompletion("initdb", command(BIN.resolve("initdb").toString(), "-D", dataDir.toString(),
                "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"), instanceDir,
                instanceDir.resolve("command-output.log"), Duration.ofMinutes(3));
        long t1 = System.nanoTime();
        int port = ServerProcess.freePort();
        String zone = timeZone == null ? "UTC" : timeZone;
        String options = "-p " + port + " -k " + instanceDir + " -c listen_addresses=127.0.0.1"
                + " -c timezone=" + zone + " -c log_timezone=" + zone
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        ServerProcess.runToCompletion("pg_ctl start", command(BIN.resolve("pg_ctl").toString(), "-D",
                dataDir.toString(), "-l", log.toString(), "-w", "-t", "120", "-o", options, "start"), instanceDir,
                log, Duration.ofMinutes(3));
        recordPid(dataDir);
        PostgresServer server = new PostgresServer(port, instanceDir, dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stop PostgreSQL on port " + port));
        long t2 = System.nanoTime();
        System.out.printf("[it] PostgreSQL %s ready on 127.0.0.1:%d in %d ms (initdb %d ms, start %d ms) %s%n",
                VERSION, port, ms(t2 - t0), ms(t1 - t0), ms(t2 - t1), instanceDir);
        return server;
    }

    public int port() {
        return port;
    }

    /** The server's log (its statements too, where a test turns {@code log_statement} on). */
    public Path log() {
        return instanceDir.resolve("server.log");
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/DATABASE}; null or empty: the {@code postgres} database. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + (database == null || database.isEmpty() ? "postgres"
                : database);
    }

    /** A new connection as the superuser {@code postgres}; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
    }

    /** Creates a UTF8 database unless it exists. */
    public void createDatabase(String name) {
        try (Connection c = connect(null); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name.replace("'", "''") + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\" ENCODING 'UTF8' TEMPLATE template0");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + this, e);
        }
    }

    /**
     * A database for the application: created unless it exists, with the role {@code root} (superuser, no password:
     * the user {@code TidemarkApp} and {@code Database} connect as) created once per server.
     */
    public String appDatabase(String name) {
        createDatabase(name);
        try (Connection c = connect(null); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = 'root'");
            if (!rs.next()) {
                s.execute("CREATE ROLE root SUPERUSER LOGIN");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the role root on " + this, e);
        }
        return jdbcUrl(name);
    }

    /** Logs every statement run in the database (see {@link #log}), e.g. to see which way rows were written. */
    public void logStatements(String database) {
        try (Connection c = connect(null); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE \"" + database.replace("\"", "\"\"") + "\" SET log_statement = 'all'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server ({@code pg_ctl stop -m fast}, then immediate) and deletes its files. Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        String pgCtl = BIN.resolve("pg_ctl").toString();
        try {
            ServerProcess.runToCompletion("pg_ctl stop", command(pgCtl, "-D", dataDir.toString(), "-m", "fast", "-w",
                    "-t", "60", "stop"), instanceDir, instanceDir.resolve("command-output.log"),
                    Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            try {
                ServerProcess.runToCompletion("pg_ctl stop", command(pgCtl, "-D", dataDir.toString(), "-m",
                        "immediate", "stop"), instanceDir, instanceDir.resolve("command-output.log"),
                        Duration.ofSeconds(30));
            } catch (RuntimeException ignored) {
                // already stopped, or the files are gone
            }
        }
        if (!ServerProcess.KEEP_FILES) {
            ServerProcess.deleteTree(instanceDir);
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "PostgresServer[" + jdbcUrl(null) + "]";
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** As root, the command runs as the user postgres. */
    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        if (root()) {
            command.addAll(List.of("runuser", "-u", USER, "--"));
        }
        command.addAll(List.of(args));
        return command;
    }

    /** As root: the instance directory belongs to postgres, and postgres may pass through its parents. */
    private static void asServerUser(Path root, Path instanceDir) {
        if (!root()) {
            return;
        }
        try {
            for (Path p = root; p != null; p = p.getParent()) {
                if (!Files.isDirectory(p)) {
                    continue;
                }
                var permissions = Files.getPosixFilePermissions(p);
                if (permissions.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    Files.setPosixFilePermissions(p, permissions);
                }
            }
            Process chown = new ProcessBuilder("chown", "-R", USER + ":" + USER, instanceDir.toString())
                    .redirectErrorStream(true).start();
            if (!chown.waitFor(30, TimeUnit.SECONDS) || chown.exitValue() != 0) {
                throw new IllegalStateException("chown -R postgres " + instanceDir + " failed: "
                        + new String(chown.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The postmaster's pid where {@link ServerProcess#reapStale} looks for a server to stop. */
    private static void recordPid(Path dataDir) {
        try {
            String pid = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim();
            Files.writeString(dataDir.resolve(ServerProcess.PID_FILE), pid);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the postmaster's pid in " + dataDir, e);
        }
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
