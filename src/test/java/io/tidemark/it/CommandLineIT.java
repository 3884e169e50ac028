package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The command line as users type it: anything Tidemark does not know stops it at once with exit code 2. */
class CommandLineIT {

    /** Databases nobody listens on: a command line that were accepted would wait for them instead of exiting. */
    private static TidemarkApp nowhere(String name) throws Exception {
        return TidemarkApp.without(name, null, null, table("table", "orders"))
                .option("-Dtidemark.source.url=jdbc:mysql://127.0.0.1:9/nowhere")
                .option("-Dtidemark.target.url=jdbc:mysql://127.0.0.1:9/nowhere");
    }

    @Test
    void anUnknownOptionExitsTwoWithTheClosestOptionAndTheUsageLine() throws Exception {
        for (String typo : new String[] {"--onec", "-x", "--verison"}) {
            TidemarkApp.Result result = nowhere("typo").start(typo).awaitExit(Duration.ofSeconds(30));
            assertEquals(2, result.exitCode(), result.output());
            assertTrue(result.output().contains("tidemark: unknown option '" + typo + "'"), result.output());
            assertTrue(result.output().contains("Usage: java -jar target/tidemark.jar"), result.output());
        }
        TidemarkApp.Result once = nowhere("typo").start("--onec").awaitExit(Duration.ofSeconds(30));
        assertTrue(once.output().contains("did you mean --once?"), once.output());
    }

    @Test
    void resyncWithoutATableExitsTwoInsteadOfStartingTheScheduler() throws Exception {
        TidemarkApp.Result result = nowhere("resync").start("--resync").awaitExit(Duration.ofSeconds(30));
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("--resync needs the table(s) to act on"), result.output());
    }

    @Test
    void versionPrintsTheVersionAndExits() throws Exception {
        TidemarkApp.Result result = nowhere("version").start("--version").awaitExit(Duration.ofSeconds(30));
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().strip().matches("tidemark \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), result.output());
    }

    @Test
    void resyncOrReplayOfATableThatIsNotConfiguredExitsTwoBeforeAnythingIsCreated() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "cli_tables");
        f.source.execute("CREATE TABLE products (id INT PRIMARY KEY)", "CREATE TABLE orders (id INT PRIMARY KEY)");
        TidemarkApp app = f.app(table("table", "products"), table("table", "orders"));

        TidemarkApp.Result resync = app.start("--resync", "prodcuts").awaitExit(Duration.ofSeconds(60));
        assertEquals(2, resync.exitCode(), resync.output());
        assertTrue(resync.output().contains("--resync names table 'prodcuts', which is not in "
                + "routes/tables.camel.yaml; tables there: [orders, products]; did you mean products?"), resync.output());

        TidemarkApp.Result replay = app.start("--replay", "nope").awaitExit(Duration.ofSeconds(60));
        assertEquals(2, replay.exitCode(), replay.output());
        assertTrue(replay.output().contains("--replay names table 'nope'"), replay.output());
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"),
                "nothing was created in the target");
    }
}
