package io.tidemark;

import io.tidemark.modes.RunOptions;
import io.tidemark.api.ManagementPort;
import io.tidemark.cluster.ClusterMembers;
import io.tidemark.cluster.ClusterSettings;
import io.tidemark.cluster.ClusteredJobStore;
import io.tidemark.cluster.InstanceId;
import io.tidemark.cluster.LocalRun;
import io.tidemark.cluster.StartupLock;
import io.tidemark.embedded.EmbeddedDefault;
import io.tidemark.health.ClusterHealthCheck;
import io.tidemark.health.DatabaseHealthCheck;
import io.tidemark.source.Catalog;
import io.tidemark.source.PageReader;
import io.tidemark.sql.ConnectionPool;
import io.tidemark.sql.DatabaseProbe;
import io.tidemark.sql.Dialect;
import io.tidemark.sql.Dialects;
import io.tidemark.sql.Failures;
import io.tidemark.sql.PositionalParameters;
import io.tidemark.table.TableRegistry;
import io.tidemark.run.TableStart;
import io.tidemark.table.TablesFile;
import io.tidemark.status.TableStatus;
import io.tidemark.run.Rejects;
import io.tidemark.run.SourcePages;
import io.tidemark.run.TableSync;
import io.tidemark.store.BatchWriter;
import io.tidemark.store.BulkLoad;
import io.tidemark.store.DeadLetters;
import io.tidemark.store.StateStore;
import io.tidemark.store.TargetSchema;
import io.tidemark.store.TargetTransaction;
import java.util.List;
import java.util.Set;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tidemark.status.RetryLog;
import io.tidemark.table.Schedule;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires Tidemark's beans from application.properties, in dependency order; the routes in
 * routes/*.camel.yaml refer to them by the names bound here.
 */
