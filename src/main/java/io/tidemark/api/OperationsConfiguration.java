package io.tidemark.api;

import io.tidemark.modes.RunOptions;
import io.tidemark.cluster.ClusterSettings;
import io.tidemark.sql.Dialect;
import io.tidemark.run.LateStart;
import io.tidemark.store.Pauses;
import io.tidemark.status.ProgressLog;
import io.tidemark.run.RunTrigger;
import io.tidemark.table.Schedule;
import io.tidemark.table.TableRegistry;
import io.tidemark.status.TableStatus;
import io.tidemark.run.TableSync;
import io.tidemark.table.TablesFile;
import io.tidemark.store.DeadLetters;
import io.tidemark.store.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires what operators use, after {@code TidemarkConfiguration} (whose beans it takes from the registry): pauses
 * and progress for the route template, live edits of the tables file (routes/timers.camel.yaml), and the REST API
 * and dashboard of routes/api.camel.yaml.
 */
public class OperationsConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(OperationsConfiguration.class);

    @Override
    public void configure(CamelContext context) {
        Registry registry = context.getRegistry();
        TableRegistry tables = registry.lookupByNameAndType("tableRegistry", TableRegistry.class);
        TableStatus status = registry.lookupByNameAndType("tableStatus", TableStatus.class);
        StateStore state = registry.lookupByNameAndType("stateStore", StateStore.class);
        DeadLetters deadLetters = registry.lookupByNameAndType("deadLetters", DeadLetters.class);
        DataSource source = registry.lookupByNameAndType("sourceDataSource", DataSource.class);
        DataSource target = registry.lookupByNameAndType("targetDataSource", DataSource.class);
        Dialect sourceDialect = registry.lookupByNameAndType("sourceDialect", Dialect.class);
        Dialect targetDialect = registry.lookupByNameAndType("targetDialect", Dialect.class);

        Pauses pauses = new Pauses(target, targetDialect, setting(context, "tidemark.paused-table"),
                tables, status);
        String every = setting(context, "tidemark.progress.interval");
        Long interval = Schedule.intervalMillis(every);
        if (interval == null) {
            throw new IllegalStateException("tidemark.progress.interval '" + every + "' must be a duration such as 10s");
        }
        registry.bind("pauses", pauses);
        registry.bind("progressLog", new ProgressLog(status, source, sourceDialect, state,
                Duration.ofMillis(interval)));
        registry.bind("tablesFile", tablesFile(context, tables));

        TablesApi api = new TablesApi(tables, status, state, deadLetters, pauses);
        String token = context.getPropertiesComponent().resolveProperty("tidemark.api.token")
                .orElse(System.getenv("TIDEMARK_API_TOKEN"));
        ApiToken apiToken = new ApiToken(token);
        registry.bind("apiToken", apiToken);
        registry.bind("httpGuard", httpGuard(context, apiToken));
        registry.bind("apiErrors", new ApiErrors());
        registry.bind("tablesApi", api);
        RunTrigger trigger = new RunTrigger(context, tables, registry.lookupByNameAndType("tableSync", TableSync.class));
        registry.bind("runTrigger", trigger);
        lateStart(context, tables, trigger);
        registry.bind("tableActions", new TableActions(api, status, pauses, deadLetters, trigger));
        registry.bind("servedFiles", new ServedFiles());
    }

    /**
     * A table whose route starts after its trigger fired (it waited for a database) runs once as soon as its route
     * starts. Not in one-shot mode: Quartz waits there until every route has started, and a run more would count.
     */
    private static void lateStart(CamelContext context, TableRegistry tables, RunTrigger trigger) {
        if (RunOptions.of(context).once()) {
            return;
        }
        LateStart late = new LateStart(context, tables, trigger);
        context.getManagementStrategy().addEventNotifier(late);
        context.getComponent("quartz", QuartzComponent.class).addScheduleInitTask(scheduler ->
                scheduler.getListenerManager().addJobListener(late.firings()));
    }

    /** Live edits of the tables file, unless switched off, in a cluster (restart each instance) or in one-shot mode. */
    private static TablesFile tablesFile(CamelContext context, TableRegistry tables) {
        boolean live = Boolean.parseBoolean(setting(context, "tidemark.tables.live-edits"));
        if (live && ClusterSettings.joins(context)) {
            LOG.info("Live edits of the tables file are off in a cluster: restart each instance after an edit");
            live = false;
        }
        live &= !RunOptions.of(context).once();
        return new TablesFile(context, tables, Path.of(setting(context, "tidemark.tables.file")), live);
    }

    /**
     * The guard in front of the management server. Listening beyond this machine without a token would show row
     * data to anyone who reaches the port: refused at start.
     */
    private static HttpGuard httpGuard(CamelContext context, ApiToken token) {
        String host = setting(context, "camel.management.host");
        if (!token.enabled() && !loopback(host)) {
            throw new IllegalStateException("camel.management.host (TIDEMARK_MANAGEMENT_HOST) is " + host + ", reachable "
                    + "from other machines, but no API token is set: set TIDEMARK_API_TOKEN to a long random secret "
                    + "(e.g. `openssl rand -hex 24`), or listen on 127.0.0.1");
        }
        Set<String> allowed = Arrays.stream(setting(context, "tidemark.api.allowed-hosts",
                        Objects.requireNonNullElse(System.getenv("TIDEMARK_API_ALLOWED_HOSTS"), "")).split(","))
                .map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).collect(Collectors.toSet());
        String maxBody = setting(context, "tidemark.api.max-body-bytes");
        long limit;
        try {
            limit = Long.parseLong(maxBody);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("tidemark.api.max-body-bytes '" + maxBody + "' must be a whole number of bytes");
        }
        return new HttpGuard(token, allowed, limit, Integer.parseInt(setting(context, "camel.management.port")),
                setting(context, "camel.management.path", "/observe"));
    }

    private static boolean loopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    /** A setting application.properties holds (its default is there, and only there). */
    private static String setting(CamelContext context, String key) {
        return context.getPropertiesComponent().resolveProperty(key).orElseThrow(() ->
                new IllegalStateException("setting " + key + " is missing from application.properties")).trim();
    }

    private static String setting(CamelContext context, String key, String fallback) {
        return context.getPropertiesComponent().resolveProperty(key).orElse(fallback).trim();
    }
}
