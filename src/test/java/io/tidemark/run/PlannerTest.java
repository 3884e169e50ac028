package io.tidemark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidemark.run.Plan.Bulk;
import io.tidemark.run.Plan.Mode;
import io.tidemark.source.Column;
import io.tidemark.run.ModifierValues;
import io.tidemark.sql.Dialect.From;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner over every committed state a run can leave (each phase, and each point at which a run can fail or be
 * killed: the state is then what its last committed transaction wrote) x modifier kind x lag x initialValue.
 * Each case says what the next run does and what state it records at its start, after a batch and after its copy.
 */
class PlannerTest {

    /** A modifier kind, with the source's clock reading, a lag that is not zero and a committed position of its own. */
    record Kind(String name, Column modifier, String lag, Object bound, Object mark, long invisible, String markMinusLag,
                String committed, String committedMinusLag, String initialValue) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Kind> KINDS = List.of(
            new Kind("datetime(6)", column("updated_at", "datetime", "datetime(6)", false), "5s",
                    "2026-12-05 13:00:00.000000", "2026-01-01 01:40:00.000000", 0, "2026-01-01 01:39:55.000000",
                    "2026-03-01 10:00:00.000000", "2026-03-01 09:59:55.000000", "2025-06-01 00:00:00"),
            new Kind("DATE", column("booked_on", "date", "date", false), "1d", "2026-12-05", "2026-01-01", 0,
                    "2025-12-31", "2026-03-01", "2026-02-28", "2025-06-01"),
            new Kind("numeric", column("version", "bigint", "bigint unsigned", false), "3", new BigDecimal("90"),
                    new BigDecimal("40"), 0, "37", "70", "67", "10"),
            new Kind("nullable datetime", column("updated_at", "datetime", "datetime(6)", true), "5s",
                    "2026-12-05 13:00:00.000000", "2026-01-01 01:40:00.000000", 50, "2026-01-01 01:39:55.000000",
                    "2026-03-01 10:00:00.000000", "2026-03-01 09:59:55.000000", "2025-06-01 00:00:00"));

    /** What the next run should do, with positions named: mark, mark-lag, committed, committed-lag, initial, start. */
    record Expected(Mode mode, Phase phase, String committed, String start, From from, boolean restart, boolean staging,
                    boolean freshStaging, Bulk bulk, boolean thenIncremental) {
    }

    /**
     * One row of the table: the state a table is in (phase, and where a run stopped or failed), with what the next
     * run does without and with an initialValue, and with lag 0 and a lag above 0.
     */
    record Case(String state, Optional<Committed> committed, boolean resync, boolean stagingExists,
                Expected noInitialLag0, Expected noInitialLag, Expected initialLag0, Expected initialLag) {
    }

    private static final Expected FRESH_LOAD = new Expected(Mode.INITIAL, Phase.INITIAL, "mark", "mark", From.START,
            true, false, false, Bulk.IF_EMPTY_AFTER_START, true);
    private static final Expected RESUMED_LOAD = new Expected(Mode.INITIAL, Phase.INITIAL, "old mark+key",
            "old mark+key", From.POSITION, false, false, false, Bulk.IF_EMPTY_AFTER_START, true);
    private static final Expected FRESH_RESYNC = new Expected(Mode.RESYNC, Phase.RESYNC, "mark", "mark", From.START,
            true, true, true, Bulk.YES, true);
    private static final Expected RESUMED_RESYNC = new Expected(Mode.RESYNC, Phase.RESYNC, "old mark+key",
            "old mark+key", From.POSITION, false, true, false, Bulk.YES, true);
    private static final Expected FROM_INITIAL = new Expected(Mode.INCREMENTAL, Phase.INCREMENTAL, "start",
            "initial", From.VALUE, false, false, false, Bulk.NO, false);
    private static final Expected FROM_INITIAL_AGAIN = new Expected(Mode.INCREMENTAL, Phase.INCREMENTAL, "start",
            "initial", From.VALUE, true, false, false, Bulk.NO, false);
    private static final Expected FROM_START = new Expected(Mode.INCREMENTAL, Phase.INCREMENTAL, "start", "start",
            From.START, false, false, false, Bulk.NO, false);
    private static final Expected AFTER_COPY_LAG0 = new Expected(Mode.INCREMENTAL, Phase.INCREMENTAL, "old mark",
            "old mark", From.VALUE, false, false, false, Bulk.NO, false);
    private static final Expected AFTER_COPY_LAG = new Expected(Mode.INCREMENTAL, Phase.INCREMENTAL, "old mark",
            "old mark-lag", From.VALUE, false, false, false, Bulk.NO, false);
    private static final Expected AT_ROW_LAG0 = new Expected(Mode.INCREMENTAL, Phase.INCREMENTAL, "committed+key",
            "committed+key", From.POSITION, false, false, false, Bulk.NO, false);
    private static final Expected AT_ROW_LAG = new Expected(Mode.INCREMENTAL, Phase.INCREMENTAL, "committed+key",
            "committed-lag", From.VALUE, false, false, false, Bulk.NO, false);

