package io.tidemark.run;

import io.tidemark.status.TableStatus;
import io.tidemark.table.TableRegistry;
import io.tidemark.table.TableSpec;

import io.tidemark.run.Plan.Mode;
import io.tidemark.run.TableRun.Ahead;
import io.tidemark.run.TableRun.Batch;
import io.tidemark.source.PageReader;
import io.tidemark.source.PageReader.Page;
import io.tidemark.sql.Dialect.From;
import io.tidemark.sql.Failures;
import io.tidemark.store.BatchWriter;
import io.tidemark.store.BulkLoad;
import io.tidemark.store.Lineage;
import io.tidemark.store.StateStore;
import io.tidemark.store.TargetSchema;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.component.sql.SqlConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of one table's run, called in order by the route template {@code routes/table-sync.camel.yaml}:
 * begin, then fetch / recordBatch / nextPage per batch while there is more, then finish (or fail). What a run does and
 * what state each step records is decided by {@link Planner}; this class carries it out.
 */
public final class TableSync {

    private static final Logger LOG = LoggerFactory.getLogger(TableSync.class);
    private static final String RUN = "tidemark.run";
    private static final int FIRST_BULK_PAGE = 1000;
    private static final DateTimeFormatter UTC_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final TableRegistry tables;
    private final StateStore state;
    private final TargetSchema targetSchema;
    private final TableStatus status;
    private final SourcePages pages;
    private final Rejects rejects;
    private final BulkLoad bulkLoad;
    private final BatchWriter writer;
    private final int bulkRows;
    private final RangeCopy ranges;
    private final Transform transform = new Transform();
    private final Set<String> replay = ConcurrentHashMap.newKeySet();
    private final Set<String> resync = ConcurrentHashMap.newKeySet();

    /** {@code replay}, {@code resync}: tables whose next run replays its dead letters / is resynced (the CLI). */
    public TableSync(TableRegistry tables, StateStore state, TargetSchema targetSchema, TableStatus status,
                     SourcePages pages, Rejects rejects, BulkLoad bulkLoad, BatchWriter writer, int bulkRows,
                     int parallelism, Set<String> replay, Set<String> resync) {
        this.tables = tables;
        this.state = state;
        this.targetSchema = targetSchema;
        this.status = status;
        this.pages = pages;
        this.rejects = rejects;
        this.bulkLoad = bulkLoad;
        this.writer = writer;
        this.bulkRows = bulkRows;
        this.ranges = new RangeCopy(state, pages, targetSchema, parallelism, bulkRows);
        this.replay.addAll(replay);
        this.resync.addAll(resync);
    }

    /** Reads the committed state and the source's clock, plans the run, and prepares its first page. */
    public void begin(Exchange exchange) throws Exception {
        TableSpec spec = tables.current(exchange.getFromRouteId());
        boolean resyncing = resync.remove(spec.table());
        if (resyncing && spec.settings().write().history()) {
            resyncing = false;
            LOG.warn("{}: resync refused: the table keeps history (write: {}), and a resync would replace it with the "
                    + "source's current rows; to start its history over, rename or drop the target table {} and run "
                    + "again", spec.table(), spec.settings().write(), spec.targetTable());
        }
        Optional<Committed> committed = state.read(spec.targetTable()).map(StateStore.State::committed);
        if (committed.isEmpty() && spec.incremental() && !resyncing && state.hasRuns(spec.targetTable())) {
            throw new IllegalStateException("table '" + spec.table() + "' has no row in the state table although "
                    + "runs of it are recorded: its state was deleted or lost, and starting over silently could hide "
                    + "that. To rebuild it, resync the table: java -jar target/tidemark.jar --resync " + spec.table());
        }
        boolean stagingExists = committed.map(c -> c.phase() == Phase.RESYNC).orElse(false)
                && targetSchema.exists(spec.stagingTable());
        Plan plan = Planner.plan(planning(spec), committed, spec.incremental() ? pages.clock(spec) : null, resyncing,
                stagingExists);
        if (resyncing) {
            LOG.info("{}: resync requested: {}", spec.table(), plan.staging()
                    ? "the table is copied again into " + spec.stagingTable() + " and swapped in when complete"
                    : "its position is reset to the initialValue");
        }
        TableRun run = new TableRun(spec, Lineage.nextLoadId(), plan);
        start(run);
        exchange.setProperty(RUN, run);
        status.started(run);
        if (replay.remove(spec.table())) {
            rejects.replay(run);
        }
    }

