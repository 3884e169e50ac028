package io.tidemark.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import io.tidemark.sql.Dialect;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.utils.DBConnectionManager;

/**
 * Points camel-quartz's scheduler at Quartz's clustered JDBC job store in the target database: every instance
 * with the same scheduler name ({@code camel.main.name}) shares the triggers there, a trigger fires on one
 * instance only, and a table's job ({@code stateful=true}: {@code @DisallowConcurrentExecution}) never runs twice
 * at once anywhere in the cluster ({@link OverlapGuard} makes sure of it after a takeover). Instances that stop
 * checking in are declared dead by the others, which release (and, {@code recoverableJob}, re-run) what the dead
 * one was running.
 *
 * <p>Existing triggers are kept: camel-quartz schedules a table's trigger only when the store has none under its
 * key ({@code tidemark/<table>}), and replaces it only when its interval, repeat count or cron expression differ,
 * so instances started with the same routes do not reset each other's schedules.
 */
public final class ClusteredJobStore {

    /** Quartz worker threads per instance: tables one instance runs at the same time (Quartz's own default). */
    public static final int THREADS = 10;
    /** Job-store connections: one per worker finishing a job, plus the scheduler, check-in and misfire threads. */
    public static final int CONNECTIONS = THREADS + 3;

    private static final String DATA_SOURCE = "tidemark";

    private final ClusterSettings settings;
    private final DataSource pool;
    private final Dialect dialect;

    public ClusteredJobStore(ClusterSettings settings, DataSource pool, Dialect dialect) {
        this.settings = settings;
        this.pool = pool;
        this.dialect = dialect;
    }

    /** The Quartz properties of the clustered scheduler. */
    Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("org.quartz.scheduler.instanceName", settings.name());
        p.put("org.quartz.scheduler.instanceId", "AUTO");
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.put("org.quartz.threadPool.threadCount", String.valueOf(THREADS));
        p.put("org.quartz.threadPool.threadsInheritContextClassLoaderOfInitializingThread", "true");
        p.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.put("org.quartz.jobStore.driverDelegateClass", dialect.cluster().quartzDelegate());
        p.put("org.quartz.jobStore.dataSource", DATA_SOURCE);
        p.put("org.quartz.jobStore.tablePrefix", settings.tablePrefix());
        p.put("org.quartz.jobStore.isClustered", "true");
        // Job data as text, never as serialized Java objects, which whoever can write these tables could plant.
        p.put("org.quartz.jobStore.useProperties", "true");
        p.put("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(settings.checkinIntervalMs()));
        // Instances take the next trigger in turns (a row lock), rather than racing for it.
        p.put("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.put("org.quartz.jobStore.misfireThreshold", "60000");
        return p;
    }

    /** Creates Quartz's tables if missing and configures camel-quartz; call before Camel starts. */
    public void install(CamelContext context) {
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        new QuartzTables(pool, settings.tablePrefix(), dialect.cluster()).createMissing();
        SerialFilter.install();
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new JobStoreConnections(pool));
        quartz.setProperties(properties());
        quartz.addScheduleInitTask(scheduler -> scheduler.getListenerManager()
                .addTriggerListener(new OverlapGuard(pool, settings, dialect)));
        quartz.addScheduleInitTask(new TextJobData());
        quartz.addScheduleInitTask(new StaleTriggers(context));
        // The scheduler's name is the cluster's name as it is (camel-quartz would append the context's name).
        quartz.setPrefixInstanceName(false);
    }
}
