package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidemark.it.HostileLink.Rule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A database server Tidemark talks to can ask for any file of Tidemark's machine at any statement (LOAD DATA
 * LOCAL's request); it gets none, on any connection of any pool, while first loads still take the bulk path.
 */
class HostileTargetIT {

    @Test
    void aServerAskingForALocalFileGetsNothingFromAnyConnectionAndFirstLoadsStillTakeTheBulkPath() throws Exception {
        SyncFixture f = new SyncFixture(Server.MYSQL_8_0, "hostiletarget");
        f.source.execute("CREATE TABLE items (id INT PRIMARY KEY, changed DATETIME(6) NOT NULL, v VARCHAR(20))",
                "INSERT INTO items WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) "
                        + "SELECT i, NOW(6), CONCAT('row ', i) FROM n");
        // What /proc/self/environ would give away: the passwords and the API token.
        String secret = "secret-" + UUID.randomUUID();
        Path file = Files.writeString(Files.createTempFile("tidemark-secret", ".txt"), secret);
        try (HostileLink target = new HostileLink(f.target.url(), file.toString(),
                new Rule("SET time_zone", 2, null), // a new connection of the target's pools
                new Rule("UPDATE _tidemark_qrtz_SCHEDULER_STATE", 1, null), // Quartz's job store checking in
                new Rule("_tidemark_state", 1, "LOAD DATA LOCAL")); // a connection that made a bulk load
             HostileLink source = new HostileLink(f.source.url(), file.toString(), new Rule("SET time_zone", 1, null))) {
            // Even URLs asking the driver to send files change nothing.
            TidemarkApp app = f.app(table("table", "items", "modifier", "changed", "schedule", "1s"))
                    .option("-Dtidemark.source.url=" + source.url(f.source.url()) + "&allowLoadLocalInfile=true")
                    .option("-Dtidemark.target.url=" + target.url(f.target.url()) + "&allowLoadLocalInfile=true")
                    .option("-Dtidemark.cluster.enabled=true").option("-Dtidemark.cluster.checkin-interval-ms=500")
                    .start();
            try {
                TidemarkApp.await(Duration.ofSeconds(90), () -> target.done() && source.done()
                        && f.target.count("SELECT COUNT(*) FROM items") == 500, "every attack and the first load");
            } finally {
                app.stop();
            }
            for (HostileLink link : new HostileLink[] {target, source}) {
                for (HostileLink.Attack attack : link.attacks()) {
                    String got = new String(attack.received(), StandardCharsets.UTF_8);
                    assertEquals("", got, "the file was sent at: " + attack.statement());
                }
            }
            assertEquals(5, target.attacks().size() + source.attacks().size(), () -> "attacked: " + target.attacks()
                    .stream().map(HostileLink.Attack::statement).toList() + source.attacks().stream()
                    .map(HostileLink.Attack::statement).toList());
            assertTrue(target.passed("LOAD DATA LOCAL INFILE") >= 1, "the first load took the bulk path");
            f.assertSameRows("items", "id", "id", "changed", "v");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
