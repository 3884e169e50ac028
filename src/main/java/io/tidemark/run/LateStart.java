package io.tidemark.run;

import io.tidemark.table.TableRegistry;

import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.RouteStartedEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.SchedulerException;
import org.quartz.listeners.JobListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table whose route starts after its trigger fired runs at once when the route starts, then on its schedule.
 * <p>
 * A table's trigger is scheduled when its route first tries to start (its endpoint starts), to fire half a second
 * later, and camel-quartz drops a firing that finds no started consumer. A table that waits for a database fails
 * that attempt, and its route starts only at a later attempt of the route controller: its first run would be
 * lost, and with {@code schedule: 1h} it would sync an hour after its database came back. So every firing of a job
 * that no started route's consumer takes is noted here, on the instance that took it, and when a route of that
 * job starts, it runs once at once through its own trigger ({@link RunTrigger}; stateful, so never beside
 * another run of the table). A firing noted while the consumer was just starting may add one run; none is lost.
 * <p>
 * A firing that camel-quartz skips because Quartz fired it a moment early (see {@link #early}) is made up for the
 * same way, at once.
 * <p>
 * Not used in one-shot mode, where Quartz waits until every route has started ({@link OnceMode}).
 */
public final class LateStart extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(LateStart.class);

    private final CamelContext context;
    private final TableRegistry tables;
    private final RunTrigger trigger;
    /** The jobs that fired while no started route's consumer could take them. */
    private final Set<JobKey> missed = ConcurrentHashMap.newKeySet();

    public LateStart(CamelContext context, TableRegistry tables, RunTrigger trigger) {
        this.context = context;
        this.tables = tables;
        this.trigger = trigger;
        setIgnoreExchangeEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreCamelContextEvents(true);
        setIgnoreServiceEvents(true);
    }

    /** For Quartz's listener manager: notes each firing of a job that no started route's consumer takes. */
    public JobListenerSupport firings() {
        return new JobListenerSupport() {
            @Override
            public String getName() {
                return "tidemark-late-start";
            }

            @Override
            public void jobToBeExecuted(JobExecutionContext firing) {
                // a route that failed to start is not among the context's routes at all
                JobKey job = firing.getJobDetail().getKey();
                Optional<Route> taker = context.getRoutes().stream()
                        .filter(route -> job.equals(RunTrigger.jobKey(route)))
                        .filter(route -> ServiceHelper.isStarted(route.getConsumer())).findFirst();
                if (taker.isEmpty()) {
                    missed.add(job);
                } else if (early(firing)) {
                    runNow(taker.get(),
                            "its trigger fired a moment before its start time, a firing camel-quartz skips");
                }
            }
        };
    }

    /**
     * Quartz fires a trigger when it is due within 2 ms, and camel-quartz skips a firing whose time is before its
     * trigger's start time ("Trigger exists outside StartTime"): a table's first firing can be lost that way.
     */
    private static boolean early(JobExecutionContext firing) {
        Date start = firing.getTrigger().getStartTime();
        return start != null && firing.getFireTime().before(start);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof RouteStartedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Route route = ((RouteStartedEvent) event).getRoute();
        JobKey job = RunTrigger.jobKey(route);
        if (job != null && missed.remove(job)) {
            runNow(route, "its route started after its schedule fired");
        }
    }

    private void runNow(Route route, String why) {
        String table = tables.tablesByRouteId().getOrDefault(route.getRouteId(), route.getRouteId());
        try {
            trigger.now(route.getRouteId(), RunTrigger.Request.RUN);
            LOG.info("{}: {}; it runs now, then on its schedule", table, why);
        } catch (SchedulerException | RuntimeException e) {
            LOG.warn("{}: {}, but a run could not be started now ({}); it runs on its schedule", table, why,
                    e.getMessage());
        }
    }
}
