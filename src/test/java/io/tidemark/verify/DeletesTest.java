package io.tidemark.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidemark.table.TableSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeletesTest {

    @Test
    void deletesDefaultsToPropagateAndTakesMarkAndKeepInAnyCase() {
        List<String> problems = new ArrayList<>();
        assertEquals(Deletes.PROPAGATE, Deletes.parse("orders", null, problems));
        assertEquals(Deletes.MARK, Deletes.parse("orders", "Mark", problems));
        assertEquals(Deletes.KEEP, Deletes.parse("orders", "keep", problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void anUnknownDeletesValueStopsStartUpNamingTheTableAndTheValidValues() {
        List<String> problems = new ArrayList<>();
        TableSettings.parse(Map.of("table", "orders", "deletes", "purge"), problems);
        assertEquals(List.of("table 'orders': deletes 'purge' is not one of propagate, mark, keep"), problems);
    }
}
