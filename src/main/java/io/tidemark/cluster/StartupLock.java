package io.tidemark.cluster;

import io.tidemark.sql.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instances of one cluster start one at a time: each holds a named lock in the target database from before it
 * prepares the target (creates or extends tables) until its routes have started, so that instances started
 * together ({@code docker compose up --scale}) do not race to create the same table. The lock is the
 * connection's: if start-up fails and the process exits, the database releases it.
 */
public final class StartupLock implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(StartupLock.class);
    private static final int WAIT_SECONDS = 300;

    private final Connection connection;
    private final String name;
    private final String release;

    private StartupLock(Connection connection, String name, String release) {
        this.connection = connection;
        this.name = name;
        this.release = release;
    }

    /** Waits for the cluster's start-up lock; {@link #onCamelContextStarted} releases it. */
    public static StartupLock take(DataSource target, ClusterSettings settings, Dialect dialect) {
        String name = settings.name();
        try {
            Connection c = target.getConnection();
            if (!taken(c, dialect.cluster().takeStartupLock(), name)) {
                c.close();
                throw new IllegalStateException("another instance of cluster '" + name + "' has been starting for "
                        + WAIT_SECONDS + " s; start again once it is up");
            }
            return new StartupLock(c, name, dialect.cluster().releaseStartupLock());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the cluster's start-up lock in the target database: "
                    + e.getMessage(), e);
        }
    }

    /** Whether the lock was taken within the wait: a wait that ran out answers 0 or fails with 55P03. */
    private static boolean taken(Connection c, String take, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(take)) {
            s.setString(1, name);
            s.setInt(2, WAIT_SECONDS);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                return false;
            }
            c.close();
            throw e;
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        try (Connection c = connection;
             PreparedStatement s = c.prepareStatement(release)) {
            s.setString(1, name);
            s.execute();
        } catch (SQLException e) {
            LOG.warn("Could not release the cluster's start-up lock (it goes with the connection): {}", e.getMessage());
        }
    }
}
