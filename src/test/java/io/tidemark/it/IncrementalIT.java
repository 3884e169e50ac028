package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IncrementalIT {

    private static final String CREATE = "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, "
            + "updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), "
            + "KEY (updated_at))";

    @ParameterizedTest
    @EnumSource(Server.class)
    void insertsAndUpdatesAreCopiedAndOnlyTheyAreWritten(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "incremental");
        f.source.execute(CREATE, "INSERT INTO items (id, name, updated_at) "
                + "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) "
                + "SELECT i, CONCAT('item ', i), NOW(6) - INTERVAL 1 HOUR FROM n");
        TidemarkApp app = f.app(table("table", "items", "modifier", "updated_at", "batchSize", "100"));
        assertEquals(0, app.once().exitCode());
        String firstLoad = f.target.value("SELECT _tidemark_load_id FROM items WHERE id = 1");

        f.source.execute("INSERT INTO items (id, name) VALUES (501, 'new one'), (502, 'new two')",
                "UPDATE items SET name = CONCAT(name, ' changed') WHERE id IN (7, 8, 9)");
        TidemarkApp.Result second = app.once();

        assertEquals(0, second.exitCode(), second.output());
        f.assertSameRows("items", "id", "id", "name", "updated_at");
        assertEquals(505, f.state("items", "rows_synced"), "500 first, then 2 inserts and 3 updates");
        assertEquals(firstLoad, f.target.value("SELECT _tidemark_load_id FROM items WHERE id = 1"),
                "an unchanged row keeps the load id that wrote it");
        assertEquals(5, f.target.count("SELECT COUNT(*) FROM items WHERE _tidemark_load_id <> '" + firstLoad + "'"));
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void aRestartWithNothingChangedCopiesNothing(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "restart");
        f.source.execute(CREATE, "INSERT INTO items (id, name, updated_at) "
                + "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) "
                + "SELECT i, CONCAT('item ', i), NOW(6) - INTERVAL 1 HOUR FROM n");
        TidemarkApp app = f.app(table("table", "items", "modifier", "updated_at"));
        assertEquals(0, app.once().exitCode());

        TidemarkApp.Result again = app.once();

        assertEquals(0, again.exitCode(), again.output());
        assertEquals(true, again.output().contains("items: ok, 0 rows"), again.output());
        assertEquals(300, f.state("items", "rows_synced"));
        // The second run re-reads the lag window behind the position, which after the first load lies just before
        // the highest modifier (all 300 rows share it): it writes nothing new and counts nothing.
        assertEquals(1, f.target.count("SELECT COUNT(*) FROM _tidemark_loads WHERE table_name = 'items' "
                + "AND rows_written > 0"), "a run that wrote nothing new records no rows");
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void tenThousandRowsSharingOneModifierValueAllArriveInBatchesOfAHundred(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "ties");
        f.source.execute(CREATE, "INSERT INTO items (id, name, updated_at) VALUES (0, 'seed', '2024-01-01 00:00:00')");
        TidemarkApp app = f.app(table("table", "items", "modifier", "updated_at", "batchSize", "100", "lag", "0s"));
        assertEquals(0, app.once().exitCode());

        f.source.execute("INSERT INTO items (id, name, updated_at) "
                + "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) "
                + "SELECT i, CONCAT('tie ', i), NOW(6) FROM n"); // NOW() is one value for the whole statement
        assertEquals(1, f.source.count("SELECT COUNT(DISTINCT updated_at) FROM items WHERE id > 0"));
        TidemarkApp.Result result = app.once();

        assertEquals(0, result.exitCode(), result.output());
        assertEquals(10001, f.target.count("SELECT COUNT(*) FROM items"));
        f.assertSameRows("items", "id", "id", "name", "updated_at");
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void aRowCommittedLateWithAnOlderModifierArrivesWithinTheLag(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "late");
        f.source.execute(CREATE, "INSERT INTO items (id, name, updated_at) VALUES (1, 'first', NOW(6) - INTERVAL 1 SECOND)");
        TidemarkApp app = f.app(table("table", "items", "modifier", "updated_at", "lag", "1m"));
        assertEquals(0, app.once().exitCode());
        f.source.execute("INSERT INTO items (id, name, updated_at) VALUES (2, 'second', NOW(6))");
        assertEquals(0, app.once().exitCode());

        // A long transaction stamped its row 30 seconds ago and commits only now, behind the watermark.
        f.source.execute("INSERT INTO items (id, name, updated_at) VALUES (3, 'late', NOW(6) - INTERVAL 30 SECOND)");
        TidemarkApp.Result result = app.once();

        assertEquals(0, result.exitCode(), result.output());
        f.assertSameRows("items", "id", "id", "name", "updated_at");
    }
}
