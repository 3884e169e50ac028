package io.tidemark.sql;

/**
 * What a cluster says in SQL (io.tidemark.cluster): Quartz's job-store tables in the target database (their DDL and
 * driver delegate as Quartz ships them for this server, the members and running jobs read from them) and the
 * start-up lock. Table prefixes are letters, digits and underscores only (ClusterSettings), unquoted as Quartz
 * writes them. Parameters are listed beside each statement, in order.
 */
public interface ClusterSql {

    /** The class path of the DDL script the quartz jar ships for this server. */
    String quartzScript();

    /** Quartz's driver delegate class for this server. */
    String quartzDelegate();

    /** The names of the database's tables whose lower-case name is LIKE {@code ?} (escape character {@code !}). */
    String tablesLike();

    /** One row: how many tables of the database are named {@code ?} (ignoring case). */
    String tableCount();

    /**
     * The members (instance name, last check-in in epoch ms, check-in interval in ms): parameter cluster name. Quartz's
     * own tables and columns, unquoted as Quartz writes them, so the same on every server.
     */
    default String members(String prefix) {
        return "SELECT INSTANCE_NAME, LAST_CHECKIN_TIME, CHECKIN_INTERVAL FROM " + prefix + "SCHEDULER_STATE"
                + " WHERE SCHED_NAME = ? ORDER BY INSTANCE_NAME";
    }

    /**
     * One row: how many other runs of a job are executing in the cluster; parameters cluster name, job name, job
     * group, this firing's entry id (Quartz's tables, as for {@link #members}).
     */
    default String otherRunsExecuting(String prefix) {
        return "SELECT COUNT(*) FROM " + prefix + "FIRED_TRIGGERS WHERE SCHED_NAME = ? AND JOB_NAME = ? "
                + "AND JOB_GROUP = ? AND STATE = 'EXECUTING' AND ENTRY_ID <> ?";
    }

    /**
     * One row, 1 when this connection took the cluster's start-up lock within the time given, waiting for it; the
     * lock is the connection's (released when it closes). Parameters cluster name, seconds to wait. A wait that runs
     * out answers 0, or fails with SQLState 55P03 (lock not available).
     */
    String takeStartupLock();

    /** Releases the start-up lock: parameter cluster name. */
    String releaseStartupLock();
}
