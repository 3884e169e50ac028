package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** target/tidemark, the launcher `mvn package` puts beside the jar: the same application, started faster. */
class LauncherIT {

    @Test
    void theLauncherLoadsTidemarksClassesFromTheClassDataArchive() throws Exception {
        TidemarkApp app = TidemarkApp.without("launcher_cds", null, null, table("table", "orders")).throughLauncher();
        Path classes = app.workDir().toAbsolutePath().resolve("classes.log");
        TidemarkApp.Result result = app.option("-Xlog:class+load=info:file=" + classes).start("--version")
                .awaitExit(Duration.ofSeconds(30));
        assertEquals(0, result.exitCode(), result.output());
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains("io.tidemark.Tidemark source: shared objects file"), "not from the archive: "
                + loaded.lines().filter(line -> line.contains("io.tidemark.Tidemark ")).toList());
        assertTrue(loaded.contains("org.apache.camel.main.Main source: shared objects file"), "Camel's classes too");
    }

    @Test
    void aOneShotRunThroughTheLauncherCopiesTheTableAndRunsItWithoutQuartz() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "launcher_once");
        f.source.execute("CREATE TABLE items (id INT PRIMARY KEY, v VARCHAR(20), changed DATETIME(6))",
                "INSERT INTO items VALUES (1, 'a', NOW(6)), (2, 'b', NOW(6))");
        TidemarkApp.Result result = f.app(table("table", "items", "modifier", "changed")).throughLauncher().once();
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.stdout().contains("items: ok, 2 rows"), result.output());
        assertFalse(result.output().toLowerCase(java.util.Locale.ROOT).contains("quartz"), result.output());
        assertEquals(2, f.target.count("SELECT COUNT(*) FROM items"));
    }
}
