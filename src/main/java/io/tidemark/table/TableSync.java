package io.tidemark.table;

import io.tidemark.source.Column;
import io.tidemark.source.Watermark;
import io.tidemark.sql.Dialect;
import io.tidemark.sql.Dialect.From;
import io.tidemark.sql.Failures;
import io.tidemark.target.Lineage;
import io.tidemark.target.StateStore;
import io.tidemark.target.StateStore.State;
import io.tidemark.target.TargetSchema;
import io.tidemark.table.TableRun.Ahead;
import io.tidemark.table.TableRun.Batch;
import io.tidemark.table.TableRun.Mode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
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
 * begin, then fetch / commit / advance per batch while there is more, then finish (or fail).
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

    /** Reads the committed state and decides where this run starts. */
    public void begin(Exchange exchange) throws Exception {
        TableSpec spec = tables.current(exchange.getFromRouteId());
        boolean resyncing = resync.remove(spec.table());
        if (resyncing) {
            state.reset(spec.targetTable());
            if (spec.incremental() && spec.settings().initialValue() == null) {
                // Recorded before anything is copied: a crash or failure goes on with the resync, never back to
                // the old position. The copy goes to a staging table swapped in at the end, so that rows deleted
                // at the source leave the target too, and readers see the old table until then.
                state.moveTo(spec.targetTable(), StateStore.RESYNC, null, null);
                LOG.info("{}: resync requested: the table is copied again into {} and swapped in when complete",
                        spec.table(), spec.stagingTable());
            } else {
                LOG.info("{}: resync requested: its state is reset and the table is copied again", spec.table());
            }
        }
        Optional<State> committed = state.read(spec.targetTable());
        if (committed.isEmpty() && spec.incremental() && !resyncing && state.hasRuns(spec.targetTable())) {
            throw new IllegalStateException("table '" + spec.table() + "' has no row in the state table although "
                    + "runs of it are recorded: its state was deleted or lost, and starting over silently could hide "
                    + "that. To rebuild it, resync the table: java -jar target/tidemark.jar --resync " + spec.table());
        }
        String loadId = Lineage.nextLoadId();
        TableRun run;
        if (!spec.incremental()) {
            targetSchema.createStaging(spec.stagingTable(), spec.targetTable());
            run = new TableRun(spec, Mode.FULL, loadId, spec.stagingTable(), null, 0, null);
            run.bulk = bulkLoad.supports(spec.copied());
            startByKey(run, null);
        } else if (committed.isPresent() && StateStore.RESYNC.equals(committed.get().phase())) {
            // A resync goes on where its last batch committed, as long as its staging table is there; otherwise
            // (nothing committed yet, or the swap happened but not the move to incremental) it starts over.
            State s = committed.get();
            boolean resume = s.key() != null && targetSchema.exists(spec.stagingTable());
            if (!resume) {
                targetSchema.createStaging(spec.stagingTable(), spec.targetTable());
            }
            Clock clock = resume ? new Clock(modifierValue(spec.modifier(), s.modifier()), 0) : clock(spec);
            run = new TableRun(spec, Mode.RESYNC, loadId, spec.stagingTable(), clock.bound, clock.invisible, null);
            run.bulk = bulkLoad.supports(spec.copied());
            startByKey(run, resume ? s.key() : null);
        } else if (committed.isEmpty() && spec.settings().initialValue() != null) {
            Clock clock = clock(spec);
            run = new TableRun(spec, Mode.INCREMENTAL, loadId, spec.targetTable(), clock.bound, clock.invisible, null);
            run.from = From.VALUE;
            run.modifier = modifierValue(spec.modifier(), spec.settings().initialValue());
        } else if (committed.isEmpty() || StateStore.INITIAL.equals(committed.get().phase())) {
            // The first load walks the primary key. It ends at the mark taken when it began: rows changed
            // while it runs have a later modifier and are picked up by the first incremental run.
            State s = committed.orElse(null);
            Clock clock = s == null ? clock(spec) : new Clock(modifierValue(spec.modifier(), s.modifier()), 0);
            run = new TableRun(spec, Mode.INITIAL, loadId, spec.targetTable(), clock.bound, clock.invisible, null);
            // Into an empty target (or resuming such a load, whose rows all lie before the resume point) the
            // server's bulk path can take the rows; over existing rows, only upserts may.
            run.bulk = bulkLoad.supports(spec.copied()) && (s != null || targetSchema.isEmpty(spec.targetTable()));
            startByKey(run, s == null ? null : s.key());
        } else {
            State s = committed.get();
            Clock clock = clock(spec);
            Object last = modifierValue(spec.modifier(), s.modifier());
            run = new TableRun(spec, Mode.INCREMENTAL, loadId, spec.targetTable(), clock.bound, clock.invisible, last);
            run.committed = s;
            run.modifier = Watermark.minus(spec.modifier(), last, spec.lag());
            if (last == null) {
                run.from = From.START;
            } else if (Watermark.isZero(spec.lag()) && s.key() != null) {
                run.from = From.POSITION;
                run.key = keyValues(spec, s.key());
            } else {
                run.from = From.VALUE;
            }
        }
        run.asText = run.bulk ? serverTextColumns(run.spec) : null;
        run.fullPageSize = run.bulk ? Math.max(bulkRows, spec.settings().batchSize()) : spec.settings().batchSize();
        // A bulk run starts with a small page: the target loads it while the next, larger one is read and while
        // the JVM still warms up.
        run.pageSize = run.bulk ? Math.min(FIRST_BULK_PAGE, run.fullPageSize) : run.fullPageSize;
        exchange.setProperty(RUN, run);
        status.started(run);
        if (replay.remove(spec.table())) {
            replayDeadLetters(run);
        }
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

    private static void startByKey(TableRun run, List<String> key) {
        run.from = key == null ? From.START : From.POSITION;
        run.key = key == null ? null : keyValues(run.spec, key);
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
        Batch batch = ahead != null && ahead.page().sameAs(page) ? join(ahead.batch()) : batch(run, pages.read(page));
        List<List<Object>> rows = batch.rows();
        run.pageRows = rows.size();
        run.pageNewRows = batch.newRows();
        run.pageKeys = deadLetters.any(spec.targetTable()) ? deadLetterKeys(spec, rows) : null;
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
            run.ahead = new Ahead(next, pages.readAhead(next).thenApply(read -> batch(run, read)));
        }
        exchange.getMessage().setHeader(SqlConstants.SQL_QUERY, dialect.upsert(run.writeTable, spec.copied(),
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
        if (run.mode == Mode.INCREMENTAL) {
            boolean bounded = run.bound != null;
            sql = dialect.changedRows(spec.table(), spec.copied(), spec.modifier(), spec.key(), from, bounded);
            if (from != From.START) {
                parameters.add(modifier);
            }
            if (from == From.POSITION) {
                parameters.add(modifier);
                addKeyParameters(parameters, key);
            }
            if (bounded) {
                parameters.add(run.bound);
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
     * does not change during a run: it may run on the thread that read the page ahead.
     */
    private static Batch batch(TableRun run, List<Object[]> rows) {
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
            if (run.mode != Mode.INCREMENTAL || isNew(run, row[modifierIndex])) {
                newRows++;
            }
        }
        return new Batch(batch, newRows);
    }

    /** A row past the committed watermark; rows at or before it are re-reads of the lag window. */
    private static boolean isNew(TableRun run, Object modifier) {
        return run.committedModifier == null
                || Watermark.compare(run.spec.modifier(), modifier, run.committedModifier) > 0;
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
        bulkLoad.load(run.writeTable, run.spec.copied(), loadIdColumn, rowIdColumn, batch);
    }

    /** Inside the batch's transaction: records the new position and row count with the rows. */
    public void commit(Exchange exchange) {
        TableRun run = run(exchange);
        if (run.pageKeys != null && !run.pageKeys.isEmpty()) {
            deadLetters.resolve(run.spec.targetTable(), run.pageKeys, run.loadId); // written at last
        }
        if (run.pageRows == 0 || run.mode == Mode.FULL) {
            return;
        }
        TableSpec spec = run.spec;
        String phase = switch (run.mode) {
            case INITIAL -> StateStore.INITIAL;
            case RESYNC -> StateStore.RESYNC;
            default -> StateStore.INCREMENTAL;
        };
        Object modifier = run.mode == Mode.INCREMENTAL ? run.pendingModifier : run.bound;
        List<Object> key = run.pendingKey;
        if (run.mode == Mode.INCREMENTAL && !isNew(run, run.pendingModifier)) {
            // The whole batch lies in the lag window: the committed watermark stays where it was.
            state.advance(spec.targetTable(), phase, run.committed.modifier(), run.committed.key(), 0, run.loadId,
                    utc(run.started));
            return;
        }
        state.advance(spec.targetTable(), phase, modifier == null ? null : Lineage.text(modifier),
                key.stream().map(Lineage::text).toList(), run.pageNewRows, run.loadId, utc(run.started));
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
        if (deadLetters.add(spec.targetTable(), key, content, run.loadId, error)) {
            LOG.warn("{}: row {} rejected by the target, kept in the dead-letter table: {}", spec.table(), key, error);
        } else {
            LOG.debug("{}: row {} rejected again, its dead letter counts one more attempt: {}", spec.table(), key,
                    error);
        }
    }

    /** Each row's key values as the dead-letter table keeps them. */
    private static List<List<String>> deadLetterKeys(TableSpec spec, List<List<Object>> rows) {
        List<Column> columns = spec.copied();
        List<List<String>> keys = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            keys.add(java.util.Arrays.stream(spec.keyIndexes()).mapToObj(i -> Lineage.text(
                    row.get(i) instanceof ServerText text ? text.value(columns.get(i)) : row.get(i))).toList());
        }
        return keys;
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
                    keyValues(spec, letter.key()).toArray());
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
    }

    public boolean hasMore(Exchange exchange) {
        return run(exchange).more;
    }

    /** Ends a successful run: a finished first load moves to incremental, a full refresh swaps in. */
    public void finish(Exchange exchange) {
        TableRun run = run(exchange);
        TableSpec spec = run.spec;
        String phase = switch (run.mode) {
            case INITIAL, INCREMENTAL, RESYNC -> StateStore.INCREMENTAL;
            case FULL -> StateStore.FULL;
        };
        if (run.mode == Mode.RESYNC) {
            targetSchema.swap(spec.targetTable(), spec.stagingTable());
        }
        if (run.mode == Mode.INITIAL || run.mode == Mode.RESYNC) {
            state.moveTo(spec.targetTable(), StateStore.INCREMENTAL,
                    run.bound == null ? null : Lineage.text(run.bound), null);
        } else if (run.mode == Mode.FULL) {
            targetSchema.swap(spec.targetTable(), spec.stagingTable());
        }
        state.finish(spec.targetTable(), phase, run.loadId, utc(run.started), true, null, run.invisibleRows,
                run.batches > 0 && run.rows > 0);
        Duration took = Duration.between(run.started, Instant.now());
        status.record(new TableStatus.Run(spec.table(), run.started, took, run.rows, run.batches, null,
                run.invisibleRows, deadLetters.count(spec.targetTable())));
        if (run.rows > 0 || run.deadLettered > 0 || LOG.isDebugEnabled()) {
            LOG.info("{}: {} rows in {} batches, {} ms, ok ({}){}{}", spec.table(), run.rows, run.batches,
                    took.toMillis(), run.mode.name().toLowerCase(),
                    run.deadLettered > 0 ? ", " + run.deadLettered + " rows to the dead-letter table" : "",
                    run.invisibleRows > 0 ? ", " + run.invisibleRows + " rows with NULL " + spec.modifier().name()
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
                state.finish(spec.targetTable(), run != null && run.mode == Mode.FULL ? StateStore.FULL
                                : StateStore.INCREMENTAL, run != null ? run.loadId : Lineage.nextLoadId(),
                        utc(started), false, error, run != null ? run.invisibleRows : 0, run != null && run.rows > 0);
            } catch (RuntimeException e) {
                LOG.warn("{}: could not record the failure in the state table: {}", table, Failures.describe(e));
            }
        }
        status.record(new TableStatus.Run(table, started, Duration.between(started, Instant.now()),
                run == null ? 0 : run.rows, run == null ? 0 : run.batches, error, run == null ? 0 : run.invisibleRows,
                status.of(table).map(s -> s.last().deadLetters()).orElse(0L)));
    }

    private record Clock(Object bound, long invisible) {
    }

    private Clock clock(TableSpec spec) {
        return source.queryForObject(dialect.clock(spec.table(), spec.modifier()), (rs, n) -> {
            Object bound = spec.modifier().numeric() ? rs.getBigDecimal(1) : rs.getString(1);
            if (Watermark.isZero(spec.lag())) {
                bound = Watermark.lastCompleteTick(spec.modifier(), bound);
            }
            return new Clock(bound, rs.getLong(2));
        });
    }

    private static Object modifierValue(Column modifier, String text) {
        if (text == null) {
            return null;
        }
        return modifier.numberValued() ? new BigDecimal(text) : text;
    }

    /** Key values from their state-table text back to values the driver binds exactly. */
    private static List<Object> keyValues(TableSpec spec, List<String> texts) {
        List<Object> values = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            Column column = spec.key().get(i);
            String text = texts.get(i);
            values.add(column.binary() ? HexFormat.of().parseHex(text)
                    : column.numeric() ? new BigDecimal(text) : text);
        }
        return values;
    }

    private static String utc(Instant instant) {
        return UTC_MICROS.format(instant);
    }

    private static TableRun run(Exchange exchange) {
        return exchange.getProperty(RUN, TableRun.class);
    }
}
