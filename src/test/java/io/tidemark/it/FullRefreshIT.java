package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FullRefreshIT {

    @ParameterizedTest
    @EnumSource(Server.class)
    void aTableWithoutModifierIsReplacedWholeAndReadersNeverSeeItEmpty(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "full");
        f.source.execute("CREATE TABLE codes (code INT PRIMARY KEY, label VARCHAR(40))",
                "INSERT INTO codes WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                        + "SELECT i, CONCAT('label ', i) FROM n");
        TidemarkApp app = f.app(table("table", "codes", "batchSize", "500"));
        assertEquals(0, app.once().exitCode());
        f.assertSameRows("codes", "code", "code", "label");

        f.source.execute("DELETE FROM codes WHERE code % 3 = 0", "UPDATE codes SET label = 'changed' WHERE code % 7 = 0",
                "INSERT INTO codes VALUES (30000, 'new')");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong smallest = new AtomicLong(Long.MAX_VALUE);
        Thread reader = new Thread(() -> {
            while (running.get()) {
                smallest.accumulateAndGet(f.target.count("SELECT COUNT(*) FROM codes"), Math::min);
            }
        });
        reader.start();
        TidemarkApp.Result result = app.once();
        running.set(false);
        reader.join();

        assertEquals(0, result.exitCode(), result.output());
        f.assertSameRows("codes", "code", "code", "label");
        assertTrue(smallest.get() >= f.source.count("SELECT COUNT(*) FROM codes"),
                "a reader saw " + smallest.get() + " rows during the refresh");
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'codes\\_\\_%'"), "no staging table is left");
    }
}
