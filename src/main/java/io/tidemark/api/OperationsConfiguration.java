package io.tidemark.api;

import io.tidemark.sql.Dialect;
import io.tidemark.sql.MySqlDialect;
import io.tidemark.table.Pauses;
import io.tidemark.table.ProgressLog;
import io.tidemark.table.RunTrigger;
import io.tidemark.table.Schedule;
import io.tidemark.table.TableRegistry;
import io.tidemark.table.TableStatus;
import io.tidemark.table.TableSync;
import io.tidemark.target.DeadLetters;
import io.tidemark.target.StateStore;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * Wires what operators use, after {@code TidemarkConfiguration} (whose beans it takes from the registry): pauses
 * and progress for the route template and routes/progress.camel.yaml, and the REST API and dashboard of
 * routes/api.camel.yaml.
 */
public class OperationsConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        Registry registry = context.getRegistry();
        TableRegistry tables = registry.lookupByNameAndType("tableRegistry", TableRegistry.class);
        TableStatus status = registry.lookupByNameAndType("tableStatus", TableStatus.class);
        StateStore state = registry.lookupByNameAndType("stateStore", StateStore.class);
        DeadLetters deadLetters = registry.lookupByNameAndType("deadLetters", DeadLetters.class);
        DataSource source = registry.lookupByNameAndType("sourceDataSource", DataSource.class);
        DataSource target = registry.lookupByNameAndType("targetDataSource", DataSource.class);
        Dialect dialect = new MySqlDialect();

        Pauses pauses = new Pauses(target, dialect, setting(context, "tidemark.paused-table", "_tidemark_paused"), tables,
                status);
        String every = setting(context, "tidemark.progress.interval", "10s");
        Long interval = Schedule.intervalMillis(every);
        if (interval == null) {
            throw new IllegalStateException("tidemark.progress.interval '" + every + "' must be a duration such as 10s");
        }
        registry.bind("pauses", pauses);
        registry.bind("progressLog", new ProgressLog(status, source, dialect, state, Duration.ofMillis(interval)));

        TablesApi api = new TablesApi(tables, status, state, deadLetters, pauses);
        String token = context.getPropertiesComponent().resolveProperty("tidemark.api.token")
                .orElse(System.getenv("TIDEMARK_API_TOKEN"));
        registry.bind("apiToken", new ApiToken(token));
        registry.bind("apiErrors", new ApiErrors());
        registry.bind("tablesApi", api);
        RunTrigger trigger = new RunTrigger(context, tables, registry.lookupByNameAndType("tableSync", TableSync.class));
        registry.bind("runTrigger", trigger);
        registry.bind("tableActions", new TableActions(api, status, pauses, deadLetters, trigger));
        registry.bind("servedFiles", new ServedFiles());
    }

    private static String setting(CamelContext context, String key, String fallback) {
        return context.getPropertiesComponent().resolveProperty(key).orElse(fallback).trim();
    }
}
