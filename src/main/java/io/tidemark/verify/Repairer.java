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
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes the target's rows equal to the source's, row by row, for the differences a verification named. Each row is
 * decided again at the moment it is repaired, never from the verification's answer alone, in this order inside one
 * target transaction (per {@value #BATCH} rows):
 * <ol>
 *   <li>the target row is locked ({@code SELECT ... FOR UPDATE}; a missing row's gap is locked too);</li>
 *   <li>the source row is read by its key;</li>
 *   <li>if they still differ, the source's row is written (or the target's deleted or marked), then commit.</li>
 * </ol>
 * A sync run that writes the same row meanwhile waits for that lock, and what it writes was read from the source
 * no earlier than the repair read it (it read after the lock was taken, or wrote before, in which case the repair's
 * own read of the source is the newer one): a repair never puts back an older state of a row, and never deletes a
 * row the source has when the repair looks. A row inserted at the source just after that look is new there, and the
 * next sync run copies it.
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
     * looks exactly like a mass delete.
     */
    public Repair repair(Verifier.Plan plan, Verification found, Deletes deletes, boolean force) {
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
        List<Difference> differences = found.differences();
        for (int from = 0; from < differences.size(); from += BATCH) {
            List<Difference> batch = differences.subList(from, Math.min(differences.size(), from + BATCH));
            boolean delete = deleting;
            long[] done = retried(() -> {
                long[] c = new long[4];
                transaction.run(tx -> batch.forEach(d -> act(plan, d.key(), deletes, delete, loadId, c)));
                return c;
            }, plan.spec().table());
            for (int i = 0; i < counts.length; i++) {
                counts[i] += done[i];
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

    private void act(Verifier.Plan plan, List<Object> key, Deletes deletes, boolean deleting, String loadId,
                     long[] counts) {
        TableSpec spec = plan.spec();
        String live = plan.live();
        List<Column> liveColumn = live == null ? List.of() : List.of(Verifier.softDelete(live));
        List<Object[]> inTarget = target.query(dialect.hashedRowByKey(spec.targetTable(), plan.hashed(), plan.jvm(),
                liveColumn, spec.key(), true, null), (rs, n) -> RowReader.read(rs), key.toArray());
        List<Object[]> inSource = source.query(sourceDialect.hashedRowByKey(spec.table(), plan.hashed(), plan.jvm(),
                spec.copied(), spec.key(), false, spec.where()), (rs, n) -> RowReader.read(rs), key.toArray());
        boolean versions = BatchWriter.versions(spec);
        // scd2: the key has one row per version; the current one is open (its valid_to, read last, is NULL)
        Object[] t = versions ? inTarget.stream().filter(r -> r[r.length - 1] == null).findFirst().orElse(null)
                : inTarget.isEmpty() ? null : inTarget.get(0);
        boolean marked = !versions && t != null && live != null && t[t.length - 1] != null;
        if (inSource.isEmpty()) {
            if (t == null || marked || !deleting) {
                return;
            }
            if (versions) { // deletes propagate or mark: the row's history ends, at the source's latest change
                String highest = source.queryForObject(sourceDialect.highestModifier(spec.table(), spec.modifier()),
                        String.class);
                List<Object> parameters = new ArrayList<>();
                parameters.add(highest);
                parameters.addAll(key);
                target.update(dialect.closeCurrentVersion(spec.targetTable(), spec.keyNames(), Write.VALID_FROM,
                        Write.VALID_TO), parameters.toArray());
                counts[deletes == Deletes.MARK ? 3 : 2]++;
            } else if (deletes == Deletes.PROPAGATE) {
                target.update(dialect.deleteByKey(spec.targetTable(), spec.key()), key.toArray());
                counts[2]++;
            } else if (deletes == Deletes.MARK) {
                List<Object> parameters = new ArrayList<>(List.of(UTC_MICROS.format(Instant.now())));
                parameters.addAll(key);
                target.update(dialect.markByKey(spec.targetTable(), live, spec.key()), parameters.toArray());
                counts[3]++;
            }
            return;
        }
        Object[] s = inSource.get(0);
        if (t != null && !marked && Verifier.rowHash(plan, s, 0).equals(Verifier.rowHash(plan, t, 0))) {
            return; // equal by now (a sync run was faster)
        }
        int first = 1 + plan.jvm().size();
        Object[] values = Arrays.copyOf(Arrays.copyOfRange(s, first, s.length), s.length - first + 2);
        values[values.length - 2] = loadId;
        values[values.length - 1] = Lineage.rowId(spec.targetTable(), key);
        if (versions) { // a new version (or the same version corrected), closing the one it follows
            List<Object> row = new ArrayList<>(Arrays.asList(values));
            row.add(s[first + spec.modifierIndex()]);
            writer.write(spec, spec.targetTable(), writer.statement(spec, spec.targetTable()), List.of(row));
            counts[t == null ? 0 : 1]++;
            return;
        }
        target.update(dialect.upsert(spec.targetTable(), spec.copied(), spec.keyNames(), loadIdColumn, rowIdColumn),
                values);
        if (marked) {
            List<Object> parameters = new ArrayList<>();
            parameters.add(null);
            parameters.addAll(key);
            target.update(dialect.markByKey(spec.targetTable(), live, spec.key()), parameters.toArray());
        }
        counts[t == null || marked ? 0 : 1]++;
    }
}
