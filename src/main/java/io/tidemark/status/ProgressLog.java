package io.tidemark.status;

import io.tidemark.sql.Dialect;
import io.tidemark.sql.Failures;
import io.tidemark.store.StateStore;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every few seconds (routes/timers.camel.yaml), one line per run that has been going on longer than that:
 * rows done of an estimated total, rows per second and the time left. The estimate is taken here, once per run,
 * so the run itself never waits for it; the API shows the same figures.
 */
public final class ProgressLog {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);

    private final TableStatus status;
    private final RunEstimate estimate;
    private final Duration interval;

    public ProgressLog(TableStatus status, DataSource source, Dialect dialect, StateStore state, Duration interval) {
        this.status = status;
        this.estimate = new RunEstimate(source, dialect, state);
        this.interval = interval;
    }

    public void report() {
        for (RunProgress progress : status.running()) {
            if (Duration.between(progress.run().started(), Instant.now()).compareTo(interval) < 0) {
                continue;
            }
            if (!progress.estimated()) {
                try {
                    progress.estimate(estimate.rows(progress.run()));
                } catch (RuntimeException e) {
                    progress.estimate(null);
                    LOG.debug("{}: no estimate of the run's rows: {}", progress.table(), Failures.describe(e));
                }
            }
            LOG.info(line(progress.now()));
        }
    }

    /** {@code orders: initial load, 1,200,000 of about 5,000,000 rows (24%), 41,000.0 rows/s, about 1m 33s left}. */
    static String line(RunProgress.Progress p) {
        StringBuilder line = new StringBuilder(p.table()).append(": ").append(p.mode()).append(", ")
                .append(String.format("%,d", p.rowsDone()));
        if (p.estimatedTotal() != null && p.estimatedTotal() > 0) {
            line.append(String.format(" of about %,d rows (%d%%)", p.estimatedTotal(), p.percent()));
        } else {
            line.append(" rows");
        }
        line.append(String.format(", %,.0f rows/s", p.rowsPerSecond()));
        if (p.secondsLeft() != null && p.estimatedTotal() != null && p.estimatedTotal() > 0) {
            line.append(", about ").append(duration(p.secondsLeft())).append(" left");
        }
        return line.toString();
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
    }
}
