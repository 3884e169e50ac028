package io.tidemark.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Holds a write lock on a table until closed: a run writing to it waits in the middle, so that a test can look at a
 * run in flight however fast the machine is.
 */
public final class TableLock implements AutoCloseable {

    private final Connection connection;

    public TableLock(Database database, String table) throws SQLException {
        connection = database.connect();
        try (Statement s = connection.createStatement()) {
            s.execute("LOCK TABLES `" + table + "` WRITE");
        }
    }

    @Override
    public void close() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("UNLOCK TABLES");
        } finally {
            connection.close();
        }
    }
}
