package io.tidemark.run;

import io.tidemark.run.Plan.Bulk;
import io.tidemark.run.Plan.Mode;
import io.tidemark.source.Column;
import io.tidemark.run.ModifierValues;
import java.util.List;
import java.util.Optional;

/**
 * Every decision about where a table's run starts, what it does and what state it leaves, in one place and without
 * touching a database: {@link #plan} at the start of a run, {@link #afterBatch} inside each batch's transaction,
 * {@link #afterCopy} when a copy is complete. A failed or killed run changes nothing here: its state stays what its
 * last committed transaction wrote, and the next run is planned from that.
 *
 * <p>The copy rule this gives: a row is copied when its (modifier, key) lies after the table's committed position,
 * minus {@code lag}, and at or below the source's clock when a run starts. After a first load or resync the position
 * is just before the highest modifier present when the copy began (at or below the clock), never a clock reading the
 * data did not reach; so a row written later with a modifier at or above that value is copied (a tie with a larger
 * key, a back-dated import, an explicit value) and only a row written later with a modifier below the position minus
 * {@code lag} is not (see docs/guarantees.md).
 */
public final class Planner {

    /**
     * The settings planning depends on.
     *
     * @param modifier     null: a full-refresh table
     * @param lag          in the modifier's units ({@link ModifierValues#parseLag})
     * @param initialValue start the watermark here instead of copying the table first; null: copy first
     */
    public record Table(Column modifier, Object lag, String initialValue) {

        boolean incremental() {
            return modifier != null;
        }
    }

    private Planner() {
    }

    /**
     * The run's plan.
     *
     * @param committed     the table's committed state, if it has one
     * @param clock         the source's reading at the start of this run
     * @param resync        a resync was asked for ({@code --resync}, the API)
     * @param stagingExists the table's staging table exists (looked at only during a resync)
     */
    public static Plan plan(Table table, Optional<Committed> committed, Clock clock, boolean resync,
                            boolean stagingExists) {
        if (!table.incremental()) {
            return new Plan(Mode.FULL, Phase.FULL, Position.START, Position.START, null, 0, false, true, true,
                    Bulk.YES, false);
        }
        if (resync) {
            return table.initialValue() != null ? fromInitialValue(table, clock, true) : copy(Mode.RESYNC, clock);
        }
        if (committed.isEmpty()) {
            return table.initialValue() != null ? fromInitialValue(table, clock, false) : copy(Mode.INITIAL, clock);
        }
        Committed c = committed.get();
        Position p = c.position();
        return switch (c.phase()) {
            // A copy goes on after the last key it committed, towards the mark it recorded when it began; one that
            // committed nothing yet (or a resync whose staging table is gone) starts over, with a new mark.
            case INITIAL -> p.hasKey() ? resume(Mode.INITIAL, p, clock) : copy(Mode.INITIAL, clock);
            case RESYNC -> p.hasKey() && stagingExists ? resume(Mode.RESYNC, p, clock) : copy(Mode.RESYNC, clock);
            // It was a full-refresh table: its target holds the rows of the last refresh, which a first load updates.
            case FULL -> copy(Mode.INITIAL, clock);
            case INCREMENTAL -> {
                if (p.modifier() == null && table.initialValue() != null) {
                    yield fromInitialValue(table, clock, false);
                }
                if (p.modifier() == null && !c.succeeded() && c.rowsSynced() == 0) {
                    // Left by a first load that failed before its first commit (releases before 0.2 recorded it so):
                    // it is a first load still, or the rows with a NULL modifier would never be copied.
                    yield copy(Mode.INITIAL, clock);
                }
                yield incremental(table, p, clock.bound(), clock.invisible());
            }
        };
    }

    /** The position a batch's transaction records: the copy's progress by key, or the watermark after its last row. */
    public static Position afterBatch(Plan plan, Object lastModifier, List<Object> lastKey) {
        Position last = Position.after(lastModifier, lastKey);
        return plan.copy() ? plan.committed().withKey(last.key()) : last;
    }

    /** The committed state once a copy is complete (and, for a resync, swapped in): incremental, before the mark. */
    public static Position afterCopy(Plan copy) {
        return new Position(copy.committed().modifier(), null);
    }

    /** The rest of a run whose copy is complete: incremental from {@link #afterCopy}, up to the same clock. */
    public static Plan continueAfterCopy(Table table, Plan copy) {
        return incremental(table, afterCopy(copy), copy.bound(), copy.invisible());
    }

    /** The phase a table without a state row is in (recorded if its first run fails before writing one). */
    public static Phase phaseOfNew(Table table) {
        return !table.incremental() ? Phase.FULL : table.initialValue() != null ? Phase.INCREMENTAL : Phase.INITIAL;
    }

    private static Plan copy(Mode mode, Clock clock) {
        Position mark = Position.before(clock.mark());
        return new Plan(mode, mode == Mode.RESYNC ? Phase.RESYNC : Phase.INITIAL, mark, mark, clock.bound(),
                clock.invisible(), true, mode == Mode.RESYNC, mode == Mode.RESYNC,
                mode == Mode.RESYNC ? Bulk.YES : Bulk.IF_EMPTY_AFTER_START, true);
    }

    private static Plan resume(Mode mode, Position committed, Clock clock) {
        return new Plan(mode, mode == Mode.RESYNC ? Phase.RESYNC : Phase.INITIAL, committed, committed,
                clock.bound(), clock.invisible(), false, mode == Mode.RESYNC, false,
                mode == Mode.RESYNC ? Bulk.YES : Bulk.IF_EMPTY_AFTER_START, true);
    }

    private static Plan fromInitialValue(Table table, Clock clock, boolean restart) {
        Position start = Position.before(Position.value(table.modifier(), table.initialValue()));
        return new Plan(Mode.INCREMENTAL, Phase.INCREMENTAL, Position.START, start, clock.bound(), clock.invisible(),
                restart, false, false, Bulk.NO, false);
    }

    private static Plan incremental(Table table, Position committed, Object bound, long invisible) {
        Position start;
        if (committed.modifier() == null) {
            start = Position.START;
        } else if (ModifierValues.isZero(table.lag()) && committed.hasKey()) {
            start = committed;
        } else {
            start = Position.before(ModifierValues.minus(table.modifier(), committed.modifierValue(table.modifier()),
                    table.lag()));
        }
        return new Plan(Mode.INCREMENTAL, Phase.INCREMENTAL, committed, start, bound, invisible, false, false, false,
                Bulk.NO, false);
    }
}