public class TidemarkConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(TidemarkConfiguration.class);

    /** How long the start-up connection attempt waits for a database to answer. */
    private static final long PROBE_TIMEOUT_MS = 5000;

    @Override
    public void configure(CamelContext context) {
        Settings settings = new Settings(context);
        RunOptions options = RunOptions.of(context);
        ManagementPort.requireFree(context);
        // One meter registry for Camel's, the pools' and the tables' metrics: camel-micrometer-prometheus
        // serves the registry bound under this name at /observe/metrics.
        PrometheusMeterRegistry meters = context.getRegistry().lookupByNameAndType("metricsRegistry",
                PrometheusMeterRegistry.class);
        if (meters == null) {
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            context.getRegistry().bind("metricsRegistry", meters);
        }
        TablesFile.requireNotEmpty(java.nio.file.Path.of(settings.optional("tidemark.tables.file",
                "routes/tables.camel.yaml")));
        EmbeddedDefault.requireBothOrNeither(settings.text("tidemark.source.url"), settings.text("tidemark.target.url"),
                options.check());
        ConnectionPool pool = new ConnectionPool(settings.integer("tidemark.pool.maximum-size"),
                settings.integer("tidemark.pool.minimum-idle"), settings.number("tidemark.pool.connection-timeout-ms"),
                settings.number("tidemark.pool.max-lifetime-ms"), settings.number("tidemark.pool.idle-timeout-ms"));
        // Neither database configured: the embedded demo's server starts here, once.
        String sourceUrl = settings.text("tidemark.source.url");
        String targetUrl = settings.text("tidemark.target.url");
        if (EmbeddedDefault.isEmbedded(sourceUrl)) {
            EmbeddedDefault.Urls demo = EmbeddedDefault.start();
            sourceUrl = demo.sourceUrl();
            targetUrl = demo.targetUrl();
        }
        // One dialect per side, from its URL; sessions read and write in UTC, the target's strictly (see CatalogSql).
        Dialect sourceDialect = Dialects.forUrl(sourceUrl);
        Dialect targetDialect = Dialects.forUrl(targetUrl);
        DataSource source = open(pool, "source", sourceUrl, settings, sourceDialect, meters);
        DataSource target = open(pool, "target", targetUrl, settings, targetDialect, meters);
        // One connection attempt each, before anything waits on a pool: a refusal stops start-up with one line.
        java.util.Optional<String> down = options.check() ? java.util.Optional.empty()
                : DatabaseProbe.probe("source", (HikariDataSource) source, PROBE_TIMEOUT_MS)
                .or(() -> DatabaseProbe.probe("target", (HikariDataSource) target, PROBE_TIMEOUT_MS));
        String loadId = settings.text("tidemark.lineage.load-id-column");
        String rowId = settings.text("tidemark.lineage.row-id-column");
        ClusterSettings cluster = ClusterSettings.read(context);
        InstanceId instance = new InstanceId(context, cluster.joins());
        StateStore state = new StateStore(target, targetDialect, settings.text("tidemark.state-table"),
                settings.text("tidemark.loads-table"), settings.text("tidemark.ranges-table"), instance);
        TargetSchema schema = new TargetSchema(target, targetDialect, loadId, rowId,
                settings.text("tidemark.source-columns-table"));
        DeadLetters deadLetters = new DeadLetters(target, targetDialect, settings.text("tidemark.dead-letter-table"));
        TargetTransaction transaction = new TargetTransaction(target);
        Set<String> replay = options.replay();
        Set<String> resync = options.resync();
        TableStatus status = new TableStatus(meters);
        Long maxLag = Schedule.intervalMillis(settings.text("tidemark.health.max-lag"));
        if (maxLag == null) {
            throw new IllegalStateException("tidemark.health.max-lag must be a duration such as 15m");
        }
        // A database that does not answer at start-up makes its tables wait for it, their routes retried by the
        // supervising route controller; a one-shot run does not wait, it stops (exit code 2).
        TableRegistry tables = new TableRegistry(new Catalog(source, sourceDialect), sourceDialect, schema, state,
                deadLetters, status,
                Duration.ofMillis(maxLag), !cluster.oneShot());
        if (down.isPresent() && !cluster.oneShot()) {
            LOG.warn("A database does not answer: {}; Tidemark starts, and its tables wait for it (health shows "
                    + "why until then)", down.get());
            tables.databaseDown(down.get());
        }
        tables.expect("--replay", replay);
        tables.expect("--resync", resync);
        context.addLifecycleStrategy(new TableStart(tables));

        context.getCamelContextExtension().getContextPlugin(Model.class).addModelLifecycleStrategy(tables);
        Registry registry = context.getRegistry();
        registry.bind("sourceDataSource", source);
        registry.bind("targetDataSource", target);
        registry.bind("sourceDialect", sourceDialect);
        registry.bind("targetDialect", targetDialect);
        registry.bind("failures", Failures.INSTANCE);
        registry.bind("positionalParameters", new PositionalParameters());
        registry.bind("retryLog", new RetryLog(List.of(source, target)));
        registry.bind("tableRegistry", tables);
        registry.bind("tableStatus", status);
        registry.bind("stateStore", state);
        registry.bind("deadLetters", deadLetters);
        registry.bind("targetTransaction", transaction);
        registry.bind("sourceHealth", new DatabaseHealthCheck("source", source, sourceDialect));
        registry.bind("targetHealth", new DatabaseHealthCheck("target", target, targetDialect));
        registry.bind("instanceId", instance);
        registry.bind("clusterHealth", cluster(context, cluster, instance, pool, settings, targetUrl,
                targetDialect, meters));
        // Pages read ahead (see PageReader): at most one per running table, each on its own source connection.
        PageReader pages = new PageReader(source,
                context.getExecutorServiceManager().newCachedThreadPool(this, "tidemark-read-ahead"));
        BatchWriter writer = new BatchWriter(target, targetDialect, loadId, rowId);
        registry.bind("tableSync", new TableSync(tables, state, schema, status,
                new SourcePages(source, sourceDialect, pages, writer, loadId, rowId),
                new Rejects(source, target, sourceDialect, deadLetters, transaction, writer),
                new BulkLoad(target, targetDialect), writer, settings.integer("tidemark.bulk.batch-rows"),
                settings.integer("tidemark.bulk.parallelism"), replay,
                resync));
    }

    /**
     * With tidemark.cluster.enabled, Quartz keeps its triggers in the target database, through a small pool of its
     * own: its check-ins must never wait behind runs holding the target pool's connections, or the others would
     * declare this instance dead and start its tables while they still run here. A one-shot run stays local.
     */
    private static ClusterHealthCheck cluster(CamelContext context, ClusterSettings cluster, InstanceId instance,
                                              ConnectionPool pool, Settings settings, String targetUrl,
                                              Dialect dialect, MeterRegistry meters) {
        if (!cluster.enabled()) {
            return new ClusterHealthCheck(instance, null, cluster.name());
        }
        DataSource jobStore = open(new ConnectionPool(ClusteredJobStore.CONNECTIONS, 1, pool.connectionTimeoutMs(),
                pool.maxLifetimeMs(), pool.idleTimeoutMs()), "target", "tidemark-cluster", targetUrl, settings,
                dialect, meters);
        ClusterMembers members = new ClusterMembers(jobStore, cluster, dialect);
        if (cluster.oneShot()) {
            try {
                new LocalRun(members).checkClusterStopped();
            } finally {
                ((HikariDataSource) jobStore).close();
            }
            LOG.info("Clustering is enabled, but a one-shot run runs every table here, outside the cluster");
            return new ClusterHealthCheck(instance, null, cluster.name());
        }
        try {
            context.addStartupListener(StartupLock.take(jobStore, cluster, dialect));
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        new ClusteredJobStore(cluster, jobStore, dialect).install(context);
        context.getRegistry().bind("clusterMembers", members); // the alerts watch them too
        LOG.info("Cluster '{}': Quartz's job store is in the target database (tables {}*), check-in every {} ms",
                cluster.name(), cluster.tablePrefix(), cluster.checkinIntervalMs());
        return new ClusterHealthCheck(instance, members, cluster.name());
    }

    private static DataSource open(ConnectionPool pool, String which, String url, Settings settings, Dialect dialect,
                                   MeterRegistry meters) {
        return open(pool, which, "tidemark-" + which, url, settings, dialect, meters);
    }

    /** A pool with its dialect's session set-up and driver settings (the target's: see the bulk path). */
    private static DataSource open(ConnectionPool pool, String which, String poolName, String url,
                                   Settings settings, Dialect dialect, MeterRegistry meters) {
        LOG.info("{} database: {}", which.equals("source") ? "Source" : "Target", ConnectionPool.redact(url));
        String password = settings.optional("tidemark." + which + ".password",
                System.getenv(which.toUpperCase() + "_DB_PASSWORD"));
        boolean target = which.equals("target");
        return pool.open(poolName, url, settings.text("tidemark." + which + ".user"), password,
                dialect.catalog().sessionInit(target), meters,
                dialect.catalog().driverProperties(poolName.equals("tidemark-target")));
    }

    /** Reads settings through Camel's property placeholders (so -D and environment overrides apply). */
    private record Settings(CamelContext context) {
        String text(String key) {
            return context.getPropertiesComponent().resolveProperty(key)
                    .orElseThrow(() -> new IllegalStateException("setting " + key + " is missing from application.properties"));
        }

        String optional(String key, String fallback) {
            return context.getPropertiesComponent().resolveProperty(key).orElse(fallback == null ? "" : fallback);
        }

        /** A comma-separated list of table names; empty when the setting is absent. */
        int integer(String key) {
            return Integer.parseInt(text(key).trim());
        }

        long number(String key) {
            return Long.parseLong(text(key).trim());
        }
    }
}
