package io.tidemark.table;

import io.tidemark.cluster.ClusterSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.spi.PropertiesFunction;
import org.quartz.CronExpression;

/**
 * Turns a table's {@code schedule} into Quartz endpoint options, as the placeholder function
 * {@code {{trigger:30s}}} used by the route template: an interval ({@code 500ms}, {@code 30s}, {@code 5m},
 * {@code 1h}) becomes a repeating simple trigger, anything else a cron expression. In one-shot mode
 * ({@code tidemark.once=true}) every table fires exactly once, at start. In a cluster the job is recoverable.
 */
@org.apache.camel.spi.annotations.PropertiesFunction("trigger")
public final class Schedule implements PropertiesFunction, CamelContextAware {

    private static final Pattern INTERVAL = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private CamelContext context;

    @Override
    public String getName() {
        return "trigger";
    }

    @Override
    public String apply(String schedule) {
        if (Boolean.parseBoolean(context.resolvePropertyPlaceholders("{{tidemark.once:false}}"))) {
            return "trigger.repeatCount=0&trigger.repeatInterval=1";
        }
        Long millis = intervalMillis(schedule);
        String trigger = millis != null ? "trigger.repeatInterval=" + millis + "&trigger.repeatCount=-1"
                : "cron=" + URLEncoder.encode(schedule.trim(), StandardCharsets.UTF_8);
        // In a cluster, a run cut short by its instance's death is run again at once by another instance.
        return ClusterSettings.joins(context) ? trigger + "&recoverableJob=true" : trigger;
    }

    public static boolean valid(String schedule) {
        return intervalMillis(schedule) != null || CronExpression.isValidExpression(schedule.trim());
    }

    /** The interval in milliseconds, or null when the schedule is not an interval. */
    public static Long intervalMillis(String schedule) {
        Matcher m = INTERVAL.matcher(schedule.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            default -> 3_600_000L;
        };
        return n * unit > 0 ? n * unit : null;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.context = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }
}
