package io.tidemark.verify;

import io.tidemark.alert.Alerts;
import io.tidemark.alert.Condition;
import io.tidemark.modes.RunOptions;
import io.tidemark.sql.Dialect;
import io.tidemark.run.TableSync;
import io.tidemark.status.TableStatus;
import io.tidemark.store.StateStore;
import io.tidemark.table.Schedule;
import io.tidemark.table.TableRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/** Wires verification and repair (bean {@code verifications}) after {@code TidemarkConfiguration}. */
public class VerifyConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        Registry registry = context.getRegistry();
        DataSource source = registry.lookupByNameAndType("sourceDataSource", DataSource.class);
        DataSource target = registry.lookupByNameAndType("targetDataSource", DataSource.class);
        // Each server is spoken to in its own dialect; servers of one engine hash their rows alike.
        Dialect sourceDialect = registry.lookupByNameAndType("sourceDialect", Dialect.class);
        Dialect dialect = registry.lookupByNameAndType("targetDialect", Dialect.class);
        String chunkTime = setting(context, "tidemark.verify.chunk-time");
        Long chunkMillis = Schedule.intervalMillis(chunkTime);
        if (chunkMillis == null || chunkMillis < 1) {
            throw new IllegalStateException("tidemark.verify.chunk-time '" + chunkTime + "' must be a duration such "
                    + "as 500ms or 2s");
        }
        double fraction = number(context, "tidemark.verify.max-delete-fraction");
        if (fraction < 0 || fraction > 1) {
            throw new IllegalStateException("tidemark.verify.max-delete-fraction '" + fraction + "' must be between "
                    + "0 and 1 (0.1: refuse to delete more than 10% of a table's rows at once)");
        }
        int maxDifferences = (int) number(context, "tidemark.verify.max-differences");
        Verifier verifier = new Verifier(source, target, sourceDialect, dialect, Duration.ofMillis(chunkMillis),
                maxDifferences, context.getExecutorServiceManager().newCachedThreadPool(this, "tidemark-verify"));
        Repairer repairer = new Repairer(source, target, sourceDialect, dialect, fraction,
                setting(context, "tidemark.lineage.load-id-column"),
                setting(context, "tidemark.lineage.row-id-column"));
        VerificationStore store = new VerificationStore(target, dialect,
                setting(context, "tidemark.loads-table"));
        Verifications verifications = new Verifications(source, target, sourceDialect, dialect, verifier, repairer,
                store, setting(context, "tidemark.verify.soft-delete-column"));
        Alerts alerts = registry.lookupByNameAndType("alerts", Alerts.class);
        if (alerts != null) { // differences (or deletes the guard refused) alert once, until a verification is equal
            verifications.observe((table, outcome) -> {
                if (outcome.equal()) {
                    alerts.clear(Condition.VERIFY_DIFFERS, table, table + ": a verification finds it equal");
                } else {
                    alerts.raise(Condition.VERIFY_DIFFERS, table, outcome.line());
                }
            });
        }
        registry.bind("verifications", verifications);
        TableRegistry tables = registry.lookupByNameAndType("tableRegistry", TableRegistry.class);
        TableStatus status = registry.lookupByNameAndType("tableStatus", TableStatus.class);
        RunOptions options = RunOptions.of(context);
        LastVerifications kept = new LastVerifications(target, dialect, setting(context, "tidemark.verifications-table"),
                status, !options.once() && !options.check());
        registry.bind("lastVerifications", kept);
        VerificationRuns runs = new VerificationRuns(tables, verifications, status, kept, !options.once());
        registry.bind("verificationRuns", runs);
        registry.bind("diffRefresh", new DiffRefresh(tables, registry.lookupByNameAndType("tableSync",
                TableSync.class), registry.lookupByNameAndType("stateStore", StateStore.class), status, verifications,
                runs));
    }

    /** A setting application.properties holds (its default is there, and only there). */
    private static String setting(CamelContext context, String key) {
        return context.getPropertiesComponent().resolveProperty(key).orElseThrow(() ->
                new IllegalStateException("setting " + key + " is missing from application.properties")).trim();
    }

    private static double number(CamelContext context, String key) {
        String text = setting(context, key);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(key + " '" + text + "' is not a number");
        }
    }
}