    /** The old mark a copy recorded when it began, and the key it had copied up to. */
    private static final List<String> KEY = List.of("4711");

    static List<Case> cases(Kind kind) {
        Position oldMark = new Position(kind.committed(), null);
        Position oldMarkKey = new Position(kind.committed(), KEY);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("a new table", Optional.empty(), false, false,
                FRESH_LOAD, FRESH_LOAD, FROM_INITIAL, FROM_INITIAL));
        cases.add(new Case("a first load that failed or was killed before its first commit",
                committed(Phase.INITIAL, oldMark, 0, false), false, false,
                FRESH_LOAD, FRESH_LOAD, FRESH_LOAD, FRESH_LOAD));
        cases.add(new Case("a first load that failed or was killed between batches (or after its last)",
                committed(Phase.INITIAL, oldMarkKey, 900, false), false, false,
                RESUMED_LOAD, RESUMED_LOAD, RESUMED_LOAD, RESUMED_LOAD));
        cases.add(new Case("a first load whose run failed after the copy, in its incremental pass",
                committed(Phase.INCREMENTAL, oldMark, 1000, false), false, false,
                AFTER_COPY_LAG0, AFTER_COPY_LAG, AFTER_COPY_LAG0, AFTER_COPY_LAG));
        cases.add(new Case("an incremental table that committed a batch (failed or killed later, or ended well)",
                committed(Phase.INCREMENTAL, new Position(kind.committed(), KEY), 1000, true), false, false,
                AT_ROW_LAG0, AT_ROW_LAG, AT_ROW_LAG0, AT_ROW_LAG));
        cases.add(new Case("an incremental table without position whose first load failed before 0.2 recorded it",
                committed(Phase.INCREMENTAL, Position.START, 0, false), false, false,
                FRESH_LOAD, FRESH_LOAD, FROM_INITIAL, FROM_INITIAL));
        cases.add(new Case("an incremental table without position whose source had no modifier yet",
                committed(Phase.INCREMENTAL, Position.START, 20, true), false, false,
                FROM_START, FROM_START, FROM_INITIAL, FROM_INITIAL));
        cases.add(new Case("a resync that failed or was killed before its first commit",
                committed(Phase.RESYNC, oldMark, 0, false), false, true,
                FRESH_RESYNC, FRESH_RESYNC, FRESH_RESYNC, FRESH_RESYNC));
        cases.add(new Case("a resync that failed or was killed between batches or before its swap",
                committed(Phase.RESYNC, oldMarkKey, 900, true), false, true,
                RESUMED_RESYNC, RESUMED_RESYNC, RESUMED_RESYNC, RESUMED_RESYNC));
        cases.add(new Case("a resync killed after its swap and before its phase change",
                committed(Phase.RESYNC, oldMarkKey, 900, true), false, false,
                FRESH_RESYNC, FRESH_RESYNC, FRESH_RESYNC, FRESH_RESYNC));
        cases.add(new Case("a resync asked for on an incremental table",
                committed(Phase.INCREMENTAL, new Position(kind.committed(), KEY), 1000, true), true, false,
                FRESH_RESYNC, FRESH_RESYNC, FROM_INITIAL_AGAIN, FROM_INITIAL_AGAIN));
        cases.add(new Case("a resync asked for during a resync",
                committed(Phase.RESYNC, oldMarkKey, 900, true), true, true,
                FRESH_RESYNC, FRESH_RESYNC, FROM_INITIAL_AGAIN, FROM_INITIAL_AGAIN));
        cases.add(new Case("a full-refresh table given a modifier",
                committed(Phase.FULL, Position.START, 0, true), false, false,
                FRESH_LOAD, FRESH_LOAD, FRESH_LOAD, FRESH_LOAD));
        return cases;
    }

    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        for (Kind kind : KINDS) {
            for (Case c : cases(kind)) {
                rows.add(Arguments.of(c.state(), kind, false, false, c, c.noInitialLag0()));
                rows.add(Arguments.of(c.state(), kind, true, false, c, c.noInitialLag()));
                rows.add(Arguments.of(c.state(), kind, false, true, c, c.initialLag0()));
                rows.add(Arguments.of(c.state(), kind, true, true, c, c.initialLag()));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}, {1} modifier, lag {2}, initialValue {3}")
    @MethodSource("table")
    void theNextRunIsPlannedFromTheCommittedStateAlone(String state, Kind kind, boolean lag, boolean initial, Case c,
                                                      Expected expected) {
        Planner.Table table = new Planner.Table(kind.modifier(), ModifierValues.parseLag(kind.modifier(),
                lag ? kind.lag() : kind.modifier().numeric() ? "0" : "0s"),
                initial ? kind.initialValue() : null);
        Clock clock = new Clock(kind.bound(), kind.mark(), kind.invisible());

        Plan plan = Planner.plan(table, c.committed(), clock, c.resync(), c.stagingExists());

        assertEquals(expected.mode(), plan.mode(), "mode");
        assertEquals(expected.phase(), plan.phase(), "phase recorded by its batches");
        assertEquals(position(kind, expected.committed()), plan.committed(), "committed position");
        assertEquals(position(kind, expected.start()), plan.start(), "start");
        assertEquals(expected.from(), plan.from(), "first page");
        assertEquals(expected.restart(), plan.restart(), "records its phase before copying");
        assertEquals(expected.staging(), plan.staging(), "writes to the staging table");
        assertEquals(expected.freshStaging(), plan.freshStaging(), "creates the staging table anew");
        assertEquals(expected.bulk(), plan.bulk(), "bulk path");
        assertEquals(expected.thenIncremental(), plan.thenIncremental(), "continues incrementally after its copy");
        assertEquals(kind.bound(), plan.bound(), "reads up to the clock");
        assertEquals(kind.invisible(), plan.invisible(), "rows with a NULL modifier");
        if (plan.copy()) {
            // The state after each batch keeps the copy's mark and moves its key; after the copy the table is
            // incremental just before the mark, and the same run goes on from there up to the same clock.
            Position afterBatch = Planner.afterBatch(plan, null, List.of(5000));
            assertEquals(new Position(plan.committed().modifier(), List.of("5000")), afterBatch, "after a batch");
            assertEquals(new Position(plan.committed().modifier(), null), Planner.afterCopy(plan), "after the copy");
            Plan rest = Planner.continueAfterCopy(table, plan);
            Expected after = lag ? AFTER_COPY_LAG : AFTER_COPY_LAG0;
            Position mark = new Position(plan.committed().modifier(), null);
            assertEquals(Mode.INCREMENTAL, rest.mode());
            assertEquals(mark, rest.committed(), "the incremental pass starts from the copy's mark");
            boolean fresh = mark.equals(Position.before(kind.mark()));
            assertEquals(!lag ? mark : new Position(fresh ? kind.markMinusLag() : kind.committedMinusLag(), null),
                    rest.start(), "the incremental pass re-reads the lag window before the mark");
            assertEquals(after.from(), rest.from());
            assertEquals(kind.bound(), rest.bound(), "up to the same clock");
            assertEquals(Bulk.NO, rest.bulk());
        } else {
            Position afterBatch = Planner.afterBatch(plan, kind.bound(), List.of(5000));
            assertEquals(new Position(Position.text(kind.bound()), List.of("5000")), afterBatch, "after a batch");
        }
    }

    @Test
    void aFullRefreshTableIsCopiedWholeIntoItsStagingTableWhateverItsState() {
        Planner.Table table = new Planner.Table(null, null, null);
        for (Optional<Committed> committed : List.of(Optional.<Committed>empty(),
                committed(Phase.FULL, Position.START, 0, false), committed(Phase.INCREMENTAL, Position.START, 5, true))) {
            Plan plan = Planner.plan(table, committed, null, false, false);
            assertEquals(Mode.FULL, plan.mode());
            assertEquals(true, plan.staging() && plan.freshStaging());
            assertEquals(From.START, plan.from());
            assertEquals(false, plan.thenIncremental());
        }
    }

    @Test
    void aTableWithoutStateThatFailsBeforeRecordingOneIsRecordedInThePhaseItIsIn() {
        Column modifier = KINDS.get(0).modifier();
        assertEquals(Phase.INITIAL, Planner.phaseOfNew(new Planner.Table(modifier, java.time.Duration.ZERO, null)));
        assertEquals(Phase.INCREMENTAL, Planner.phaseOfNew(new Planner.Table(modifier, java.time.Duration.ZERO, "2025-01-01")));
        assertEquals(Phase.FULL, Planner.phaseOfNew(new Planner.Table(null, null, null)));
    }

    @Test
    void aCopyThatBeginsOnATableWithoutAnyModifierValueEndsIncrementalFromTheStart() {
        Kind kind = KINDS.get(3);
        Planner.Table table = new Planner.Table(kind.modifier(), java.time.Duration.ofSeconds(5), null);
        Plan copy = Planner.plan(table, Optional.empty(), new Clock(kind.bound(), null, 100), false, false);

        assertEquals(Position.START, copy.committed());
        assertEquals(From.START, Planner.continueAfterCopy(table, copy).from());
    }

    private static Optional<Committed> committed(Phase phase, Position position, long rows, boolean succeeded) {
        return Optional.of(new Committed(phase, position, rows, succeeded));
    }

    private static Position position(Kind kind, String name) {
        return switch (name) {
            case "mark" -> Position.before(kind.mark());
            case "old mark" -> new Position(kind.committed(), null);
            case "old mark+key", "committed+key" -> new Position(kind.committed(), KEY);
            case "old mark-lag" -> new Position(kind.committedMinusLag(), null);
            case "committed-lag" -> new Position(kind.committedMinusLag(), null);
            case "initial" -> Position.before(Position.value(kind.modifier(), kind.initialValue()));
            case "start" -> Position.START;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Column column(String name, String dataType, String columnType, boolean nullable) {
        return new Column(name, dataType, columnType, nullable, null, null, null, false);
    }
}
