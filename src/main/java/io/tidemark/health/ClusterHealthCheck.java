package io.tidemark.health;

import io.tidemark.cluster.ClusterMembers;
import io.tidemark.cluster.ClusterMembers.Member;
import io.tidemark.sql.Failures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * This instance's id and, in a cluster, the cluster's members with the age of their last check-in. DOWN when
 * this instance is clustered but its own check-in is missing or late: the others then take over its tables.
 */
public final class ClusterHealthCheck extends AbstractHealthCheck {

    private final Supplier<String> instanceId;
    private final ClusterMembers members;
    private final String clusterName;

    /** {@code members} is null when clustering is off. */
    public ClusterHealthCheck(Supplier<String> instanceId, ClusterMembers members, String clusterName) {
        super("tidemark", "cluster");
        this.instanceId = instanceId;
        this.members = members;
        this.clusterName = clusterName;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String id;
        try {
            id = instanceId.get();
        } catch (RuntimeException notYet) {
            builder.detail("clustered", members != null).message("the scheduler has not started yet").down();
            return;
        }
        builder.detail("instance.id", id).detail("clustered", members != null);
        if (members == null) {
            builder.up();
            return;
        }
        builder.detail("cluster.name", clusterName);
        List<Member> all;
        try {
            all = members.all();
        } catch (RuntimeException e) {
            builder.message("cannot read the cluster's members: " + Failures.describe(e)).down();
            return;
        }
        Instant now = Instant.now();
        builder.detail("members", all.size());
        builder.detail("members.alive", all.stream().filter(m -> m.alive(now)).count());
        builder.detail("member.list", all.stream().map(m -> m.id() + (m.id().equals(id) ? " (this)" : "")
                + " checked in " + ago(m, now) + " s ago" + (m.alive(now) ? "" : ", presumed dead"))
                .collect(Collectors.joining("; ")));
        Member self = all.stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
        if (self == null) {
            builder.message("instance " + id + " has not checked in to cluster " + clusterName + " yet").down();
        } else if (!self.alive(now)) {
            builder.message("instance " + id + " last checked in " + ago(self, now) + " s ago: the others take over "
                    + "its tables").down();
        } else {
            builder.up();
        }
    }

    private static String ago(Member member, Instant now) {
        return String.format(java.util.Locale.ROOT, "%.1f", Math.max(0, now.toEpochMilli() - member.lastCheckin().toEpochMilli()) / 1000.0);
    }
}
