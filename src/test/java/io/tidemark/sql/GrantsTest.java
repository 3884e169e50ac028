package io.tidemark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which privileges a user lacks on a table, from the grants information_schema lists. */
class GrantsTest {

    @Test
    void aPrivilegeCountsOnEverySchemaOnASchemaPatternOrOnTheTableItself() {
        Grants grants = new Grants("sync@%", "shop_1", List.of(new Grants.Grant("SELECT", null, null),
                new Grants.Grant("INSERT", "shop\\_%", null), new Grants.Grant("UPDATE", "shop_1", "orders")));
        assertEquals(List.of(), grants.missing("orders", List.of("SELECT", "INSERT", "UPDATE")));
        assertEquals(List.of("UPDATE", "DROP"), grants.missing("items", List.of("SELECT", "UPDATE", "DROP")));
        Grants other = new Grants("sync@%", "shopx1", List.of(new Grants.Grant("INSERT", "shop\\_%", null)));
        assertEquals(List.of("INSERT"), other.missing("orders", List.of("INSERT")), "an escaped _ is literal");
    }

    @Test
    void noGrantsListedMeansUnknownAndNothingIsReported() {
        assertEquals(List.of(), new Grants("root@localhost", "shop", List.of()).missing("orders", List.of("DROP")));
    }
}
