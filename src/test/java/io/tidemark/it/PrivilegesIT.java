package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A privilege the database user lacks stops start-up with the privilege, the user and the GRANT that fixes it. */
class PrivilegesIT {

    private static final String PASSWORD = "No-1nsert-pw";

    @Test
    void aTargetUserWithoutInsertIsToldWhichGrantItNeedsAndNotToFixTheTablesFile() throws Exception {
        SyncFixture f = new SyncFixture(Server.MYSQL_8_0, "privileges"); // MySQL 8 checks privileges
        String database = f.target.value("SELECT DATABASE()");
        f.target.execute("CREATE USER IF NOT EXISTS 'tm_noinsert'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                "GRANT SELECT, UPDATE, DELETE, CREATE, ALTER, DROP ON `" + database + "`.* TO 'tm_noinsert'@'%'");
        f.source.execute("CREATE TABLE items (id INT PRIMARY KEY, changed DATETIME(6))",
                "INSERT INTO items VALUES (1, NOW(6))");

        TidemarkApp.Result result = f.app(table("table", "items", "modifier", "changed"))
                .option("-Dtidemark.target.user=tm_noinsert").option("-Dtidemark.target.password=" + PASSWORD)
                .once();

        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("lacks the INSERT privilege"), result.output());
        assertTrue(result.output().contains("GRANT INSERT ON `" + database + "`.* TO 'tm_noinsert'@"), result.output());
        assertFalse(result.output().contains("fix routes/tables.camel.yaml"), result.output());
        assertFalse(result.output().contains(PASSWORD), result.output());
    }
}
