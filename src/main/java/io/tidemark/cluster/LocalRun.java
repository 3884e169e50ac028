package io.tidemark.cluster;

import java.time.Instant;
import java.util.List;

/**
 * A one-shot run ({@code --once}, {@code --replay}, {@code --resync}) with clustering enabled runs every table
 * here, outside the cluster, without Quartz; if the cluster were running, a table could then run
 * here and on a member at the same time. So it starts only when no member of the cluster is alive.
 */
public final class LocalRun {

    private final ClusterMembers members;

    public LocalRun(ClusterMembers members) {
        this.members = members;
    }

    /** Throws, naming the live members, when the cluster is running. */
    public void checkClusterStopped() {
        Instant now = Instant.now();
        List<String> alive = members.all().stream().filter(m -> m.alive(now))
                .map(m -> m.id() + " (checked in " + Math.max(0, now.toEpochMilli() - m.lastCheckin().toEpochMilli())
                        / 1000.0 + " s ago)").toList();
        if (!alive.isEmpty()) {
            throw new IllegalStateException("--once, --replay and --resync run the tables outside the cluster, but "
                    + alive.size() + " cluster member(s) are running: " + String.join(", ", alive)
                    + ". Stop every clustered instance first (a stopped instance counts as running until its "
                    + "check-in interval plus " + ClusterMembers.GRACE.toMillis() / 1000.0 + " s have passed).");
        }
    }
}
