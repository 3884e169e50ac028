package io.tidemark.cluster;

import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.component.quartz.SchedulerInitTask;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes from the shared job store the triggers of tables this instance no longer has (a table taken out of
 * routes/tables.camel.yaml): the store outlives every instance, and such a trigger would keep firing on some
 * instance with no route to run. Only the groups this instance's routes use are looked at, so Quartz's own
 * recovery triggers stay. The instance that starts last decides: every instance must run the same tables.
 */
final class StaleTriggers implements SchedulerInitTask {

    private static final Logger LOG = LoggerFactory.getLogger(StaleTriggers.class);

    private final CamelContext context;

    StaleTriggers(CamelContext context) {
        this.context = context;
    }

    @Override
    public void initializeTask(Scheduler scheduler) throws SchedulerException {
        Set<TriggerKey> used = context.getRoutes().stream().map(Route::getEndpoint)
                .filter(QuartzEndpoint.class::isInstance).map(e -> ((QuartzEndpoint) e).getTriggerKey())
                .collect(Collectors.toSet());
        for (String group : used.stream().map(TriggerKey::getGroup).collect(Collectors.toSet())) {
            for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(group))) {
                if (!used.contains(key) && scheduler.unscheduleJob(key)) {
                    LOG.info("Removed table {} from the cluster's schedule: no route of this instance runs it",
                            key.getName());
                }
            }
        }
    }
}
