package io.tidemark.sql;

/**
 * Quartz on PostgreSQL (its {@code PostgreSQLDelegate} and {@code tables_postgres.sql}; the prefix and Quartz's
 * names are unquoted, so PostgreSQL folds them to lower case on both sides), and the start-up lock as a
 * session-level advisory lock on a hash of the database and the cluster's name.
 */
public final class PostgresClusterSql implements ClusterSql {

    private static final String LOCK = "hashtextextended('tidemark-start:' || current_database() || ':' || ?, 0)";

    @Override
    public String quartzScript() {
        return "org/quartz/impl/jdbcjobstore/tables_postgres.sql";
    }

    @Override
    public String quartzDelegate() {
        return "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate";
    }

    @Override
    public String tablesLike() {
        return "SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = current_schema() AND LOWER(table_name) LIKE ? ESCAPE '!'";
    }

    @Override
    public String tableCount() {
        return "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                + "AND LOWER(table_name) = LOWER(?)";
    }

    /**
     * The wait is the statement's own {@code lock_timeout} (set for its transaction only, so the pooled connection
     * keeps its own setting); a wait that runs out fails with SQLState 55P03, which {@code StartupLock} reads as
     * "not taken". The lock itself is the session's, held after the statement until it is released.
     */
    @Override
    public String takeStartupLock() {
        return "SELECT 1 FROM (SELECT " + LOCK + " AS lock_key, "
                + "set_config('lock_timeout', (CAST(? AS integer) * 1000)::text, true) AS timeout) wait, "
                + "LATERAL (SELECT pg_advisory_lock(wait.lock_key)) taken";
    }

    @Override
    public String releaseStartupLock() {
        return "SELECT pg_advisory_unlock(" + LOCK + ")";
    }
}
