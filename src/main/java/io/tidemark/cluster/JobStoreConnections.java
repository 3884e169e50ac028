package io.tidemark.cluster;

import java.io.Closeable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/**
 * Hands Quartz's job store the connections of Tidemark's own pool for it (see {@link ClusteredJobStore}), so that
 * Quartz needs no JDBC URL or password of its own. Quartz closes it when its scheduler shuts down.
 */
final class JobStoreConnections implements ConnectionProvider {

    private final DataSource pool;

    JobStoreConnections(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void initialize() {
        // the pool is open already
    }

    @Override
    public void shutdown() throws SQLException {
        if (pool instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                throw new SQLException("cannot close the job store's pool", e);
            }
        }
    }
}
