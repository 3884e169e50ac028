package io.tidemark.table;

import io.tidemark.cluster.ClusterSettings;
import io.tidemark.modes.RunOptions;
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
 * A table's trigger, as the placeholder function {@code {{trigger:tidemark/orders|30s}}} used by the route template:
 * the endpoint the table's route starts from, {@code quartz:tidemark/orders?stateful=true&} followed by the
 * {@code schedule} turned into Quartz options. An interval ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h})
 * becomes a repeating simple trigger, anything else a cron expression; in a cluster the job is recoverable. In
 * one-shot mode ({@link RunOptions#once}) there is no schedule and no Quartz: the route starts from
 * {@code direct:tidemark/orders}, which {@code OnceMode} calls once. The schedule follows the last {@code |} (a cron
 * expression has none); Camel splits an endpoint URI at its {@code ?} before it resolves a function, so the
 * function's input has none.
 */
@org.apache.camel.spi.annotations.PropertiesFunction("trigger")
public final class Schedule implements PropertiesFunction, CamelContextAware {

    private static final Pattern INTERVAL = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private CamelContext context;

    @Override
    public String getName() {
        return "trigger";
    }

    /** {@code JOB|SCHEDULE}: the endpoint URI of the route that runs Quartz job JOB on SCHEDULE. */
    @Override
    public String apply(String jobAndSchedule) {
        int bar = jobAndSchedule.lastIndexOf('|');
        if (bar <= 0) {
            throw new IllegalArgumentException("{{trigger:...}} expects GROUP/NAME|SCHEDULE, not " + jobAndSchedule);
        }
        String job = jobAndSchedule.substring(0, bar);
        if (RunOptions.of(context).once()) {
            return "direct:" + job;
        }
        return "quartz:" + job + "?stateful=true&" + options(jobAndSchedule.substring(bar + 1));
    }

    /** The Quartz trigger options of a schedule. */
    String options(String schedule) {
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
