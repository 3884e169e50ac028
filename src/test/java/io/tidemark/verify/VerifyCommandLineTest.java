package io.tidemark.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidemark.CommandLine;
import io.tidemark.CommandLine.Mode;
import io.tidemark.CommandLine.Option;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifyCommandLineTest {

    @Test
    void verifyTakesAnyNumberOfTablesOrNone() throws Exception {
        assertEquals(Set.of(), CommandLine.parse("--verify").tables(Option.VERIFY));
        CommandLine line = CommandLine.parse("--verify", "orders", "customers,items");
        assertEquals(Mode.VERIFY, line.mode());
        assertEquals(Set.of("orders", "customers", "items"), line.tables(Option.VERIFY));
    }

    @Test
    void repairTakesForceAfterItsTables() throws Exception {
        CommandLine line = CommandLine.parse("--repair", "orders", "--force");
        assertEquals(Mode.REPAIR, line.mode());
        assertEquals(Set.of("orders"), line.tables(Option.REPAIR));
        assertTrue(line.has(Option.FORCE));
        assertFalse(CommandLine.parse("--repair").has(Option.FORCE));
    }

    @Test
    void forceWithoutRepairIsRefused() {
        assertEquals("--force goes only with --repair (e.g. --repair orders --force)",
                assertThrows(CommandLine.Invalid.class, () -> CommandLine.parse("--verify", "--force")).getMessage());
        assertThrows(CommandLine.Invalid.class, () -> CommandLine.parse("--force"));
        assertThrows(CommandLine.Invalid.class, () -> CommandLine.parse("--verify", "--once"));
    }
}
