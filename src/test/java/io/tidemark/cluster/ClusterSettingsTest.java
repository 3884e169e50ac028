package io.tidemark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidemark.sql.MySqlDialect;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cluster settings, the Quartz properties they become, and when a member counts as alive. */
class ClusterSettingsTest {

    private static ClusterSettings settings(boolean enabled, boolean oneShot) {
        return new ClusterSettings(enabled, oneShot, "shop-sync", 2_000, "_tidemark_qrtz_");
    }

    @Test
    void anEnabledClusterIsJoined() {
        assertTrue(settings(true, false).joins());
    }

    @Test
    void aOneShotRunNeverJoinsTheCluster() {
        assertFalse(settings(true, true).joins());
    }

    @Test
    void aDisabledClusterIsNotJoined() {
        assertFalse(settings(false, false).joins());
    }

    @Test
    void aPrefixQuartzCouldNotUseUnquotedIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ClusterSettings(true, false, "tidemark", 1_000, "qrtz-"));
        assertTrue(e.getMessage().contains("tidemark.cluster.table-prefix 'qrtz-'"), e.getMessage());
    }

    @Test
    void aCheckinIntervalBelowATenthOfASecondIsRefused() {
        assertThrows(IllegalStateException.class, () -> new ClusterSettings(true, false, "tidemark", 50, "q_"));
    }

    @Test
    void theJobStoreIsQuartzsClusteredJdbcStoreInTheTargetUnderTheClustersName() {
        Map<String, String> p = new ClusteredJobStore(settings(true, false), null, new MySqlDialect()).properties();
        assertEquals("shop-sync", p.get("org.quartz.scheduler.instanceName"));
        assertEquals("AUTO", p.get("org.quartz.scheduler.instanceId"));
        assertEquals("org.quartz.impl.jdbcjobstore.JobStoreTX", p.get("org.quartz.jobStore.class"));
        assertEquals("org.quartz.impl.jdbcjobstore.StdJDBCDelegate", p.get("org.quartz.jobStore.driverDelegateClass"));
        assertEquals("true", p.get("org.quartz.jobStore.isClustered"));
        assertEquals("2000", p.get("org.quartz.jobStore.clusterCheckinInterval"));
        assertEquals("_tidemark_qrtz_", p.get("org.quartz.jobStore.tablePrefix"));
        assertEquals("10", p.get("org.quartz.threadPool.threadCount"));
    }

    @Test
    void aMemberIsAliveUntilItsIntervalAndQuartzsGraceHavePassed() {
        Instant checkin = Instant.parse("2026-01-01T00:00:00Z");
        ClusterMembers.Member member = new ClusterMembers.Member("host1", checkin, Duration.ofSeconds(5));
        assertTrue(member.alive(checkin.plusMillis(12_500)));
        assertFalse(member.alive(checkin.plusMillis(12_501)));
    }
}
