package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompositeKeyIT {

    @ParameterizedTest
    @EnumSource(Server.class)
    void rowsKeyedOnThreeColumnsArriveAcrossPageBoundariesWithTiedModifiers(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "composite");
        f.source.execute("CREATE TABLE `lines` (region VARCHAR(10) NOT NULL, order_no INT NOT NULL, line_no SMALLINT NOT NULL, "
                        + "qty INT NOT NULL, changed DATETIME NOT NULL, PRIMARY KEY (region, order_no, line_no), KEY (changed))",
                "INSERT INTO `lines` WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1999) "
                        + "SELECT ELT(1 + i % 3, 'eu', 'us', 'apac'), -50 + i % 37, i % 5, i, NOW() - INTERVAL 1 DAY FROM n "
                        + "ON DUPLICATE KEY UPDATE qty = qty + 1");
        TidemarkApp app = f.app(table("table", "lines", "modifier", "changed", "batchSize", "7", "lag", "0s"));
        assertEquals(0, app.once().exitCode());
        f.assertSameRows("lines", "region, order_no, line_no", "region", "order_no", "line_no", "qty", "changed");

        // Every changed row gets the same second: the pages must walk the key within that one value.
        f.source.execute("UPDATE `lines` SET qty = qty * 10, changed = NOW() WHERE order_no % 2 = 0");
        TidemarkApp.Result result = app.once();

        assertEquals(0, result.exitCode(), result.output());
        f.assertSameRows("lines", "region, order_no, line_no", "region", "order_no", "line_no", "qty", "changed");
    }
}
