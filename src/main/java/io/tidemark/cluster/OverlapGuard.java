package io.tidemark.cluster;

import io.tidemark.sql.Dialect;
import javax.sql.DataSource;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Trigger;
import org.quartz.listeners.TriggerListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Skips a table's run while Quartz's job store records another execution of the same table, on any instance.
 *
 * <p>{@code @DisallowConcurrentExecution} alone is not enough in a cluster. When an instance dies during a run,
 * the instance that takes over releases the table's trigger and adds a one-shot recovery trigger for the cut-off
 * run; seen in ClusterIT, two instances fired both at the same moment, and from then on each end of a run released
 * the trigger while the other run still went on (Quartz keeps "blocked" as a state, not a count), so runs of one
 * table overlapped for as long as they kept overlapping. Every firing is recorded (EXECUTING) and committed before
 * the job starts, and this check runs after that, in its own transaction: of two firings of one table, the later
 * one to check always sees the other and is skipped (both may be, which only delays the run to the next firing).
 */
final class OverlapGuard extends TriggerListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(OverlapGuard.class);

    private final JdbcTemplate jobStore;
    private final ClusterSettings settings;
    private final String othersExecuting;

    OverlapGuard(DataSource jobStore, ClusterSettings settings, Dialect dialect) {
        this.jobStore = new JdbcTemplate(jobStore);
        this.settings = settings;
        this.othersExecuting = dialect.cluster().otherRunsExecuting(settings.tablePrefix());
    }

    @Override
    public String getName() {
        return "tidemark-overlap-guard";
    }

    @Override
    public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
        JobKey job = context.getJobDetail().getKey();
        try {
            Integer others = jobStore.queryForObject(othersExecuting, Integer.class, settings.name(),
                    job.getName(), job.getGroup(), context.getFireInstanceId());
            if (others != null && others > 0) {
                LOG.info("{}: run skipped, another run of it is still going on in the cluster", job.getName());
                return true;
            }
            return false;
        } catch (RuntimeException e) {
            LOG.warn("{}: run skipped, cannot tell whether another run of it is going on: {}", job.getName(),
                    e.getMessage());
            return true;
        }
    }
}
