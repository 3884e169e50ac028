package io.tidemark.sql.mysql;

import io.tidemark.sql.ClusterSql;

/** Quartz on MySQL and MariaDB (InnoDB), and the start-up lock as a named lock ({@code GET_LOCK}). */
public final class MySqlClusterSql implements ClusterSql {

    /** Named locks are server-wide and at most 64 characters: the target database and the cluster's name, hashed. */
    private static final String LOCK = "CONCAT('tidemark-start:', SHA1(CONCAT(DATABASE(), ':', ?)))";

    @Override
    public String quartzScript() {
        return "org/quartz/impl/jdbcjobstore/tables_mysql_innodb.sql";
    }

    @Override
    public String quartzDelegate() {
        return "org.quartz.impl.jdbcjobstore.StdJDBCDelegate";
    }

    @Override
    public String tablesLike() {
        return "SELECT TABLE_NAME FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = DATABASE() AND LOWER(TABLE_NAME) LIKE ? ESCAPE '!'";
    }

    @Override
    public String tableCount() {
        return "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "AND LOWER(TABLE_NAME) = LOWER(?)";
    }

    @Override
    public String takeStartupLock() {
        return "SELECT GET_LOCK(" + LOCK + ", ?)";
    }

    @Override
    public String releaseStartupLock() {
        return "SELECT RELEASE_LOCK(" + LOCK + ")";
    }
}
