package io.tidemark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidemark.it.Fidelity.Pair;
import io.tidemark.it.Fidelity.Synced;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Table and column names that need quoting arrive, as table, key, value and modifier names alike. */
class IdentifiersIT {

    private static final String PAIRS = "io.tidemark.it.Fidelity#pairs";

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void reservedWordsAreTableAndColumnNames(Pair pair) throws Exception {
        assertNamed(Fidelity.synced(pair), "order");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void namesWithSpacesDashesDotsAndBackticksAreTableAndColumnNames(Pair pair) throws Exception {
        Synced s = Fidelity.synced(pair);
        for (String table : List.of("my table", "dash-table", "dot.table", "tick`table")) {
            assertNamed(s, table);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void nonAsciiLettersAreTableAndColumnNames(Pair pair) throws Exception {
        assertNamed(Fidelity.synced(pair), "straße_名前");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void tablesWhoseNamesDifferOnlyByCaseStaySeparate(Pair pair) throws Exception {
        Synced s = Fidelity.synced(pair);
        assertNamed(s, "Mixed");
        assertNamed(s, "mixed");
        assertEquals("Mixed 1", s.f().target.value("SELECT v FROM `Mixed` WHERE id = 1"));
        assertEquals("mixed 1", s.f().target.value("SELECT v FROM `mixed` WHERE id = 1"));
    }

    private static void assertNamed(Synced s, String table) {
        List<String> names = Fidelity.NAMES.stream().filter(n -> n.get(0).equals(table)).findFirst().orElseThrow();
        s.assertSame(table, Database.quote(names.get(1)), names.get(1), names.get(2), names.get(3));
        assertEquals(6, s.f().target.count("SELECT COUNT(*) FROM " + Database.quote(table)));
    }
}
