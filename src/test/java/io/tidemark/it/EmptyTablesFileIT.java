package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A tables file with nothing in it (an editor truncates it while saving) is refused, at start-up and while running;
 * an empty list ([]) removes every table deliberately, and says so at WARN.
 */
class EmptyTablesFileIT {

    @Test
    void anEmptyTablesFileStopsStartUpWithASentence() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "empty_start");
        for (String mode : new String[] {"--once", "--check"}) {
            TidemarkApp.Result result = f.app("# nothing yet\n").start(mode).awaitExit(Duration.ofSeconds(60));
            assertEquals(2, result.exitCode(), result.output());
            assertTrue(result.output().contains("routes/tables.camel.yaml: the file is empty; list the tables to sync "
                    + "in it, one templatedRoute of table-sync each (or [] to start with none)"), result.output());
        }
    }

    @Test
    void anEmptyFileSavedWhileRunningIsRefusedAndAnEmptyListStopsEveryTableAtWarn() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "empty_live");
        f.source.execute("CREATE TABLE a (id INT PRIMARY KEY)", "INSERT INTO a VALUES (1)");
        TidemarkApp app = f.app(table("table", "a", "schedule", "1s"))
                .option("-Dtidemark.tables.watch-interval=300ms").start();
        try {
            TidemarkApp.await(Duration.ofSeconds(60), () -> f.target.count("SELECT COUNT(*) FROM a") == 1, "a synced");

            app.editTables("");
            TidemarkApp.await(Duration.ofSeconds(20), () -> output(app).contains("WARN  TablesFile             "
                    + "routes/tables.camel.yaml was not applied, the tables run as before: the file is empty"),
                    "the empty file refused at WARN");
            f.source.execute("INSERT INTO a VALUES (2)");
            TidemarkApp.await(Duration.ofSeconds(20), () -> f.target.count("SELECT COUNT(*) FROM a") == 2,
                    "a still synced");

            app.editTables("[]\n");
            TidemarkApp.await(Duration.ofSeconds(20), () -> output(app).contains("WARN  TablesFile             "
                    + "routes/tables.camel.yaml applied without a restart: removed a; no longer synced: [a] (the file lists no table now)"),
                    "every table removed at WARN");
        } finally {
            app.stop();
        }
    }

    private static String output(TidemarkApp app) {
        try {
            return app.output();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
