package io.tidemark.verify;

import io.tidemark.source.Column;
import io.tidemark.source.RowReader;
import io.tidemark.sql.Dialect;
import io.tidemark.sql.Failures;
import io.tidemark.table.TableSpec;
import io.tidemark.store.BatchWriter;
import io.tidemark.store.Lineage;
import io.tidemark.store.TargetTransaction;
import io.tidemark.store.Write;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes the target's rows equal to the source's, for the differences a verification named. Each row is decided again
 * at the moment it is repaired, never from the verification's answer alone, {@value #BATCH} rows at a time, in this
 * order inside one target transaction per batch:
 * <ol>
 *   <li>the batch's target rows are locked, one statement for all of them ({@code SELECT ... WHERE key IN (...) FOR
 *       UPDATE}; a missing row's gap is locked too);</li>
 *   <li>the batch's source rows are read by their keys, one statement;</li>
 *   <li>each row that still differs is written from the source's row (the upserts as one JDBC batch; scd2 through
 *       {@link BatchWriter}) or deleted or marked in the target (one batch each), then commit.</li>
 * </ol>
 * A sync run that writes one of these rows meanwhile waits for that lock, and what it writes was read from the source
 * no earlier than the repair read it (it read after the lock was taken, or wrote before, in which case the repair's
 * own read of the source is the newer one): a repair never puts back an older state of a row, and never deletes a
 * row the source has when the repair looks. A row inserted at the source just after that look is new there, and the
 * next sync run copies it. Rows are matched to keys by their key values: when a server returns a row under a key
 * that reads differently from every key asked for (a case-insensitive or PAD SPACE collation of a text key), the
 * batch is decided again one key a statement; and a row with a text key is deleted or marked only after a statement
 * for its key alone found nothing at the source, so that such a row is never taken for absent (in a batch where that
 * happens, the keys the target lacks are decided alone too: one of them may be that row). A key alone finds its row
 * under any spelling its collation equates; a target row spelt differently from the source's ('abc' for 'ABC') is
 * deleted and the source's row written in its place, in the same transaction.
 */
public final class Repairer {

    static final int BATCH = 100;
    private static final DateTimeFormatter UTC_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final JdbcTemplate source;
    private final JdbcTemplate target;
    private final TargetTransaction transaction;
    private final Dialect sourceDialect;
    private final Dialect dialect;
    private final double maxDeleteFraction;
    private final String loadIdColumn;
    private final String rowIdColumn;
    private final BatchWriter writer;

    /** {@code dialect}: the target's, which writes; {@code sourceDialect} reads the source rows. */
    public Repairer(DataSource source, DataSource target, Dialect sourceDialect, Dialect dialect,
                    double maxDeleteFraction, String loadIdColumn, String rowIdColumn) {
        this.sourceDialect = sourceDialect;
        this.source = new JdbcTemplate(source);
        this.target = new JdbcTemplate(target);
        this.transaction = new TargetTransaction(target);
        this.dialect = dialect;
        this.maxDeleteFraction = maxDeleteFraction;
        this.loadIdColumn = loadIdColumn;
        this.rowIdColumn = rowIdColumn;
        this.writer = new BatchWriter(target, dialect, loadIdColumn, rowIdColumn);
    }

    /**
     * Repairs what {@code found} named. Rows to delete (or mark) are left alone when they are more than the
     * mass-delete guard's fraction of the target's rows, unless {@code force}: a partial or empty read of the source
     * looks exactly like a mass delete. {@code written} gets the load id and the number of rows written, once, when
     * any were: also when a batch failed after earlier ones had committed, so that the rows they wrote carry a load
     * id the loads table knows.
     */
    public Repair repair(Verifier.Plan plan, Verification found, Deletes deletes, boolean force,
                         java.util.function.ObjLongConsumer<String> written) {
        String refused = null;
        boolean deleting = deletes != Deletes.KEEP && found.extra() > 0;
        if (deleting && !force && found.extra() > maxDeleteFraction * found.targetRows()) {
            refused = String.format(Locale.ROOT, "%,d of the target's %,d rows (%.1f%%) would be %s, more than "
                    + "tidemark.verify.max-delete-fraction (%.1f%%); a partial or empty read of the source looks the "
                    + "same. If the source really lost these rows, repair with force: --repair %s --force",
                    found.extra(), found.targetRows(),
                    100.0 * found.extra() / Math.max(1, found.targetRows()),
                    deletes == Deletes.MARK ? "marked deleted" : "deleted", 100 * maxDeleteFraction,
                    plan.spec().table());
            deleting = false;
        }
        String loadId = Lineage.nextLoadId();
        long[] counts = new long[4];
        List<List<Object>> keys = found.differences().stream().map(Difference::key).toList();
        try {
            for (int from = 0; from < keys.size(); from += BATCH) {
                List<List<Object>> batch = keys.subList(from, Math.min(keys.size(), from + BATCH));
                boolean delete = deleting;
                long[] done = retried(() -> {
                    long[] c = new long[4];
                    transaction.run(tx -> repairBatch(plan, batch, deletes, delete, loadId, c));
                    return c;
                }, plan.spec().table());
                for (int i = 0; i < counts.length; i++) {
                    counts[i] += done[i];
                }
            }
        } finally {
            if (counts[0] + counts[1] > 0) {
                written.accept(loadId, counts[0] + counts[1]);
            }
        }
        return new Repair(counts[0], counts[1], counts[2], counts[3], refused,
                counts[0] + counts[1] > 0 ? loadId : null);
    }

