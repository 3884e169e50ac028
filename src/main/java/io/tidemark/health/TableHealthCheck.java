package io.tidemark.health;

import io.tidemark.table.TableStatus;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one table: DOWN while its last run failed. Details: last success, last run's rows and
 * duration, runs completed, last error (SQLState and message; never a URL or password).
 */
public final class TableHealthCheck extends AbstractHealthCheck {

    private final String table;
    private final TableStatus status;

    public TableHealthCheck(String table, TableStatus status) {
        super("tidemark", "table:" + table);
        this.table = table;
        this.status = status;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("table", table);
        status.of(table).ifPresentOrElse(snapshot -> {
            TableStatus.Run last = snapshot.last();
            builder.detail("runs", snapshot.runs());
            builder.detail("last.run.rows", last.rows());
            builder.detail("last.run.ms", last.duration().toMillis());
            builder.detail("last.success", snapshot.lastSuccess() == null ? "never" : snapshot.lastSuccess().toString());
            builder.detail("invisible.rows", last.invisibleRows());
            builder.detail("dead.letters", last.deadLetters());
            if (last.ok()) {
                builder.up();
            } else {
                builder.detail("last.error", last.error()).message(table + ": last run failed: " + last.error()).down();
            }
        }, () -> builder.detail("runs", 0).up());
    }
}
