package io.tidemark.cluster;

import java.net.InetAddress;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.SchedulerException;

/**
 * This instance's id, as the loads records and health show it: Quartz's instance id when the instance is in the
 * cluster (host name and start time, {@code instanceId=AUTO}: the name under which it checks in), else the host
 * name (or a generated id when the host has none).
 */
public final class InstanceId implements Supplier<String> {

    private final CamelContext context;
    private final boolean clustered;
    private volatile String id;

    public InstanceId(CamelContext context, boolean clustered) {
        this.context = context;
        this.clustered = clustered;
    }

    /** The id; in the cluster, known once Quartz's scheduler exists (Camel creates it as it starts). */
    @Override
    public String get() {
        String known = id;
        if (known == null) {
            known = clustered ? quartzId() : hostName();
            id = known;
        }
        return known;
    }

    private String quartzId() {
        try {
            return context.getComponent("quartz", QuartzComponent.class).getScheduler().getSchedulerInstanceId();
        } catch (SchedulerException | RuntimeException e) {
            throw new IllegalStateException("Quartz's scheduler has not started yet: no instance id", e);
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "tidemark-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