    private static Planner.Table planning(TableSpec spec) {
        return new Planner.Table(spec.modifier(), spec.lag(), spec.settings().initialValue());
    }

    /** Carries out what the plan asks before the first page, and points the run at its first page. */
    private void start(TableRun run) {
        Plan plan = run.plan;
        TableSpec spec = run.spec;
        if (plan.freshStaging()) {
            targetSchema.createStaging(spec.stagingTable(), spec.targetTable());
        }
        if (plan.restart()) {
            // Recorded before anything is copied: a crash or failure from here on goes on with this phase.
            state.restart(spec.targetTable(), plan.phase(), plan.committed());
        }
        Position start = plan.start();
        // History (append, scd2) is written row by row: the bulk path loads rows as they are.
        run.bulk = !spec.settings().write().history() && spec.settings().transform() == null
                && bulkLoad.supports(spec.copied()) && plan.bulk() != Plan.Bulk.NO;
        run.committedModifier = spec.incremental() ? plan.committed().modifierValue(spec.modifier()) : null;
        if (plan.copy() && start.ranged()) {
            run.ranges = ranges.resume(run); // a first load split into key ranges goes on (RangeCopy)
            run.more = false;
            return;
        }
        run.bulk = run.bulk && switch (plan.bulk()) {
            case YES -> true;
            case NO -> false;
            case IF_EMPTY_AFTER_START -> start.hasKey()
                    ? !targetSchema.holdsRowsAfter(run.writeTable(), spec.key(), start.keyValues(spec.key()))
                    : targetSchema.isEmpty(run.writeTable());
        };
        if (plan.restart() && (run.ranges = ranges.split(run)) != null) {
            run.more = false;
            return;
        }
        run.from = plan.from();
        run.modifier = plan.copy() ? null : start.modifierValue(spec.modifier());
        run.key = start.hasKey() ? start.keyValues(spec.key()) : null;
        run.asText = run.bulk ? SourcePages.serverTextColumns(spec) : null;
        run.fullPageSize = run.bulk ? Math.max(bulkRows, spec.settings().batchSize()) : spec.settings().batchSize();
        // A bulk run starts with a small page: the target loads it while the next, larger one is read and while
        // the JVM still warms up.
        run.pageSize = run.bulk ? Math.min(FIRST_BULK_PAGE, run.fullPageSize) : run.fullPageSize;
        run.more = true;
    }

    /** Whether the table's next run is to copy it again (the CLI's or the API's resync). */
    public boolean resyncRequested(String table) {
        return resync.contains(table);
    }

    /** The API's resync: the table's next run copies it again (see {@link Planner}). */
    public void requestResync(String table) {
        resync.add(table);
    }

    /** The API's replay: the table's next run writes its dead letters again first. */
    public void requestReplay(String table) {
        replay.add(table);
    }

