package io.tidemark.api;

import io.tidemark.store.Pauses;
import io.tidemark.run.RunTrigger;
import io.tidemark.table.TableSpec;
import io.tidemark.status.TableStatus;
import io.tidemark.store.DeadLetters;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's acting side (each POST route checks the token first): run now, resync, replay dead letters, verify,
 * pause and resume. Run, resync, replay and verify start a run at once, through the table's own route, and are refused with
 * 409 while a run of the table is in flight or the table is paused.
 */
public final class TableActions {

    /** What a POST answers. */
    public record Reply(String table, String message) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(TableActions.class);

    private final TablesApi tables;
    private final TableStatus status;
    private final Pauses pauses;
    private final DeadLetters deadLetters;
    private final RunTrigger trigger;

    public TableActions(TablesApi tables, TableStatus status, Pauses pauses, DeadLetters deadLetters,
                        RunTrigger trigger) {
        this.tables = tables;
        this.status = status;
        this.pauses = pauses;
        this.deadLetters = deadLetters;
        this.trigger = trigger;
    }

    public Reply run(@Header("table") String table, Exchange exchange) throws Exception {
        Map.Entry<String, TableSpec> found = startable(table);
        trigger.now(found.getKey(), RunTrigger.Request.RUN);
        return accepted(exchange, found.getValue(), "run started");
    }

    public Reply resync(@Header("table") String table, Exchange exchange) throws Exception {
        Map.Entry<String, TableSpec> found = startable(table);
        trigger.now(found.getKey(), RunTrigger.Request.RESYNC);
        return accepted(exchange, found.getValue(), "resync started: the table is copied again into a staging "
                + "table and swapped in when complete");
    }

    public Reply replay(@Header("table") String table, Exchange exchange) throws Exception {
        Map.Entry<String, TableSpec> found = startable(table);
        long waiting = deadLetters.count(found.getValue().targetTable());
        if (waiting == 0) {
            return new Reply(found.getValue().table(), "no dead letters to replay");
        }
        trigger.now(found.getKey(), RunTrigger.Request.REPLAY);
        return accepted(exchange, found.getValue(), "replay of " + waiting + " dead letters started with a run");
    }

    /**
     * Starts a run that ends with a verification and a repair of what it finds (with the table's deletes); the
     * mass-delete guard holds unless {@code force=true}. The outcome is the table's lastVerification.
     */
    public Reply verify(@Header("table") String table, @Header("force") String force, Exchange exchange)
            throws Exception {
        Map.Entry<String, TableSpec> found = startable(table);
        boolean forced = "true".equalsIgnoreCase(force);
        if (force != null && !forced && !"false".equalsIgnoreCase(force)) {
            throw new ApiError(400, "force '" + force + "' must be true or false (true: delete past the mass-delete "
                    + "guard)");
        }
        trigger.now(found.getKey(), forced ? RunTrigger.Request.VERIFY_FORCED : RunTrigger.Request.VERIFY);
        return accepted(exchange, found.getValue(), "verification started with a run" + (forced ? " (force: the "
                + "mass-delete guard is overridden)" : "") + "; GET /api/tables/" + found.getValue().table()
                + " shows its outcome as lastVerification");
    }

    public Reply pause(@Header("table") String table) {
        TableSpec spec = tables.find(table).getValue();
        pauses.pause(spec.table());
        LOG.info("{}: paused through the API; its runs are skipped until it is resumed", spec.table());
        return new Reply(spec.table(), status.running(spec.table()).isPresent()
                ? "paused; the run in flight finishes, later runs are skipped until resumed" : "paused");
    }

    public Reply resume(@Header("table") String table) {
        TableSpec spec = tables.find(table).getValue();
        pauses.resume(spec.table());
        LOG.info("{}: resumed through the API", spec.table());
        return new Reply(spec.table(), "resumed; it runs on its schedule again");
    }

    private Map.Entry<String, TableSpec> startable(String table) {
        Map.Entry<String, TableSpec> found = tables.find(table);
        String name = found.getValue().table();
        if (status.running(name).isPresent()) {
            throw new ApiError(409, "a run of '" + name + "' is in flight; try again when it has finished "
                    + "(GET /api/tables/" + name + " shows its progress)");
        }
        if (pauses.isPaused(name)) {
            throw new ApiError(409, "'" + name + "' is paused; resume it first (POST /api/tables/" + name + "/resume)");
        }
        return found;
    }

    private static Reply accepted(Exchange exchange, TableSpec spec, String message) {
        LOG.info("{}: {} (API)", spec.table(), message);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        return new Reply(spec.table(), message);
    }
}
