package io.tidemark.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cluster's members as Quartz records them: one row per instance in its scheduler-state table, with the time
 * of its last check-in. A member that stops checking in is declared dead by the others after its check-in interval
 * plus {@link #GRACE} and removed from the table when they take over its tables.
 */
public final class ClusterMembers {

    /** Quartz's fixed allowance beyond a member's check-in interval before the others declare it dead. */
    public static final Duration GRACE = Duration.ofMillis(7_500);

    /** One member: its instance id, its last check-in and its check-in interval. */
    public record Member(String id, Instant lastCheckin, Duration checkinInterval) {
        /** True while the others still count it alive: it checked in within its interval plus the grace. */
        public boolean alive(Instant now) {
            return !lastCheckin.plus(checkinInterval).plus(GRACE).isBefore(now);
        }
    }

    private final JdbcTemplate jdbc;
    private final ClusterSettings settings;

    public ClusterMembers(DataSource jobStore, ClusterSettings settings) {
        this.jdbc = new JdbcTemplate(jobStore);
        this.settings = settings;
    }

    /** The members, by instance id; none when Quartz's tables do not exist yet. */
    public List<Member> all() {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "AND LOWER(TABLE_NAME) = LOWER(?)", Integer.class, table()) == 0) {
            return List.of();
        }
        return jdbc.query("SELECT INSTANCE_NAME, LAST_CHECKIN_TIME, CHECKIN_INTERVAL FROM " + table()
                        + " WHERE SCHED_NAME = ? ORDER BY INSTANCE_NAME",
                (rs, n) -> new Member(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                        Duration.ofMillis(rs.getLong(3))), settings.name());
    }

    private String table() {
        // the prefix is validated to letters, digits and underscores (ClusterSettings); Quartz uses it unquoted too
        return settings.tablePrefix() + "SCHEDULER_STATE";
    }
}
