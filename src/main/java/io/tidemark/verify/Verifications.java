package io.tidemark.verify;

import io.tidemark.source.Catalog;
import io.tidemark.sql.Dialect;
import io.tidemark.store.Write;
import io.tidemark.table.TableSpec;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Verification and repair of one table, as {@code --verify}, {@code --repair}, the API and schedules ask for it. */
public final class Verifications {

    private static final DateTimeFormatter UTC_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final Catalog sourceCatalog;
    private final Catalog targetCatalog;
    private final JdbcTemplate target;
    private final Dialect dialect;
    /** Servers of different engines (MySQL or MariaDB and PostgreSQL): every column is hashed in the JVM. */
    private final boolean inJvmAll;
    private final Verifier verifier;
    private final Repairer repairer;
    private final VerificationStore store;
    private final String softDeleteColumn;
    private volatile java.util.function.BiConsumer<String, Outcome> observer = (table, outcome) -> { };

    /** {@code dialect}: the target's; {@code sourceDialect} reads the source's catalog. */
    public Verifications(DataSource source, DataSource target, Dialect sourceDialect, Dialect dialect,
                         Verifier verifier, Repairer repairer, VerificationStore store, String softDeleteColumn) {
        this.sourceCatalog = new Catalog(source, sourceDialect);
        this.inJvmAll = sourceDialect.getClass() != dialect.getClass();
        this.targetCatalog = new Catalog(target, dialect);
        this.target = new JdbcTemplate(target);
        this.dialect = dialect;
        this.verifier = verifier;
        this.repairer = repairer;
        this.store = store;
        this.softDeleteColumn = softDeleteColumn;
    }

    /** A verification, and the repair and second verification when one was made. */
    public record Outcome(Deletes deletes, Verification found, Repair repair, Verification after, Duration took) {

        public boolean equal() {
            return (after != null ? after : found).equal(deletes);
        }

        /** The table's line: the verification's, or what was repaired and then the second verification's. */
        public String line() {
            if (repair == null) {
                return found.line(deletes);
            }
            String again = after.line(deletes);
            int colon = again.indexOf(": ");
            return again.substring(0, colon + 2) + repair.text() + "; now " + again.substring(colon + 2)
                    + String.format(java.util.Locale.ROOT, "; %.1f s in all", took.toMillis() / 1000.0);
        }
    }

    /** Who hears of every verification's outcome, by table (the alerts: io.tidemark.alert.Condition). */
    public void observe(java.util.function.BiConsumer<String, Outcome> observer) {
        this.observer = observer;
    }

    /** Compares; writes nothing. */
    public Outcome verify(TableSpec spec, Deletes deletes) throws SQLException {
        Verification found = verifier.verify(plan(spec, deletes));
        return observed(spec, new Outcome(deletes, found, null, null, found.took()));
    }

    private Outcome observed(TableSpec spec, Outcome outcome) {
        observer.accept(spec.table(), outcome);
        return outcome;
    }

    /** Compares, repairs what differs (see {@link Repairer}) and compares again. */
    public Outcome repair(TableSpec spec, Deletes deletes, boolean force) throws SQLException {
        long t0 = System.nanoTime();
        Verifier.Plan plan = plan(spec, deletes);
        Verification found = verifier.verify(plan);
        if (found.equal(deletes)) {
            return observed(spec, new Outcome(deletes, found, null, null, found.took()));
        }
        if (deletes == Deletes.MARK && plan.live() == null && found.extra() > 0) {
            target.execute(dialect.addColumn(spec.targetTable(), Verifier.softDelete(softDeleteColumn)));
            plan = plan(spec, deletes);
        }
        String started = UTC_MICROS.format(Instant.now());
        Repair repair = repairer.repair(plan, found, deletes, force,
                (loadId, rows) -> store.recordLoad(spec.targetTable(), loadId, started, rows));
        Verification after = verifier.again(plan, found); // the rows it named; the rest was equal just now
        return observed(spec, new Outcome(deletes, found, repair, after, Duration.ofNanos(System.nanoTime() - t0)));
    }

    private Verifier.Plan plan(TableSpec spec, Deletes deletes) throws SQLException {
        Write write = spec.settings().write();
        if (write == Write.APPEND) {
            throw new IllegalStateException("table '" + spec.table() + "' keeps one target row per change (write: "
                    + "append), so there is no one row per key to compare: verify it by hand, e.g. the latest row of "
                    + "each key against the source");
        }
        if (write == Write.SCD2) { // the current versions are compared; a closed one is history, not a row
            return new Verifier.Plan(spec, Write.VALID_TO, inJvm());
        }
        String live = deletes == Deletes.MARK && targetCatalog.table(spec.targetTable())
                .flatMap(t -> t.column(softDeleteColumn)).isPresent() ? softDeleteColumn : null;
        return new Verifier.Plan(spec, live, inJvm());
    }

    /** Every column between engines; JSON ones between MySQL and MariaDB (one keeps JSON's text, one normalises it). */
    private Verifier.InJvm inJvm() throws SQLException {
        return inJvmAll ? Verifier.InJvm.ALL : sourceCatalog.mariaDb() != targetCatalog.mariaDb() ? Verifier.InJvm.JSON
                : Verifier.InJvm.NONE;
    }
}
