package io.tidemark.alert;

import io.tidemark.cluster.ClusterMembers;
import io.tidemark.table.TableRegistry;
import io.tidemark.table.TableSpec;
import io.tidemark.status.TableStatus;
import io.tidemark.sql.Failures;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observes what alerts are about: every run's outcome as {@link TableStatus} records it (failed after its retries,
 * succeeded, dead letters), and every {@code tidemark.alerts.check-interval} (routes/alerts.camel.yaml) each
 * table's lag against its maxLag and the cluster's members; then sends the reminders that are due.
 */
public final class AlertWatch {

    private static final Logger LOG = LoggerFactory.getLogger(AlertWatch.class);

    private final Alerts alerts;
    private final TableRegistry tables;
    private final TableStatus status;
    private final ClusterMembers members;
    private final Supplier<String> self;
    private Set<String> alive;

    /** {@code members} is null when clustering is off. */
    public AlertWatch(Alerts alerts, TableRegistry tables, TableStatus status, ClusterMembers members,
                      Supplier<String> self) {
        this.alerts = alerts;
        this.tables = tables;
        this.status = status;
        this.members = members;
        this.self = self;
        status.onRecord(this::finished);
    }

    /** A run ended (after its retries). */
    void finished(TableStatus.Run run) {
        String table = run.table();
        if (run.ok()) {
            alerts.clear(Condition.RUN_FAILED, table, table + ": runs succeed again");
        } else {
            alerts.raise(Condition.RUN_FAILED, table, table + ": run failed after its retries, the watermark stays "
                    + "at the last committed batch: " + run.error());
        }
        if (run.deadLetters() > 0) {
            alerts.raise(Condition.DEAD_LETTERS, table, table + ": " + run.deadLetters() + " rows the target "
                    + "refused are in the dead-letter table; see GET /api/tables/" + table + "/dead-letters, fix "
                    + "the cause, then replay them: java -jar target/tidemark.jar --replay " + table);
        } else if (run.ok()) {
            alerts.clear(Condition.DEAD_LETTERS, table, table + ": the dead-letter table holds no rows of it");
        }
    }

    /** The periodic check: lag over maxLag, members gone, reminders due. */
    public void check() {
        for (TableSpec spec : tables.byRouteId().values()) {
            String table = spec.table();
            Duration lag = status.lag(table);
            Duration max = tables.maxLag(spec);
            if (lag.compareTo(max) > 0 && !status.paused(table)) {
                alerts.raise(Condition.LAG_OVER_MAX, table, table + ": no successful run for " + lag.toSeconds()
                        + " s, more than its maxLag of " + max.toSeconds() + " s");
            } else {
                alerts.clear(Condition.LAG_OVER_MAX, table, table + ": lag back under its maxLag of "
                        + max.toSeconds() + " s");
            }
        }
        if (members != null) {
            checkMembers();
        }
        alerts.remind();
    }

    private void checkMembers() {
        Instant now = Instant.now();
        Set<String> current = new HashSet<>();
        try {
            members.all().stream().filter(m -> m.alive(now)).forEach(m -> current.add(m.id()));
        } catch (RuntimeException e) {
            LOG.debug("cannot read the cluster's members: {}", Failures.describe(e));
            return;
        }
        if (alive != null) {
            for (String id : alive) {
                if (!current.contains(id) && !id.equals(self.get())) {
                    alerts.raise(Condition.INSTANCE_LEFT, id, "instance " + id + " left the cluster (it stopped "
                            + "checking in); its tables run on the remaining instances");
                }
            }
        }
        alive = current;
    }
}
