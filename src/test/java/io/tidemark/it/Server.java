package io.tidemark.it;

import io.tidemark.embedded.EmbeddedMariaDb;
import io.tidemark.it.servers.MySql8Server;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real servers integration tests run against, each started once per test JVM on first use.
 * Every test gets fresh source and target databases on the server.
 */
public enum Server {
    MARIADB_11_4, MYSQL_8_0;

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private Object started;

    private synchronized String url(String database) {
        if (started == null) {
            try {
                started = this == MARIADB_11_4
                        ? EmbeddedMariaDb.start(Path.of("target", "it-mariadb-11.4"))
                        : MySql8Server.start(null);
            } catch (Exception e) {
                throw new IllegalStateException("could not start " + this, e);
            }
            Object server = started;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (server instanceof EmbeddedMariaDb m) {
                    m.stop();
                } else {
                    ((MySql8Server) server).stop();
                }
            }));
        }
        return started instanceof EmbeddedMariaDb m ? m.jdbcUrl(database) : ((MySql8Server) started).jdbcUrl(database);
    }

    /** A new, empty database on this server, named after the test. */
    public Database newDatabase(String prefix) {
        String name = (prefix + "_" + DATABASES.incrementAndGet()).toLowerCase();
        try (Connection c = DriverManager.getConnection(url(""), "root", "")) {
            c.createStatement().execute("DROP DATABASE IF EXISTS `" + name + "`");
            c.createStatement().execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Database(url(name));
    }
}
