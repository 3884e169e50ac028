package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Repairs while the source keeps changing and a sync runs, and a repair killed half-way (docs/verification.md). */
class RepairUnderLoadIT {

    private static final String CREATE = "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50) NULL, "
            + "updated_at DATETIME(6) NOT NULL, KEY (updated_at))";

    private static String fill(int rows) {
        return "INSERT INTO items (id, name, updated_at) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                + "FROM n WHERE i < " + rows + ") SELECT i, CONCAT('item ', i), NOW(6) - INTERVAL 1 HOUR FROM n";
    }

    @Test
    void writersAndARunningSyncDuringARepairNeverLeaveARowInAnOlderState() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "repair_writers");
        f.source.execute(CREATE, fill(5000));
        String items = table("table", "items", "modifier", "updated_at", "schedule", "500ms", "lag", "0s");
        assertEquals(0, f.app(items).once().exitCode());
        // differences only a repair sees: rows removed and edited in the target by hand
        f.target.execute("DELETE FROM items WHERE id % 50 = 1", "UPDATE items SET name = 'by hand' WHERE id % 50 = 2");
        TidemarkApp sync = f.app(items).start();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger changes = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (writing.get()) { // the rows the repair works on, again and again
                int n = changes.incrementAndGet();
                f.source.execute("UPDATE items SET name = CONCAT('write ', " + n + "), updated_at = NOW(6) "
                        + "WHERE id % 50 IN (1, 2) AND id % 7 = " + (n % 7));
            }
        });
        writer.start();
        try {
            TidemarkApp.Result repair = f.app(items).start("--repair").awaitExit();
            assertTrue(repair.output().contains("items: repaired: "), repair.output());
        } finally {
            writing.set(false);
            writer.join();
        }
        assertTrue(changes.get() > 10, "the source changed during the repair: " + changes.get());
        String last = f.source.value("SELECT CONCAT(MAX(updated_at)) FROM items");
        TidemarkApp.await(Duration.ofSeconds(60), () -> last.equals(f.target.value(
                "SELECT CONCAT(MAX(updated_at)) FROM items")), "the sync to catch up");
        sync.stop();

        TidemarkApp.Result verify = f.app(items).start("--verify").awaitExit();

        assertEquals(0, verify.exitCode(), "every row as new as the source's:\n" + verify.output());
        f.assertSameRows("items", "id", "id", "name", "updated_at");
    }

    @Test
    void aRepairKilledHalfWayEndsEqualWhenRunAgain() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "repair_killed");
        f.source.execute(CREATE, fill(16000));
        TidemarkApp app = f.app(table("table", "items", "modifier", "updated_at"));
        assertEquals(0, app.once().exitCode());
        f.target.execute("DELETE FROM items WHERE id % 2 = 0", "UPDATE items SET name = NULL WHERE id % 10 = 1");

        app.start("--repair");
        TidemarkApp.await(Duration.ofSeconds(60), () -> f.target.count("SELECT COUNT(*) FROM items") > 8500,
                "the repair to have written some rows");
        assertTrue(app.running(), "still repairing when killed");
        app.kill();
        long written = f.target.count("SELECT COUNT(*) FROM items");
        assertTrue(written > 8500 && written < 16000, written + " rows in the target after the kill");

        TidemarkApp.Result again = app.start("--repair").awaitExit();

        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("now equal (16,000 rows"), again.output());
        f.assertSameRows("items", "id", "id", "name", "updated_at");
    }
}
