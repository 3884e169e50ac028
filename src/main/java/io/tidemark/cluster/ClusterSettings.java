package io.tidemark.cluster;

import io.tidemark.modes.RunOptions;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;

/**
 * The cluster settings, read once from application.properties ({@code tidemark.cluster.*}; the cluster's name is
 * {@code camel.main.name}). A one-shot run ({@code --once}, {@code --replay}, {@code --resync}) never joins the
 * cluster, even when it is enabled: it runs every table here, once, without Quartz, and leaves the
 * cluster's triggers alone (see {@link LocalRun}).
 *
 * @param enabled           {@code tidemark.cluster.enabled}, and this process is not a check ({@link RunOptions#check})
 * @param oneShot           {@link RunOptions#once}: this process runs each table once and exits
 * @param name              the cluster's name: Quartz's scheduler name, the same on every instance
 * @param checkinIntervalMs how often an instance tells the others it is alive
 * @param tablePrefix       prefix of Quartz's tables in the target database
 */
public record ClusterSettings(boolean enabled, boolean oneShot, String name, long checkinIntervalMs,
                              String tablePrefix) {

    /** Quartz pastes the prefix into its SQL unquoted; 45 characters leave room for its longest table name. */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_]{1,45}");

    public ClusterSettings {
        if (!PREFIX.matcher(tablePrefix).matches()) {
            throw new IllegalStateException("tidemark.cluster.table-prefix '" + tablePrefix + "' must be 1 to 45 "
                    + "letters, digits or underscores (Quartz writes it into its SQL as it is)");
        }
        if (checkinIntervalMs < 100) {
            throw new IllegalStateException("tidemark.cluster.checkin-interval-ms must be at least 100");
        }
    }

    public static ClusterSettings read(CamelContext context) {
        RunOptions options = RunOptions.of(context);
        return new ClusterSettings(flag(context, "tidemark.cluster.enabled") && !options.check(), options.once(),
                property(context, "camel.main.name", "tidemark"),
                Long.parseLong(property(context, "tidemark.cluster.checkin-interval-ms", "5000").trim()),
                property(context, "tidemark.cluster.table-prefix", "_tidemark_qrtz_").trim());
    }

    /** True when Quartz keeps its triggers in the shared job store: clustering on, and not a one-shot run. */
    public boolean joins() {
        return enabled && !oneShot;
    }

    /** {@link #joins} from the settings alone, for code that only has the context (the schedule function). */
    public static boolean joins(CamelContext context) {
        return read(context).joins();
    }

    private static boolean flag(CamelContext context, String key) {
        return Boolean.parseBoolean(property(context, key, "false").trim());
    }

    private static String property(CamelContext context, String key, String fallback) {
        return context.getPropertiesComponent().resolveProperty(key).orElse(fallback);
    }
}