    /** A deadlock or lost connection repeats the batch (it rolled back as a whole), up to three times. */
    private static long[] retried(java.util.function.Supplier<long[]> batch, String table) {
        for (int attempt = 1; ; attempt++) {
            try {
                return batch.get();
            } catch (RuntimeException e) {
                if (attempt == 3 || !Failures.isTransient(e)) {
                    throw new IllegalStateException("table '" + table + "': repair failed: " + Failures.describe(e), e);
                }
            }
        }
    }

    /** What a batch writes, decided row by row: parameters of each statement, in the batch's key order. */
    private static final class Writes {
        final List<List<Object>> upserts = new ArrayList<>();
        final List<Object[]> replaced = new ArrayList<>();
        final List<Object[]> unmarks = new ArrayList<>();
        final List<Object[]> deletes = new ArrayList<>();
        final List<Object[]> marks = new ArrayList<>();
        final List<Object[]> closes = new ArrayList<>();
    }

    /** Locks, reads, decides and writes one batch of keys inside the caller's target transaction. */
    private void repairBatch(Verifier.Plan plan, List<List<Object>> keys, Deletes deletes, boolean deleting,
                             String loadId, long[] counts) {
        TableSpec spec = plan.spec();
        String live = plan.live();
        List<Column> liveColumn = live == null ? List.of() : List.of(Verifier.softDelete(live));
        Map<String, List<Object[]>> inTarget = rowsByKey(target, dialect.hashedRowsByKeys(spec.targetTable(),
                plan.hashed(), plan.jvm(), liveColumn, spec.key(), keys.size(), true, null), keys);
        Map<String, List<Object[]>> inSource = inTarget == null ? null : rowsByKey(source,
                sourceDialect.hashedRowsByKeys(spec.table(), plan.hashed(), plan.jvm(), spec.copied(), spec.key(),
                        keys.size(), false, spec.where()), keys);
        if (inSource == null) { // a row under a key that reads differently from the one asked for: one key at a time
            keys.forEach(key -> repairBatch(plan, List.of(key), deletes, deleting, loadId, counts));
            return;
        }
        boolean versions = BatchWriter.versions(spec);
        int width = spec.key().size();
        int first = width + 1 + plan.jvm().size();
        String markedAt = UTC_MICROS.format(Instant.now());
        String highest = null;
        Writes writes = new Writes();
        List<List<Object>> confirm = new ArrayList<>();
        boolean collated = keys.size() > 1 && collated(spec.key());
        // A text key the source lacks by its value while the target has it may be the same row as another key of
        // the batch the target lacks ('abc' in the target, 'ABC' at the source): then both go one key a statement.
        boolean colliding = collated && keys.stream().anyMatch(key -> inTarget.containsKey(Difference.identity(key))
                && !inSource.containsKey(Difference.identity(key)));
        for (List<Object> key : keys) {
            String identity = Difference.identity(key);
            List<Object[]> targetRows = inTarget.getOrDefault(identity, List.of());
            List<Object[]> sourceRows = inSource.getOrDefault(identity, List.of());
            // scd2: the key has one row per version; the current one is open (its valid_to, read last, is NULL)
            Object[] t = versions ? targetRows.stream().filter(r -> r[r.length - 1] == null).findFirst().orElse(null)
                    : targetRows.isEmpty() ? null : targetRows.get(0);
            boolean marked = !versions && t != null && live != null && t[t.length - 1] != null;
            if (sourceRows.isEmpty()) {
                if (t == null || marked || !deleting) {
                    continue;
                }
                if (collated) {
                    confirm.add(key); // the source may hold it under another key of the batch: see below
                    continue;
                }
                if (versions) { // deletes propagate or mark: the row's history ends, at the source's latest change
                    if (highest == null) {
                        highest = source.queryForObject(sourceDialect.highestModifier(spec.table(), spec.modifier()),
                                String.class);
                    }
                    writes.closes.add(withFirst(highest, key));
                    counts[deletes == Deletes.MARK ? 3 : 2]++;
                } else if (deletes == Deletes.PROPAGATE) {
                    writes.deletes.add(key.toArray());
                    counts[2]++;
                } else if (deletes == Deletes.MARK) {
                    writes.marks.add(withFirst(markedAt, key));
                    counts[3]++;
                }
                continue;
            }
            if (t == null && colliding) {
                confirm.add(key); // the target may hold it under another key of the batch: see below
                continue;
            }
            Object[] s = sourceRows.get(0);
            boolean renamed = !versions && t != null && !Difference.identity(Arrays.asList(Arrays.copyOf(s, width)))
                    .equals(Difference.identity(Arrays.asList(Arrays.copyOf(t, width))));
            if (renamed) { // the same key under the collation, spelt differently: the source's spelling replaces it
                writes.replaced.add(Arrays.copyOf(t, width));
            } else if (t != null && !marked
                    && Verifier.rowHash(plan, s, width).equals(Verifier.rowHash(plan, t, width))) {
                continue; // equal by now (a sync run was faster)
            }
            List<Object> row = new ArrayList<>(Arrays.asList(Arrays.copyOfRange(s, first, s.length)));
            row.add(loadId);
            row.add(Lineage.rowId(spec.targetTable(), key));
            if (versions) { // a new version (or the same version corrected), closing the one it follows
                row.add(s[first + spec.modifierIndex()]);
            } else if (marked) {
                writes.unmarks.add(withFirst(null, key));
            }
            writes.upserts.add(row);
            counts[t == null || marked ? 0 : 1]++;
        }
        write(plan, live, writes);
        // A text key absent at the source by its value may be there under a value its collation equates with it
        // that was asked for too ('ABC' for 'abc'): only a statement for that key alone tells, so never delete on
        // the batch's answer. Alone, a key finds its row under either spelling on both servers, and a target row
        // spelt differently from the source's is replaced by it (an upsert would keep the target's spelling).
        confirm.forEach(key -> repairBatch(plan, List.of(key), deletes, deleting, loadId, counts));
    }

