package io.tidemark.run;

import io.tidemark.table.TableRegistry;
import io.tidemark.table.TableSpec;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;

/**
 * Runs a table now: fires its Quartz job once, outside its schedule, through its own route. The job is
 * {@code stateful}, so this run never overlaps another run of the table. A resync or a replay travels with the
 * trigger, so in a cluster the instance that takes the run does it ({@link #take}).
 */
public final class RunTrigger {

    /** What a run started here is for, in its trigger's data. */
    public enum Request { RUN, RESYNC, REPLAY, VERIFY, VERIFY_FORCED }

    private static final String REQUEST = "tidemark.request";

    private final CamelContext context;
    private final TableRegistry tables;
    private final TableSync sync;

    public RunTrigger(CamelContext context, TableRegistry tables, TableSync sync) {
        this.context = context;
        this.tables = tables;
        this.sync = sync;
    }

    public void now(String routeId, Request request) throws SchedulerException {
        Route route = context.getRoute(routeId);
        JobKey job = route == null ? null : jobKey(route);
        if (job == null) {
            throw new IllegalStateException("route " + routeId + " is not a table's scheduled route");
        }
        ((QuartzEndpoint) route.getEndpoint()).getComponent().getScheduler().triggerJob(job,
                new JobDataMap(Map.of(REQUEST, request.name())));
    }

    /** The Quartz job of a table's scheduled route (the job its trigger fires), or null for another route. */
    static JobKey jobKey(Route route) {
        if (route.getEndpoint() instanceof QuartzEndpoint quartz) {
            TriggerKey key = quartz.getTriggerKey();
            return JobKey.jobKey(key.getName(), key.getGroup());
        }
        return null;
    }

    /**
     * The route template's step before {@code begin}: a run started for a resync or a replay asks for it; one
     * started for a verification marks the exchange for the step after {@code finish}.
     */
    public void take(Exchange exchange) {
        if (exchange.getMessage().getHeader("mergedJobDataMap") instanceof Map<?, ?> data
                && data.get(REQUEST) instanceof String request) {
            TableSpec spec = tables.byRouteId().get(exchange.getFromRouteId());
            if (spec != null && request.equals(Request.RESYNC.name())) {
                sync.requestResync(spec.table());
            } else if (spec != null && request.equals(Request.REPLAY.name())) {
                sync.requestReplay(spec.table());
            } else if (request.equals(Request.VERIFY.name()) || request.equals(Request.VERIFY_FORCED.name())) {
                // the run ends with a verification (io.tidemark.verify.VerificationRuns)
                exchange.setProperty("tidemark.verify", request.equals(Request.VERIFY.name()) ? "verify" : "force");
            }
        }
    }
}
