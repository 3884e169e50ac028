package io.tidemark.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import io.tidemark.sql.ClusterSql;
import io.tidemark.sql.Dialect;
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
    private final ClusterSql sql;

    public ClusterMembers(DataSource jobStore, ClusterSettings settings, Dialect dialect) {
        this.jdbc = new JdbcTemplate(jobStore);
        this.settings = settings;
        this.sql = dialect.cluster();
    }

    /** The members, by instance id; none when Quartz's tables do not exist yet. */
    public List<Member> all() {
        // the prefix is validated to letters, digits and underscores (ClusterSettings); Quartz uses it unquoted too
        if (jdbc.queryForObject(sql.tableCount(), Integer.class, settings.tablePrefix() + "SCHEDULER_STATE") == 0) {
            return List.of();
        }
        return jdbc.query(sql.members(settings.tablePrefix()),
                (rs, n) -> new Member(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                        Duration.ofMillis(rs.getLong(3))), settings.name());
    }
}