    /** Whether a key has a column compared by a collation (two different values may be equal). */
    private static boolean collated(List<Column> key) {
        return key.stream().anyMatch(c -> !EXACT.contains(c.dataType()));
    }

    /** Types whose values are equal only when they read the same. */
    private static final Set<String> EXACT = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint",
            "decimal", "numeric", "year", "date", "time", "datetime", "timestamp", "binary", "varbinary", "bit",
            "smallserial", "serial", "bigserial", "bytea", "timestamp without time zone", "timestamp with time zone");

    private void write(Verifier.Plan plan, String live, Writes writes) {
        TableSpec spec = plan.spec();
        String table = spec.targetTable();
        batch(() -> dialect.deleteByKey(table, spec.key()), writes.replaced);
        if (!writes.upserts.isEmpty()) {
            if (BatchWriter.versions(spec)) {
                writer.write(spec, table, writer.statement(spec, table), writes.upserts);
            } else {
                target.batchUpdate(dialect.upsert(table, spec.copied(), spec.keyNames(), loadIdColumn, rowIdColumn),
                        writes.upserts.stream().map(List::toArray).toList());
            }
        }
        batch(() -> dialect.markByKey(table, live, spec.key()), writes.unmarks);
        batch(() -> dialect.deleteByKey(table, spec.key()), writes.deletes);
        batch(() -> dialect.markByKey(table, live, spec.key()), writes.marks);
        batch(() -> dialect.closeCurrentVersion(table, spec.keyNames(), Write.VALID_FROM, Write.VALID_TO),
                writes.closes);
    }

    /** One JDBC batch, when there is anything to send (the statement is only built then: {@code live} may be null). */
    private void batch(java.util.function.Supplier<String> sql, List<Object[]> parameters) {
        if (!parameters.isEmpty()) {
            target.batchUpdate(sql.get(), parameters);
        }
    }

    private static Object[] withFirst(Object value, List<Object> key) {
        Object[] parameters = new Object[key.size() + 1];
        parameters[0] = value;
        for (int i = 0; i < key.size(); i++) {
            parameters[i + 1] = key.get(i);
        }
        return parameters;
    }

    /**
     * The rows a statement of {@link Dialect#hashedRowsByKeys} returns for {@code keys}, by key identity; null when
     * a row's key is none of theirs as read (its server equates two different texts), unless only one key was asked.
     */
    private static Map<String, List<Object[]>> rowsByKey(JdbcTemplate db, String sql, List<List<Object>> keys) {
        Set<String> asked = new HashSet<>();
        keys.forEach(key -> asked.add(Difference.identity(key)));
        String only = keys.size() == 1 ? Difference.identity(keys.get(0)) : null;
        int width = keys.get(0).size();
        Map<String, List<Object[]>> rows = new HashMap<>();
        boolean[] unknown = {false};
        db.query(sql, rs -> {
            Object[] row = RowReader.read(rs);
            String identity = only != null ? only : Difference.identity(Arrays.asList(Arrays.copyOf(row, width)));
            if (!asked.contains(identity)) {
                unknown[0] = true;
            }
            rows.computeIfAbsent(identity, k -> new ArrayList<>()).add(row);
        }, keys.stream().flatMap(List::stream).toArray());
        return unknown[0] ? null : rows;
    }
}
