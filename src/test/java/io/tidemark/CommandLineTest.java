package io.tidemark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidemark.CommandLine.Mode;
import io.tidemark.CommandLine.Option;
import io.tidemark.modes.RunOptions;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the command line means, and what it refuses. */
class CommandLineTest {

    @Test
    void noOptionKeepsTheTablesInStep() throws Exception {
        assertEquals(Mode.RUN, CommandLine.parse().mode());
    }

    @Test
    void eachOptionSelectsItsMode() throws Exception {
        assertEquals(Mode.ONCE, CommandLine.parse("--once").mode());
        assertEquals(Mode.CHECK, CommandLine.parse("--check").mode());
        assertEquals(Mode.VERSION, CommandLine.parse("--version").mode());
        assertEquals(Mode.HELP, CommandLine.parse("--help").mode());
        assertEquals(Mode.HELP, CommandLine.parse("-h").mode());
        assertEquals(Mode.HELP, CommandLine.parse("--once", "--help").mode());
    }

    @Test
    void replayAndResyncTakeACommaSeparatedTableListAndRunOnce() throws Exception {
        CommandLine line = CommandLine.parse("--resync", "orders, customers", "--replay", "items");
        assertEquals(Mode.ONCE, line.mode());
        assertEquals(Set.of("orders", "customers"), line.tables(Option.RESYNC));
        assertEquals(Set.of("items"), line.tables(Option.REPLAY));
        assertEquals(Set.of(), CommandLine.parse("--once").tables(Option.RESYNC));
    }

    @Test
    void theRunOptionsCarryTheOneShotRunAndItsTables() throws Exception {
        assertEquals(new RunOptions(true, false, Set.of("items"), Set.of("orders", "customers")),
                CommandLine.parse("--resync", "orders,customers", "--replay", "items").runOptions());
        assertEquals(new RunOptions(true, false, Set.of(), Set.of()), CommandLine.parse("--once").runOptions());
        assertEquals(RunOptions.NONE, CommandLine.parse().runOptions());
    }

    @Test
    void checkVerifyAndRepairAreChecksThatNeverJoinTheClusterNorStartTheDemo() throws Exception {
        assertTrue(CommandLine.parse("--check").runOptions().check());
        assertTrue(CommandLine.parse("--verify", "orders").runOptions().check());
        assertTrue(CommandLine.parse("--repair").runOptions().check());
        assertFalse(CommandLine.parse("--once").runOptions().check());
    }

    @Test
    void anUnknownOptionIsRefusedWithTheClosestOne() {
        CommandLine.Invalid e = assertThrows(CommandLine.Invalid.class, () -> CommandLine.parse("--onec"));
        assertEquals("unknown option '--onec'; did you mean --once?; see --help", e.getMessage());
        assertEquals("unknown option '-x'; see --help",
                assertThrows(CommandLine.Invalid.class, () -> CommandLine.parse("-x")).getMessage());
        assertEquals("unexpected argument 'orders'; see --help",
                assertThrows(CommandLine.Invalid.class, () -> CommandLine.parse("orders")).getMessage());
    }

    @Test
    void resyncOrReplayWithoutATableIsRefused() {
        assertEquals("--resync needs the table(s) to act on, e.g. --resync orders or --resync orders,customers",
                assertThrows(CommandLine.Invalid.class, () -> CommandLine.parse("--resync")).getMessage());
        assertThrows(CommandLine.Invalid.class, () -> CommandLine.parse("--replay", "--once"));
        assertThrows(CommandLine.Invalid.class, () -> CommandLine.parse("--replay", " , "));
    }

    @Test
    void modesThatExcludeEachOtherAreRefused() {
        assertEquals("--check and --once cannot be used together",
                assertThrows(CommandLine.Invalid.class, () -> CommandLine.parse("--check", "--once")).getMessage());
        assertThrows(CommandLine.Invalid.class, () -> CommandLine.parse("--version", "--check"));
    }

    @Test
    void helpListsEveryOption() {
        for (Option option : Option.values()) {
            assertTrue(CommandLine.options().contains(option.flag()), option.flag());
        }
    }
}
