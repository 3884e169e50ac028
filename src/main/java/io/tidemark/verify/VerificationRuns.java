package io.tidemark.verify;

import io.tidemark.sql.Failures;
import io.tidemark.status.TableStatus;
import io.tidemark.table.Schedule;
import io.tidemark.table.TableRegistry;
import io.tidemark.table.TableSpec;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled and requested verifications (bean {@code verificationRuns}). The route template calls {@link #afterRun}
 * at the end of each successful run of a table, inside the table's own {@code stateful} Quartz job: a verification
 * therefore never runs beside a run of its table (also across a cluster), and compares a target that has just
 * caught up. It runs when the table's {@code verify} schedule is due (first one interval, or the cron's first time,
 * after start-up) or when {@code POST /api/tables/<table>/verify} asked for it; it repairs what it finds, with the
 * table's {@code deletes} and the mass-delete guard (which only an API request with {@code force=true} overrides),
 * and records the outcome ({@link TableStatus#recordVerification}, {@link LastVerifications}, and the repair's load
 * in the loads table).
 */
public final class VerificationRuns {

    /** Exchange property a requested run carries (see {@code RunTrigger.take}): {@code verify} or {@code force}. */
    public static final String ASKED = "tidemark.verify";

    private static final Logger LOG = LoggerFactory.getLogger(VerificationRuns.class);

    private final TableRegistry tables;
    private final Verifications verifications;
    private final TableStatus status;
    private final LastVerifications kept;
    private final boolean scheduled;
    private final Map<String, Instant> last = new ConcurrentHashMap<>();
    private final Instant started = Instant.now();

    /** @param scheduled false in one-shot mode (--once): only requested verifications run */
    public VerificationRuns(TableRegistry tables, Verifications verifications, TableStatus status,
                            LastVerifications kept, boolean scheduled) {
        this.tables = tables;
        this.verifications = verifications;
        this.status = status;
        this.kept = kept;
        this.scheduled = scheduled;
    }

    public void afterRun(Exchange exchange) throws Exception {
        TableSpec spec = tables.current(exchange.getFromRouteId());
        String asked = exchange.getProperty(ASKED, String.class);
        Instant now = Instant.now();
        if (asked == null && !(scheduled && due(spec, now))) {
            return;
        }
        last.put(spec.table(), now);
        verify(spec, "force".equals(asked), asked != null ? "requested" : "scheduled");
    }

    /** Whether the table's verify schedule has come round since its last verification (or start-up). */
    boolean due(TableSpec spec, Instant now) {
        String schedule = spec.settings().verify();
        if (schedule == null) {
            return false;
        }
        Instant since = last.getOrDefault(spec.table(), started);
        Long millis = Schedule.intervalMillis(schedule);
        if (millis != null) {
            return !now.isBefore(since.plusMillis(millis));
        }
        try {
            Date next = new CronExpression(schedule.trim()).getNextValidTimeAfter(Date.from(since));
            return next != null && !now.isBefore(next.toInstant());
        } catch (ParseException e) {
            return false; // refused when the settings were read
        }
    }

    private void verify(TableSpec spec, boolean force, String how) {
        Instant at = Instant.now();
        try {
            record(spec, verifications.repair(spec, spec.settings().deletes(), force), at, how);
        } catch (Exception e) {
            String error = Failures.describe(e);
            keep(new TableStatus.Verified(spec.table(), at, Duration.between(at, Instant.now()),
                    0, 0, 0, 0, 0, 0, 0, 0, 0, false, null, error));
            LOG.warn("{}: verification ({}) failed: {}; the table's runs go on, the next verification tries again",
                    spec.table(), how, error);
        }
    }

    /** Keeps a verification begun {@code at} as the table's last, counts it and logs its line. */
    void record(TableSpec spec, Verifications.Outcome outcome, Instant at, String how) {
        Verification found = outcome.found();
        Repair repair = outcome.repair();
        keep(new TableStatus.Verified(spec.table(), at, outcome.took(),
                found.sourceRows(), found.chunks(), found.missing(), found.extra(), found.changed(),
                repair == null ? 0 : repair.copied(), repair == null ? 0 : repair.updated(),
                repair == null ? 0 : repair.deleted(), repair == null ? 0 : repair.marked(), outcome.equal(),
                repair == null ? null : repair.refused(), null));
        if (outcome.equal() && repair == null) {
            LOG.info("{} (verification, {})", outcome.line(), how);
        } else {
            LOG.warn("{} (verification, {})", outcome.line(), how);
        }
    }

    /** The table's last verification: shown and counted ({@link TableStatus}), and kept across restarts. */
    private void keep(TableStatus.Verified v) {
        status.recordVerification(v);
        kept.keep(v);
    }
}
