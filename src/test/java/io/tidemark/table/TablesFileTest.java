package io.tidemark.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a live edit of routes/tables.camel.yaml is read, before anything is compared or applied. */
class TablesFileTest {

    @Test
    void eachTemplatedRouteBecomesItsRouteIdWithItsParametersAsText() {
        Map<String, Map<String, Object>> routes = TablesFile.parse("""
                - templatedRoute:
                    routeTemplateRef: table-sync
                    parameters:
                      - name: table
                        value: orders
                      - name: batchSize
                        value: 500
                - templatedRoute:
                    routeTemplateRef: table-sync
                    routeId: sync-orders-2
                    parameters:
                      - name: table
                        value: orders
                """);
        assertEquals(List.of("sync-orders", "sync-orders-2"), List.copyOf(routes.keySet()));
        assertEquals(Map.of("table", "orders", "batchSize", "500"), routes.get("sync-orders"));
    }

    @Test
    void anEmptyListHasNoTables() {
        assertTrue(TablesFile.parse("# every table removed\n[]\n").isEmpty());
    }

    @Test
    void aFileWithoutYamlIsRefusedAsEmpty() {
        assertEquals(TablesFile.EMPTY, assertThrows(IllegalArgumentException.class,
                () -> TablesFile.parse("# being saved\n")).getMessage());
        assertEquals(TablesFile.EMPTY, assertThrows(IllegalArgumentException.class,
                () -> TablesFile.parse("")).getMessage());
    }

    @Test
    void badYamlAnotherKindOfEntryOrARouteIdTwiceIsAProblemSentence() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TablesFile.parse("- templatedRoute: [ x\n"))
                .getMessage().startsWith("not valid YAML: "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TablesFile.parse(
                "- route:\n    from:\n      uri: timer:x\n")).getMessage().startsWith(
                "only templatedRoute entries of table-sync can be edited while running (found [route])"));
        String twice = "- templatedRoute:\n    routeTemplateRef: table-sync\n    parameters:\n"
                + "      - name: table\n        value: a\n";
        assertEquals("table 'a' has more than one templatedRoute with route id 'sync-a'; give each extra one its own "
                + "routeId (e.g. sync-a-2)", assertThrows(IllegalArgumentException.class, () -> TablesFile.parse(twice + twice))
                .getMessage());
    }
}
