package io.tidemark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a cluster on a PostgreSQL target says, exactly (run against a server by PostgresClusterIT). */
class PostgresClusterSqlTest {

    private final ClusterSql sql = new PostgresDialect().cluster();

    @Test
    void quartzUsesItsPostgresqlDelegateAndScript() {
        assertEquals("org.quartz.impl.jdbcjobstore.PostgreSQLDelegate", sql.quartzDelegate());
        assertEquals("org/quartz/impl/jdbcjobstore/tables_postgres.sql", sql.quartzScript());
    }

    @Test
    void theStartupLockIsAnAdvisoryLockWaitedForUnderTheStatementsOwnLockTimeout() {
        assertEquals("SELECT 1 FROM (SELECT hashtextextended('tidemark-start:' || current_database() || ':' || ?, 0) "
                + "AS lock_key, set_config('lock_timeout', (CAST(? AS integer) * 1000)::text, true) AS timeout) wait, "
                + "LATERAL (SELECT pg_advisory_lock(wait.lock_key)) taken", sql.takeStartupLock());
        assertEquals("SELECT pg_advisory_unlock(hashtextextended('tidemark-start:' || current_database() || ':' || ?, "
                + "0))", sql.releaseStartupLock());
    }

    @Test
    void quartzsOwnTablesAreReadAsOnEveryServer() {
        assertEquals(new MySqlDialect().cluster().members("_q_"), sql.members("_q_"));
        assertEquals("SELECT COUNT(*) FROM _q_FIRED_TRIGGERS WHERE SCHED_NAME = ? AND JOB_NAME = ? AND JOB_GROUP = ? "
                + "AND STATE = 'EXECUTING' AND ENTRY_ID <> ?", sql.otherRunsExecuting("_q_"));
        assertEquals("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                + "AND LOWER(table_name) LIKE ? ESCAPE '!'", sql.tablesLike());
    }
}
