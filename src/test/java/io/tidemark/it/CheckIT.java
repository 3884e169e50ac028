package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code --check} and {@code --help}: what an operator runs before starting, or after editing the tables. */
class CheckIT {

    @Test
    void checkPrintsOneLinePerTableExitsOneOnAProblemAndWritesNothing() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "check");
        f.source.execute("CREATE TABLE orders (id INT PRIMARY KEY, changed DATETIME(6))",
                "CREATE TABLE items (id INT PRIMARY KEY, v INT)");
        f.target.execute("CREATE TABLE items (id INT, v INT, PRIMARY KEY (id, v))");

        TidemarkApp.Result result = f.app(table("table", "orders", "modifier", "changed"),
                table("table", "items"), table("table", "ordres")).start("--check").awaitExit();

        assertEquals(1, result.exitCode(), result.output());
        String out = result.output();
        assertTrue(out.contains("source database: OK"), out);
        assertTrue(out.contains("target database: OK"), out);
        assertTrue(out.contains("\norders: OK\n"), out);
        assertTrue(out.contains("\nitems: target table 'items' has primary key [id, v] but rows are matched on [id]"), out);
        assertTrue(out.contains("\nordres: table 'ordres' does not exist in the source database; tables there: "
                + "[items, orders]"), out);
        assertEquals(1, f.target.count("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"),
                "nothing was created in the target, not even the state tables");
    }

    @Test
    void checkReportsThePrivilegesEachTableLacksAndEveryProblemOfATable() throws Exception {
        SyncFixture f = new SyncFixture(Server.MYSQL_8_0, "check_grants");
        String sourceDb = f.source.value("SELECT DATABASE()");
        String targetDb = f.target.value("SELECT DATABASE()");
        f.source.execute("CREATE USER IF NOT EXISTS 'tm_check'@'%' IDENTIFIED BY 'Check-Pa55'",
                "GRANT SELECT ON `" + sourceDb + "`.* TO 'tm_check'@'%'",
                "CREATE TABLE orders (id INT PRIMARY KEY, changed DATETIME(6))",
                "CREATE TABLE countries (code CHAR(2) PRIMARY KEY)",
                "CREATE TABLE items (id INT, v INT, PRIMARY KEY (id))");
        // the target user may write rows but not drop tables, which a full refresh does
        f.target.execute("CREATE USER IF NOT EXISTS 'tm_check'@'%' IDENTIFIED BY 'Check-Pa55'",
                "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER ON `" + targetDb + "`.* TO 'tm_check'@'%'",
                "CREATE TABLE items (id INT, v INT, PRIMARY KEY (id))");

        TidemarkApp.Result result = f.app(table("table", "orders", "modifier", "changed"), table("table", "countries"),
                        table("table", "items", "modifier", "nope", "primaryKey", "id,v"))
                .option("-Dtidemark.source.user=tm_check").option("-Dtidemark.source.password=Check-Pa55")
                .option("-Dtidemark.target.user=tm_check").option("-Dtidemark.target.password=Check-Pa55")
                .start("--check").awaitExit();

        assertEquals(1, result.exitCode(), result.output());
        String out = result.stdout();
        assertTrue(out.contains("\norders: OK\n"), out);
        assertTrue(out.contains("\ncountries: table 'countries': the target user tm_check@% lacks DROP on " + targetDb
                + ".countries (a full refresh replaces the table through a staging table): GRANT DROP ON `" + targetDb
                + "`.* TO 'tm_check'@'%'\n"), out);
        assertTrue(out.contains("\nitems: table 'items': modifier column 'nope' is not a column of the source table; "
                + "valid columns: [id, v]; target table 'items' has primary key [id] but rows are matched on [id, v]"), out);
    }

    @Test
    void checkExitsZeroWhenAllIsWellAndTwoWhenADatabaseCannotBeReached() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "checkok");
        f.source.execute("CREATE TABLE orders (id INT PRIMARY KEY, changed DATETIME(6))");

        TidemarkApp.Result ok = f.app(table("table", "orders", "modifier", "changed")).start("--check").awaitExit();
        assertEquals(0, ok.exitCode(), ok.output());
        assertTrue(ok.output().contains("\norders: OK\n"), ok.output());

        TidemarkApp.Result down = f.app(table("table", "orders"))
                .option("-Dtidemark.target.url=jdbc:mysql://127.0.0.1:1/nowhere")
                .option("-Dtidemark.pool.connection-timeout-ms=2000").start("--check").awaitExit();
        assertEquals(2, down.exitCode(), down.output());
        assertTrue(down.output().contains("target database: cannot connect: SQLState 08"), down.output());
    }

    @Test
    void helpListsEveryOption() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "help");
        TidemarkApp.Result help = f.app(table("table", "none")).start("--help").awaitExit();
        assertEquals(0, help.exitCode(), help.output());
        for (String option : new String[] {"--once", "--replay T", "--resync T", "--check", "--help"}) {
            assertTrue(help.output().contains(option), option + " in " + help.output());
        }
    }
}