    /**
     * The next page's rows, with their lineage values, into the body, ready to write; notes where the batch moves
     * the watermark. A full page starts reading the page after it in the background (see {@link PageReader}), so
     * the source is read while this batch is written.
     */
    public void fetch(Exchange exchange) {
        TableRun run = run(exchange);
        run.pageStarted = Instant.now();
        TableSpec spec = run.spec;
        Page page = pages.page(run, run.from, run.modifier, run.key, run.pageSize);
        Ahead ahead = run.ahead;
        run.ahead = null;
        Batch batch = ahead != null && ahead.page().sameAs(page) ? join(ahead.batch()) : pages.read(run, page);
        List<List<Object>> rows = batch.rows();
        run.pageRows = rows.size();
        run.fetched = rows;
        run.pageNewRows = batch.newRows();
        run.pageKeys = rejects.keysIfAnyWaiting(spec, rows);
        if (!rows.isEmpty()) {
            List<Object> last = rows.get(rows.size() - 1);
            run.pendingKey = new ArrayList<>();
            for (int i : spec.keyIndexes()) {
                run.pendingKey.add(last.get(i));
            }
            run.pendingModifier = spec.incremental() ? last.get(spec.modifierIndex()) : null;
        }
        if (run.pageRows == run.pageSize) {
            Page next = pages.page(run, From.POSITION, run.pendingModifier, run.pendingKey, run.nextPageSize());
            run.ahead = new Ahead(next, pages.readAhead(run, next));
        }
        exchange.getMessage().setHeader(SqlConstants.SQL_QUERY, pages.upsert(run));
        exchange.getMessage().setBody(rows);
    }

