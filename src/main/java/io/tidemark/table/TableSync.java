package io.tidemark.table;

import io.tidemark.run.Clock;
import io.tidemark.run.Committed;
import io.tidemark.run.Phase;
import io.tidemark.run.Plan;
import io.tidemark.run.Plan.Mode;
import io.tidemark.run.Planner;
import io.tidemark.run.Position;
import io.tidemark.source.Column;
import io.tidemark.source.Watermark;
import io.tidemark.sql.Dialect;
import io.tidemark.sql.Dialect.From;
import io.tidemark.sql.Failures;
import io.tidemark.target.Lineage;
import io.tidemark.target.StateStore;
import io.tidemark.target.TargetSchema;
import io.tidemark.table.TableRun.Ahead;
import io.tidemark.table.TableRun.Batch;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import io.tidemark.source.PageReader;
import io.tidemark.source.PageReader.Page;
import io.tidemark.source.RowReader;
import io.tidemark.source.ServerText;
import io.tidemark.target.BulkLoad;
import io.tidemark.target.DeadLetters;
import io.tidemark.target.TargetTransaction;
import org.springframework.transaction.TransactionStatus;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.component.sql.SqlConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The steps of one table's run, called in order by the route template {@code routes/table-sync.camel.yaml}:
 * begin, then fetch / commit / advance per batch while there is more, then finish (or fail). What a run does and
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
    private final Dialect dialect;
    private final JdbcTemplate source;
    private final String loadIdColumn;
    private final String rowIdColumn;
    private final DeadLetters deadLetters;
    private final TargetTransaction transaction;
    private final JdbcTemplate target;
    private final Set<String> replay;
    private final Set<String> resync;
    private final BulkLoad bulkLoad;
    private final int bulkRows;
    private final PageReader pages;

    public TableSync(TableRegistry tables, StateStore state, TargetSchema targetSchema, TableStatus status,
                     Dialect dialect, DataSource source, PageReader pages, DataSource target, DeadLetters deadLetters,
                     TargetTransaction transaction, BulkLoad bulkLoad, int bulkRows, Set<String> replay,
                     Set<String> resync, String loadIdColumn, String rowIdColumn) {
        this.bulkLoad = bulkLoad;
        this.bulkRows = bulkRows;
        this.pages = pages;
        this.resync = ConcurrentHashMap.newKeySet();
        this.resync.addAll(resync);
        this.deadLetters = deadLetters;
        this.transaction = transaction;
        this.target = new JdbcTemplate(target);
        this.replay = ConcurrentHashMap.newKeySet();
        this.replay.addAll(replay);
        this.tables = tables;
        this.state = state;
        this.targetSchema = targetSchema;
        this.status = status;
        this.dialect = dialect;
        this.source = new JdbcTemplate(source);
        this.loadIdColumn = loadIdColumn;
        this.rowIdColumn = rowIdColumn;
    }

    /** Reads the committed state and the source's clock, plans the run, and prepares its first page. */
    public void begin(Exchange exchange) throws Exception {
        TableSpec spec = tables.current(exchange.getFromRouteId());
        boolean resyncing = resync.remove(spec.table());
        Optional<Committed> committed = state.read(spec.targetTable()).map(StateStore.State::committed);
        if (committed.isEmpty() && spec.incremental() && !resyncing && state.hasRuns(spec.targetTable())) {
            throw new IllegalStateException("table '" + spec.table() + "' has no row in the state table although "
                    + "runs of it are recorded: its state was deleted or lost, and starting over silently could hide "
                    + "that. To rebuild it, resync the table: java -jar target/tidemark.jar --resync " + spec.table());
        }
        boolean stagingExists = committed.map(c -> c.phase() == Phase.RESYNC).orElse(false)
                && targetSchema.exists(spec.stagingTable());
        Plan plan = Planner.plan(planning(spec), committed, spec.incremental() ? clock(spec) : null, resyncing,
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
            replayDeadLetters(run);
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
        run.bulk = bulkLoad.supports(spec.copied()) && switch (plan.bulk()) {
            case YES -> true;
            case NO -> false;
            case IF_EMPTY_AFTER_START -> emptyAfterStart(run);
        };
        run.from = plan.from();
        run.modifier = plan.copy() ? null : plan.start().modifierValue(spec.modifier());
        run.key = plan.start().hasKey() ? plan.start().keyValues(spec.key()) : null;
        run.committedModifier = spec.incremental() ? plan.committed().modifierValue(spec.modifier()) : null;
        run.asText = run.bulk ? serverTextColumns(spec) : null;
        run.fullPageSize = run.bulk ? Math.max(bulkRows, spec.settings().batchSize()) : spec.settings().batchSize();
        // A bulk run starts with a small page: the target loads it while the next, larger one is read and while
        // the JVM still warms up.
        run.pageSize = run.bulk ? Math.min(FIRST_BULK_PAGE, run.fullPageSize) : run.fullPageSize;
        run.more = true;
    }

    /** True when the table written to holds no row at or after the key the copy starts from. */
    private boolean emptyAfterStart(TableRun run) {
        Position start = run.plan.start();
        if (!start.hasKey()) {
            return targetSchema.isEmpty(run.writeTable());
        }
        List<Object> parameters = new ArrayList<>();
        addKeyParameters(parameters, start.keyValues(run.spec.key()));
        parameters.add(1);
        return target.queryForList(dialect.keyPage(run.writeTable(), run.spec.key(), run.spec.key(), true),
                parameters.toArray()).isEmpty();
    }

    /**
     * The columns a bulk run reads as the server's text (see {@link ServerText}): all but the key and the modifier
     * (kept as values: they move the watermark and give the row id) and binary and BIT columns (written as hex and
     * as numbers).
     */
    private static boolean[] serverTextColumns(TableSpec spec) {
        List<Column> columns = spec.copied();
        boolean[] asText = new boolean[columns.size()];
        for (int i = 0; i < asText.length; i++) {
            asText[i] = !columns.get(i).binary() && !columns.get(i).dataType().equals("bit")
                    && !(spec.incremental() && i == spec.modifierIndex());
        }
        for (int i : spec.keyIndexes()) {
            asText[i] = false;
        }
        return asText;
    }

    /** The API's resync: the table's next run forgets its watermark and copies it again (see {@link #begin}). */
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
        Page page = page(run, run.from, run.modifier, run.key, run.pageSize);
        Ahead ahead = run.ahead;
        run.ahead = null;
        Batch batch = ahead != null && ahead.page().sameAs(page) ? join(ahead.batch())
                : batch(run, run.plan.copy(), run.committedModifier, pages.read(page));
        List<List<Object>> rows = batch.rows();
        run.pageRows = rows.size();
        run.pageNewRows = batch.newRows();
        if (!rows.isEmpty()) {
            List<Object> last = rows.get(rows.size() - 1);
            run.pendingKey = new ArrayList<>();
            for (int i : spec.keyIndexes()) {
                run.pendingKey.add(last.get(i));
            }
            run.pendingModifier = spec.incremental() ? last.get(spec.modifierIndex()) : null;
        }
        if (run.pageRows == run.pageSize) {
            Page next = page(run, From.POSITION, run.pendingModifier, run.pendingKey, run.nextPageSize());
            boolean copy = run.plan.copy();
            Object committedModifier = run.committedModifier;
            run.ahead = new Ahead(next, pages.readAhead(next).thenApply(read -> batch(run, copy, committedModifier, read)));
        }
        exchange.getMessage().setHeader(SqlConstants.SQL_QUERY, dialect.upsert(run.writeTable(), spec.copied(),
                spec.keyNames(), loadIdColumn, rowIdColumn));
        exchange.getMessage().setBody(rows);
    }

    private static Batch join(CompletableFuture<Batch> batch) {
        try {
            return batch.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The SELECT of the page that starts at {@code from} (the modifier value, or after that row's position). */
    private Page page(TableRun run, From from, Object modifier, List<Object> key, int rows) {
        TableSpec spec = run.spec;
        List<Object> parameters = new ArrayList<>();
        String sql;
        if (run.mode() == Mode.INCREMENTAL) {
            boolean bounded = run.plan.bound() != null;
            sql = dialect.changedRows(spec.table(), spec.copied(), spec.modifier(), spec.key(), from, bounded);
            if (from != From.START) {
                parameters.add(modifier);
            }
            if (from == From.POSITION) {
                parameters.add(modifier);
                addKeyParameters(parameters, key);
            }
            if (bounded) {
                parameters.add(run.plan.bound());
            }
        } else {
            sql = dialect.keyPage(spec.table(), spec.copied(), spec.key(), from == From.POSITION);
            if (from == From.POSITION) {
                addKeyParameters(parameters, key);
            }
        }
        parameters.add(rows);
        return new Page(sql, parameters, run.asText);
    }

    /** Key values as the expanded OR condition binds them: k1, k1, k2, k2, ..., kn. */
    private static void addKeyParameters(List<Object> parameters, List<Object> key) {
        for (int i = 0; i < key.size(); i++) {
            parameters.add(key.get(i));
            if (i < key.size() - 1) {
                parameters.add(key.get(i));
            }
        }
    }

    /**
     * The rows as upsert parameters: each row's values, then its lineage (load id, row id). Touches only what
     * does not change during a run (or is passed in): it may run on the thread that read the page ahead.
     */
    private static Batch batch(TableRun run, boolean copy, Object committedModifier, List<Object[]> rows) {
        TableSpec spec = run.spec;
        int[] keyIndexes = spec.keyIndexes();
        int modifierIndex = spec.incremental() ? spec.modifierIndex() : -1;
        List<List<Object>> batch = new ArrayList<>(rows.size());
        Object[] key = new Object[keyIndexes.length];
        long newRows = 0;
        for (Object[] row : rows) {
            for (int i = 0; i < keyIndexes.length; i++) {
                key[i] = row[keyIndexes[i]];
            }
            Object[] values = Arrays.copyOf(row, row.length + 2);
            values[row.length] = run.loadId;
            values[row.length + 1] = Lineage.rowId(spec.targetTable(), Arrays.asList(key));
            batch.add(Arrays.asList(values));
            if (copy || isNew(spec, committedModifier, row[modifierIndex])) {
                newRows++;
            }
        }
        return new Batch(batch, newRows);
    }

    /** A row past the committed watermark; rows at or before it are re-reads of the lag window. */
    private static boolean isNew(TableSpec spec, Object committedModifier, Object modifier) {
        return committedModifier == null || Watermark.compare(spec.modifier(), modifier, committedModifier) > 0;
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
        bulkLoad.load(run.writeTable(), run.spec.copied(), loadIdColumn, rowIdColumn, batch);
    }

    /** Inside the batch's transaction: records the new position and row count with the rows. */
    public void commit(Exchange exchange) {
        TableRun run = run(exchange);
        Plan plan = run.plan;
        if (run.pageRows == 0 || plan.mode() == Mode.FULL) {
            return;
        }
        String table = run.spec.targetTable();
        if (!plan.copy() && !isNew(run.spec, run.committedModifier, run.pendingModifier)) {
            // The whole batch lies in the lag window: the committed watermark stays where it was.
            state.advance(table, plan.phase(), plan.committed(), 0, run.loadId, utc(run.started));
            return;
        }
        state.advance(table, plan.phase(), Planner.afterBatch(plan, run.pendingModifier, run.pendingKey),
                run.pageNewRows, run.loadId, utc(run.started));
    }

    /**
     * The batch was rejected because of some row's value: in one transaction, write it again in halves, and
     * halves of the halves, until the rows the target refuses are single; those go to the dead-letter table
     * with their content and the reason. Every good row is written and the watermark moves past the bad ones,
     * which are kept. Each attempt runs under a savepoint, so a failed half leaves nothing behind.
     */
    public void salvage(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (!Failures.isRowRejected(failure)) {
            throw failure; // not a row's fault: the error policy decides (retry, or fail the run)
        }
        TableRun run = run(exchange);
        @SuppressWarnings("unchecked")
        List<List<Object>> batch = values(run, exchange.getMessage().getBody(List.class));
        String sql = exchange.getMessage().getHeader(SqlConstants.SQL_QUERY, String.class);
        int[] rejected = {0};
        transaction.run(tx -> {
            writeOrReject(run, sql, batch, tx, rejected);
            run.pageNewRows = Math.max(0, run.pageNewRows - rejected[0]);
            commit(exchange);
        });
        run.deadLettered += rejected[0];
        LOG.warn("{}: {} of {} rows in a batch rejected by the target went to the dead-letter table",
                run.table(), rejected[0], batch.size());
    }

    /** A bulk batch with the server's text turned into the values the upsert binds and dead letters show. */
    private static List<List<Object>> values(TableRun run, List<List<Object>> batch) {
        if (run.asText == null) {
            return batch;
        }
        List<Column> columns = run.spec.copied();
        List<List<Object>> values = new ArrayList<>(batch.size());
        for (List<Object> row : batch) {
            Object[] v = row.toArray();
            for (int i = 0; i < columns.size(); i++) {
                if (v[i] instanceof ServerText text) {
                    v[i] = text.value(columns.get(i));
                }
            }
            values.add(Arrays.asList(v));
        }
        return values;
    }

    private void writeOrReject(TableRun run, String sql, List<List<Object>> rows, TransactionStatus tx, int[] rejected) {
        Object savepoint = tx.createSavepoint();
        try {
            target.batchUpdate(sql, rows.stream().map(List::toArray).toList());
            tx.releaseSavepoint(savepoint);
        } catch (RuntimeException e) {
            tx.rollbackToSavepoint(savepoint);
            if (!Failures.isRowRejected(e)) {
                throw e;
            }
            if (rows.size() == 1) {
                deadLetter(run, rows.get(0), Failures.describe(e));
                rejected[0]++;
            } else {
                writeOrReject(run, sql, rows.subList(0, rows.size() / 2), tx, rejected);
                writeOrReject(run, sql, rows.subList(rows.size() / 2, rows.size()), tx, rejected);
            }
        }
    }

    private void deadLetter(TableRun run, List<Object> values, String error) {
        TableSpec spec = run.spec;
        Map<String, Object> content = new LinkedHashMap<>();
        List<Column> columns = spec.copied();
        for (int i = 0; i < columns.size(); i++) {
            content.put(columns.get(i).name(), values.get(i));
        }
        List<String> key = java.util.Arrays.stream(spec.keyIndexes()).mapToObj(i -> Lineage.text(values.get(i))).toList();
        deadLetters.add(spec.targetTable(), key, content, run.loadId, error);
        LOG.warn("{}: row {} rejected by the target, kept in the dead-letter table: {}", spec.table(), key, error);
    }

    /**
     * {@code --replay <table>}: each dead-lettered row is read again from the source by its key and written;
     * it leaves the dead-letter table only once written (or when the source no longer has it).
     */
    private void replayDeadLetters(TableRun run) {
        TableSpec spec = run.spec;
        String select = dialect.rowByKey(spec.table(), spec.copied(), spec.key());
        String upsert = dialect.upsert(spec.targetTable(), spec.copied(), spec.keyNames(), loadIdColumn, rowIdColumn);
        int written = 0;
        int failed = 0;
        for (DeadLetters.Letter letter : deadLetters.of(spec.targetTable())) {
            List<Object[]> found = source.query(select, (rs, n) -> RowReader.read(rs),
                    new Position(null, letter.key()).keyValues(spec.key()).toArray());
            if (found.isEmpty()) {
                deadLetters.remove(letter.id());
                LOG.info("{}: dead letter {} no longer exists in the source; removed", spec.table(), letter.key());
                continue;
            }
            List<Object> row = new ArrayList<>(java.util.Arrays.asList(found.get(0)));
            row.add(run.loadId);
            List<Object> key = java.util.Arrays.stream(spec.keyIndexes()).mapToObj(i -> found.get(0)[i]).toList();
            row.add(Lineage.rowId(spec.targetTable(), key));
            try {
                transaction.run(tx -> {
                    target.update(upsert, row.toArray());
                    deadLetters.remove(letter.id());
                });
                written++;
            } catch (RuntimeException e) {
                if (!Failures.isRowRejected(e)) {
                    throw e;
                }
                deadLetters.failedAgain(letter.id(), run.loadId, Failures.describe(e));
                failed++;
            }
        }
        LOG.info("{}: replayed dead letters: {} written, {} still rejected", spec.table(), written, failed);
    }

    /** After the commit: the next page starts after this batch; a short page was the last. */
    public void advance(Exchange exchange) {
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
        if (!run.more && run.plan.copy() && run.plan.thenIncremental()) {
            endCopy(run);
        }
    }

    /**
     * A first load or resync is complete: a resync's staging table is swapped in, the table becomes incremental
     * just before the mark its copy began with, and the run goes on with the incremental pass up to its own clock,
     * so that rows changed while the copy ran (or since a copy that was resumed began) are in the target at its end.
     */
    private void endCopy(TableRun run) {
        TableSpec spec = run.spec;
        Plan copy = run.plan;
        if (copy.mode() == Mode.RESYNC) {
            targetSchema.swap(spec.targetTable(), spec.stagingTable());
        }
        state.moveTo(spec.targetTable(), Phase.INCREMENTAL, Planner.afterCopy(copy));
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
                plan.invisible(), deadLetters.count(spec.targetTable())));
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
        Map<String, TableSpec> byRoute = tables.byRouteId();
        TableSpec spec = run != null ? run.spec : byRoute.get(exchange.getFromRouteId());
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

    private Clock clock(TableSpec spec) {
        boolean numeric = spec.modifier().numeric();
        return source.queryForObject(dialect.clock(spec.table(), spec.modifier()), (rs, n) -> {
            Object bound = numeric ? rs.getBigDecimal(1) : rs.getString(1);
            if (Watermark.isZero(spec.lag())) {
                bound = Watermark.lastCompleteTick(spec.modifier(), bound);
            }
            return new Clock(bound, numeric ? rs.getBigDecimal(3) : rs.getString(3), rs.getLong(2));
        });
    }

    private static String utc(Instant instant) {
        return UTC_MICROS.format(instant);
    }

    private static TableRun run(Exchange exchange) {
        return exchange.getProperty(RUN, TableRun.class);
    }
}
