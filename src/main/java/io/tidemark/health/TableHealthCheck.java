package io.tidemark.health;

import io.tidemark.status.TableStatus;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one table: DOWN while its route cannot start (a database did not answer when the table was to be
 * prepared), while its last run failed, when its last successful run began longer ago than its maxLag, or while
 * the mass-delete guard refused the deletes of its last verification (see docs/verification.md). Details: lag, last success, last run's rows and
 * duration, runs completed, last error (SQLState and message; never a URL or password).
 */
public final class TableHealthCheck extends AbstractHealthCheck {

    private final String table;
    private final TableStatus status;
    private final Duration maxLag;

    public TableHealthCheck(String table, TableStatus status, Duration maxLag) {
        super("tidemark", "table:" + table);
        this.table = table;
        this.status = status;
        this.maxLag = maxLag;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("table", table);
        Duration lag = status.lag(table);
        builder.detail("lag.seconds", lag.toSeconds());
        builder.detail("max.lag.seconds", maxLag.toSeconds());
        String reason = status.notStarted(table).orElse(null);
        if (reason != null) { // its route waits for a database; the route controller retries
            builder.detail("not.started", reason)
                    .message(table + ": not started, its route is retried until it starts: " + reason).down();
            return;
        }
        if (status.paused(table)) { // an operator's choice (the API's pause), not a fault
            builder.detail("paused", true).message(table + ": paused; runs are skipped until it is resumed").up();
            return;
        }
        status.of(table).ifPresentOrElse(snapshot -> {
            TableStatus.Run last = snapshot.last();
            builder.detail("runs", snapshot.runs());
            builder.detail("last.run.rows", last.rows());
            builder.detail("last.run.ms", last.duration().toMillis());
            builder.detail("last.success", snapshot.lastSuccess() == null ? "never" : snapshot.lastSuccess().toString());
            builder.detail("invisible.rows", last.invisibleRows());
            builder.detail("dead.letters", last.deadLetters());
            TableStatus.Verified verified = status.verified(table).orElse(null);
            if (verified != null) {
                builder.detail("last.verification", verified.started().toString());
            }
            if (!last.ok()) {
                builder.detail("last.error", last.error()).message(table + ": last run failed: " + last.error()).down();
            } else if (lag.compareTo(maxLag) > 0) {
                builder.message(table + ": no successful run for " + lag.toSeconds() + " s (maxLag " + maxLag.toSeconds()
                        + " s)").down();
            } else if (verified != null && verified.refused() != null) {
                builder.detail("deletes.refused", verified.refused()).message(table + ": the last verification's "
                        + "deletes were refused: " + verified.refused() + " (or POST /api/tables/" + table
                        + "/verify?force=true)").down();
            } else {
                builder.up();
            }
        }, () -> {
            builder.detail("runs", 0);
            if (lag.compareTo(maxLag) > 0) {
                builder.message(table + ": no successful run since start-up " + lag.toSeconds() + " s ago").down();
            } else {
                builder.up();
            }
        });
    }
}
