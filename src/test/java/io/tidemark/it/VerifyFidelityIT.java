package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidemark.it.Fidelity.Pair;
import io.tidemark.it.Fidelity.Synced;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An equal copy of the fidelity data (every type, key kind and awkward name, see {@link Fidelity}) verifies equal on
 * every server pair: where servers render a value differently, the verifier's hash must not see a difference.
 */
class VerifyFidelityIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tidemark.it.Fidelity#pairs")
    void anEqualCopyOfEveryTypeKeyAndNameVerifiesEqualOnEveryServerPair(Pair pair) throws Exception {
        Synced s = Fidelity.synced(pair);
        s.assertOk("types");
        // The wm_* tables start from an initialValue: their older source rows are never copied, by design.
        List<String> tables = new ArrayList<>(List.of("types", "shapes", "m_date", "m_datetime0", "m_version"));
        tables.addAll(Fidelity.KEY_TABLES);
        Fidelity.NAMES.forEach(n -> tables.add(n.get(0)));
        TidemarkApp.Result result = s.f().app(tables.stream().map(t -> table("table", t)).toArray(String[]::new))
                .start("--verify").awaitExit();

        assertEquals(0, result.exitCode(), result.output());
        assertEquals(tables.size(), result.output().lines().filter(l -> l.contains(": equal (")).count(),
                result.output());
    }
}
