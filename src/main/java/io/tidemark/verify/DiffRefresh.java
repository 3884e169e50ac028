package io.tidemark.verify;

import io.tidemark.run.Phase;
import io.tidemark.run.TableSync;
import io.tidemark.status.TableStatus;
import io.tidemark.store.StateStore;
import io.tidemark.table.TableRegistry;
import io.tidemark.table.TableSettings;
import io.tidemark.table.TableSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.camel.Exchange;

/**
 * {@code fullRefresh: diff} (bean {@code diffRefresh}): a table without a modifier that has been copied once is kept
 * in step by verify-and-repair instead of copying every row on every run. Only the chunks that differ are looked
 * at row by row and only the differing rows travel, written with a load id of their own (status {@code repaired} in
 * the loads table); rows deleted at the source are handled by the table's {@code deletes}, within the mass-delete
 * guard (only {@code POST .../verify?force=true} overrides it). The first run, and a resync, copy the whole table as
 * a full refresh does. A failure goes to the error policy like any run's.
 */
public final class DiffRefresh {

    private static final DateTimeFormatter UTC_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final TableRegistry tables;
    private final TableSync sync;
    private final StateStore state;
    private final TableStatus status;
    private final Verifications verifications;
    private final VerificationRuns runs;

    public DiffRefresh(TableRegistry tables, TableSync sync, StateStore state, TableStatus status,
                       Verifications verifications, VerificationRuns runs) {
        this.tables = tables;
        this.sync = sync;
        this.state = state;
        this.status = status;
        this.verifications = verifications;
        this.runs = runs;
    }

    /** Whether this run of the table is a diff: {@code fullRefresh: diff}, copied once, no resync asked for. */
    public boolean applies(Exchange exchange) throws Exception {
        TableSpec spec = tables.current(exchange.getFromRouteId());
        return TableSettings.DIFF.equals(spec.settings().fullRefresh()) && !spec.incremental()
                && !sync.resyncRequested(spec.table())
                && state.read(spec.targetTable()).map(StateStore.State::succeeded).orElse(false);
    }

    public void run(Exchange exchange) throws Exception {
        TableSpec spec = tables.current(exchange.getFromRouteId());
        Instant started = Instant.now();
        Verifications.Outcome outcome = verifications.repair(spec, spec.settings().deletes(),
                "force".equals(exchange.getProperty(VerificationRuns.ASKED, String.class)));
        runs.record(spec, outcome, started, "fullRefresh: diff");
        Repair repair = outcome.repair();
        state.finish(spec.targetTable(), Phase.FULL, repair == null || repair.loadId() == null ? "none"
                : repair.loadId(), UTC_MICROS.format(started), true, null, 0, false);
        status.record(new TableStatus.Run(spec.table(), started, Duration.between(started, Instant.now()),
                repair == null ? 0 : repair.written(), 0, null, 0,
                status.of(spec.table()).map(s -> s.last().deadLetters()).orElse(0L)));
    }
}