    private static Batch join(CompletableFuture<Batch> batch) {
        try {
            return batch.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Whether this run's batches take the server's bulk path (see {@link BulkLoad}). */
    public boolean bulk(Exchange exchange) {
        return run(exchange).bulk;
    }

    /** Inside the batch's transaction: the batch through LOAD DATA LOCAL INFILE instead of upserts. */
    public void bulkLoad(Exchange exchange) {
        TableRun run = run(exchange);
        @SuppressWarnings("unchecked")
        List<List<Object>> batch = exchange.getMessage().getBody(List.class);
        bulkLoad.load(run.writeTable(), run.spec.copied(), pages.loadIdColumn(), pages.rowIdColumn(), batch);
    }

    /**
     * Inside the batch's transaction, first: a table's {@code transform} route gets the page's rows and what it
     * returns is written (see {@link Transform}). When the route fails, every row of the page goes to the dead-letter
     * table with the reason, in this transaction, and the watermark moves past them: the run goes on. A retried
     * batch transforms the page as read again, never its own output.
     */
    public void transform(Exchange exchange) {
        TableRun run = run(exchange);
        String route = run.spec.settings().transform();
        List<List<Object>> rows = run.fetched;
        if (route == null || rows == null || rows.isEmpty()) {
            return;
        }
        try {
            exchange.getMessage().setBody(transform.apply(exchange.getContext(), run, route, rows));
        } catch (Exception e) {
            String reason = "transform " + route + " failed: " + Failures.describe(e);
            rejects.deadLetterAll(run, rows, reason);
            run.deadLettered += rows.size();
            exchange.getMessage().setBody(new ArrayList<>());
            LOG.warn("{}: {} rows of a batch went to the dead-letter table: {}", run.table(), rows.size(), reason);
        }
    }

    /** Whether this run's batches are written by {@link #writeRows}: versions (scd2), or a transform's output. */
    public boolean throughWriter(Exchange exchange) {
        TableRun run = run(exchange);
        return BatchWriter.versions(run.spec) || run.spec.settings().transform() != null;
    }

    /** Inside the batch's transaction: the rows, and for scd2 the versions they follow closed (see BatchWriter). */
    public void writeRows(Exchange exchange) {
        TableRun run = run(exchange);
        @SuppressWarnings("unchecked")
        List<List<Object>> batch = exchange.getMessage().getBody(List.class);
        writer.write(run.spec, run.writeTable(), exchange.getMessage().getHeader(SqlConstants.SQL_QUERY, String.class),
                batch);
    }

    /**
     * Inside the batch's transaction, after its rows: records the new position and row count in the state row (the
     * transaction commits after this, rows and watermark together), and resolves dead letters the batch wrote.
     */
    public void recordBatch(Exchange exchange) {
        TableRun run = run(exchange);
        Plan plan = run.plan;
        if (run.pageKeys != null && !run.pageKeys.isEmpty()) {
            rejects.resolve(run.spec.targetTable(), run.pageKeys, run.loadId); // written at last
        }
        if (run.pageRows == 0 || plan.mode() == Mode.FULL) {
            return;
        }
        String table = run.spec.targetTable();
        if (run.range != null) {
            state.recordRange(table, run.range.number(), Planner.afterBatch(plan, null, run.pendingKey),
                    run.pageNewRows, run.loadId, utc(run.started));
            return;
        }
        if (!plan.copy() && !SourcePages.isNew(run.spec, run.committedModifier, run.pendingModifier)) {
            // The whole batch lies in the lag window: the committed watermark stays where it was.
            state.recordBatch(table, plan.phase(), plan.committed(), 0, run.loadId, utc(run.started));
            return;
        }
        state.recordBatch(table, plan.phase(), Planner.afterBatch(plan, run.pendingModifier, run.pendingKey),
                run.pageNewRows, run.loadId, utc(run.started));
    }

    /**
     * The batch was rejected because of some row's value: every good row is written, the bad ones go to the
     * dead-letter table (see {@link Rejects}), and the watermark moves past them, all in one transaction.
     */
    public void salvage(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (!Failures.isRowRejected(failure)) {
            throw failure; // not a row's fault: the error policy decides (retry, or fail the run)
        }
        TableRun run = run(exchange);
        @SuppressWarnings("unchecked")
        List<List<Object>> batch = exchange.getMessage().getBody(List.class);
        String sql = exchange.getMessage().getHeader(SqlConstants.SQL_QUERY, String.class);
        int rejected = rejects.salvage(run, sql, batch, refused -> {
            run.pageNewRows = Math.max(0, run.pageNewRows - refused);
            recordBatch(exchange);
        });
        run.deadLettered += rejected;
        LOG.warn("{}: {} of {} rows in a batch rejected by the target went to the dead-letter table",
                run.table(), rejected, batch.size());
    }

    /** After the batch committed: the next page starts after this batch; a short page was the last. */
    public void nextPage(Exchange exchange) {
        TableRun run = run(exchange);
        status.batch(run.table(), Duration.between(run.pageStarted, Instant.now()));
        run.rows += run.pageNewRows;
        run.batches++;
        run.more = run.pageRows == run.pageSize;
        run.pageSize = run.nextPageSize();
        if (run.pageRows > 0) {
            run.from = From.POSITION;
            run.modifier = run.pendingModifier;
            run.key = run.pendingKey;
        }
        if (!run.more && run.plan.copy() && run.plan.thenIncremental() && run.range == null) {
            endCopy(run, false);
        }
    }

    /** The runs of a first load's key ranges, copied in parallel by the route (empty: none, see RangeCopy). */
    public List<TableRun> ranges(Exchange exchange) {
        List<TableRun> parts = run(exchange).ranges;
        return parts == null ? List.of() : parts;
    }

    /** On the thread of one key range: its run is the exchange's from here on. */
    public void enterRange(Exchange exchange) {
        exchange.setProperty(RUN, exchange.getMessage().getBody(TableRun.class));
    }

    /**
     * After a first load's key ranges: when every one is complete, the copy ends (their rows counted, the table
     * incremental, in one transaction) and the run goes on with its incremental pass; else the run fails, and the
     * next one resumes each range from its committed position.
     */
    public void joinRanges(Exchange exchange) {
        TableRun run = run(exchange);
        if (run.ranges != null) {
            RangeCopy.join(run);
            endCopy(run, true);
        }
    }

    /**
     * A first load or resync is complete: a resync's staging table is swapped in, the table becomes incremental
     * just before the mark its copy began with, and the run goes on with the incremental pass up to its own clock,
     * so that rows changed while the copy ran (or since a copy that was resumed began) are in the target at its end.
     */
    private void endCopy(TableRun run, boolean ranged) {
        TableSpec spec = run.spec;
        Plan copy = run.plan;
        if (copy.mode() == Mode.RESYNC) {
            targetSchema.swap(spec.targetTable(), spec.stagingTable());
        }
        if (ranged) {
            state.endRanges(spec.targetTable(), Phase.INCREMENTAL, Planner.afterCopy(copy));
        } else {
            state.moveTo(spec.targetTable(), Phase.INCREMENTAL, Planner.afterCopy(copy));
        }
        run.plan = Planner.continueAfterCopy(planning(spec), copy);
        start(run);
        LOG.debug("{}: {} complete, {} rows; incremental from {} up to {}", spec.table(),
                copy.mode().name().toLowerCase(), run.rows, run.plan.committed(), run.plan.bound());
    }

    public boolean hasMore(Exchange exchange) {
        return run(exchange).more;
    }

    /** Ends a successful run: a full refresh swaps in (a copy changed phase when it completed, see endCopy). */
    public void finish(Exchange exchange) {
        TableRun run = run(exchange);
        TableSpec spec = run.spec;
        Plan plan = run.plan;
        if (plan.mode() == Mode.FULL) {
            targetSchema.swap(spec.targetTable(), spec.stagingTable());
        }
        state.finish(spec.targetTable(), plan.phase(), run.loadId, utc(run.started), true, null, plan.invisible(),
                run.batches > 0 && run.rows > 0);
        Duration took = Duration.between(run.started, Instant.now());
        status.record(new TableStatus.Run(spec.table(), run.started, took, run.rows, run.batches, null,
                plan.invisible(), rejects.count(spec.targetTable())));
        if (run.rows > 0 || run.deadLettered > 0 || LOG.isDebugEnabled()) {
            LOG.info("{}: {} rows in {} batches, {} ms, ok ({}){}{}", spec.table(), run.rows, run.batches,
                    took.toMillis(), run.startedAs == plan.mode() ? plan.mode().name().toLowerCase()
                            : run.startedAs.name().toLowerCase() + ", then " + plan.mode().name().toLowerCase(),
                    run.deadLettered > 0 ? ", " + run.deadLettered + " rows to the dead-letter table" : "",
                    plan.invisible() > 0 ? ", " + plan.invisible() + " rows with NULL " + spec.modifier().name()
                            + " are invisible to the watermark" : "");
        }
    }

    /** Ends a failed run: the watermark stays at the last committed batch; the error is recorded and logged. */
    public void fail(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String error = cause == null ? "unknown failure" : Failures.describe(cause);
        TableRun run = exchange.getProperty(RUN, TableRun.class);
        if (run != null && run.range != null) {
            RangeCopy.failed(run, error); // the other ranges go on; the table's run fails in joinRanges
            return;
        }
        TableSpec spec = run != null ? run.spec : tables.byRouteId().get(exchange.getFromRouteId());
        String table = spec == null ? exchange.getFromRouteId() : spec.table();
        Instant started = run != null ? run.started : Instant.now();
        LOG.error("{}: run failed, watermark kept at the last committed batch: {}", table, error);
        if (spec != null) {
            try {
                // The phase and position stay what the last committed transaction wrote; a table without a state
                // row gets the phase it is in (a first load still to do stays one).
                Phase phase = run != null ? run.plan.phase() : Planner.phaseOfNew(planning(spec));
                state.finish(spec.targetTable(), phase, run != null ? run.loadId : Lineage.nextLoadId(),
                        utc(started), false, error, run != null ? run.plan.invisible() : 0, run != null && run.rows > 0);
            } catch (RuntimeException e) {
                LOG.warn("{}: could not record the failure in the state table: {}", table, Failures.describe(e));
            }
        }
        status.record(new TableStatus.Run(table, started, Duration.between(started, Instant.now()),
                run == null ? 0 : run.rows, run == null ? 0 : run.batches, error, run == null ? 0 : run.plan.invisible(),
                status.of(table).map(s -> s.last().deadLetters()).orElse(0L)));
    }

    private static String utc(Instant instant) {
        return UTC_MICROS.format(instant);
    }

    private static TableRun run(Exchange exchange) {
        return exchange.getProperty(RUN, TableRun.class);
    }
}
