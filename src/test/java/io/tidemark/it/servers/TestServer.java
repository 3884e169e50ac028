package io.tidemark.it.servers;

import io.tidemark.it.servers.MySql8Server.ServerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** What a started test server offers, the same for {@link MySql8Server} and {@link MariaDb10Server}. */
public abstract class TestServer implements AutoCloseable {

    private final ServerProcess server;
    private final String name;

    TestServer(ServerProcess server, String name) {
        this.server = server;
        this.name = name;
    }

    public int port() {
        return server.port();
    }

    /** {@code jdbc:mysql://127.0.0.1:PORT/DATABASE}; a null or empty database gives {@code jdbc:mysql://127.0.0.1:PORT/}. */
    public String jdbcUrl(String database) {
        return server.jdbcUrl(database);
    }

    /** A new connection as root (empty password); the caller closes it. */
    public Connection connect(String database) throws SQLException {
        return server.connect(database);
    }

    /** {@code CREATE DATABASE IF NOT EXISTS `name`} (server default character set: utf8mb4). */
    public void createDatabase(String name) {
        server.createDatabase(name);
    }

    /** The running server's error log (inside its data directory). */
    public Path errorLog() {
        return server.errorLog();
    }

    /** Stops the server (SIGTERM, then SIGKILL after 60 s) and deletes its files. Idempotent. */
    public void stop() {
        server.stop();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name + "[" + jdbcUrl(null) + "]";
    }
}
