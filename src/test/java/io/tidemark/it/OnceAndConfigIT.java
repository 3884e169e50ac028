package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code --once} exit codes and start-up validation; the behaviour does not depend on the server kind. */
class OnceAndConfigIT {

    @Test
    void onceExitsZeroWhenEveryTableSucceededAndOneWhenATableFailed() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "once");
        f.source.execute("CREATE TABLE good (id INT PRIMARY KEY, v VARCHAR(20))", "INSERT INTO good VALUES (1, 'fine')",
                "CREATE TABLE bad (id INT PRIMARY KEY, v VARCHAR(20), changed DATETIME)", "INSERT INTO bad VALUES (1, 'x', NOW())");
        // A trigger on the target refuses every write: not a row's fault, so the run fails (no dead letters).
        f.target.execute("CREATE TABLE bad (id INT PRIMARY KEY, v VARCHAR(20), changed DATETIME, _tidemark_load_id VARCHAR(64) NOT NULL, "
                        + "_tidemark_row_id VARCHAR(128) NOT NULL)",
                "CREATE TRIGGER refuse BEFORE INSERT ON bad FOR EACH ROW "
                        + "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'writes to bad are closed'");

        // The route controller starts the routes 2 s after Camel: the single fire of --once still finds them.
        TidemarkApp.Result good = f.app(table("table", "good")).option("-Dcamel.routecontroller.initial-delay=2000").once();
        assertEquals(0, good.exitCode(), good.output());
        assertTrue(good.output().contains("good: ok, 1 rows"), good.output());

        TidemarkApp.Result mixed = f.app(table("table", "good"), table("table", "bad", "modifier", "changed")).once();
        assertEquals(1, mixed.exitCode(), mixed.output());
        assertTrue(mixed.output().contains("bad: FAILED"), mixed.output());
        assertTrue(mixed.output().contains("SQLState 45000"), "the SQLState is reported: " + mixed.output());
        assertTrue(mixed.output().contains("writes to bad are closed"), mixed.output());
        assertEquals("failed", f.target.value("SELECT status FROM _tidemark_state WHERE table_name = 'bad'"));
    }

    @Test
    void onceRunsEachTableFromItsDirectEndpointWithoutStartingQuartz() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "once_direct");
        f.source.execute("CREATE TABLE a (id INT PRIMARY KEY)", "INSERT INTO a VALUES (1), (2)",
                "CREATE TABLE b (id INT PRIMARY KEY)", "INSERT INTO b VALUES (1)");
        TidemarkApp.Result result = f.app(table("table", "a"), table("table", "b")).once();
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.stdout().contains("a: ok, 2 rows") && result.stdout().contains("b: ok, 1 rows"),
                result.output());
        assertFalse(result.output().toLowerCase(java.util.Locale.ROOT).contains("quartz"), result.output());
    }

    @Test
    void theOnceSettingRunsEveryTableOnceLikeTheOption() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "once_setting");
        f.source.execute("CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
        TidemarkApp.Result result = f.app(table("table", "t")).option("-Dtidemark.once=true").start()
                .awaitExit(Duration.ofSeconds(120));
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.stdout().contains("t: ok, 1 rows"), result.output());
    }

    @Test
    void onceRunsNoScheduledVerificationEvenWhenItsIntervalPassedBeforeTheRun() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "once_no_verify");
        f.source.execute("CREATE TABLE v (id INT PRIMARY KEY)", "INSERT INTO v VALUES (1)");
        // The routes start 3 s after Camel: the table's 1 s verify schedule is due when its run ends.
        TidemarkApp.Result result = f.app(table("table", "v", "verify", "1s"))
                .option("-Dcamel.routecontroller.initial-delay=3000").once();
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.stdout().contains("v: ok, 1 rows"), result.output());
        assertFalse(result.output().contains("(verification, scheduled)"), result.output());
    }

    @Test
    void onceDoesNotWaitForADatabaseThatDoesNotAnswer() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "once_down");
        f.source.execute("CREATE TABLE t (id INT PRIMARY KEY)");
        try (FaultyLink link = new FaultyLink(f.target.url())) {
            link.cut();
            TidemarkApp.Result result = f.app(table("table", "t"))
                    .option("-Dtidemark.target.url=" + link.url(f.target.url()))
                    .option("-Dtidemark.pool.connection-timeout-ms=2000").once();
            assertEquals(2, result.exitCode(), result.output());
            assertTrue(result.output().contains("Tidemark could not start: cannot create Tidemark's state tables in the "
                    + "target database: SQLState 08"), result.output());
        }
    }

    @Test
    void badConfigurationStopsStartUpWithOneMessagePerProblemNamingTableAndValidColumns() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "config");
        f.source.execute("CREATE TABLE orders (id INT PRIMARY KEY, total INT, changed_at DATETIME)",
                "CREATE TABLE items (id INT PRIMARY KEY)", "CREATE TABLE nokey (a INT, b INT)");

        TidemarkApp.Result result = f.app(table("table", "ordres"),
                table("table", "orders", "modifier", "updated_at"),
                table("table", "orders", "primaryKey", "id,nope"),
                table("table", "nokey"),
                table("table", "items", "batchSize", "lots")).once();

        assertEquals(2, result.exitCode(), result.output());
        String out = result.output();
        assertTrue(out.contains("table 'ordres' does not exist in the source database; tables there: [items, nokey, orders]"), out);
        assertTrue(out.contains("table 'orders': modifier column 'updated_at' is not a column of the source table; "
                + "valid columns: [id, total, changed_at]"), out);
        assertTrue(out.contains("table 'nokey' has no primary key and none is given: set primaryKey"), out);
        assertTrue(out.contains("table 'items': batchSize 'lots' is not a positive whole number"), out);
        assertTrue(out.contains("table 'orders' has more than one templatedRoute with route id 'sync-orders'"), out);
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME NOT LIKE '\\_tidemark%'"), "no table was created");
    }
}
