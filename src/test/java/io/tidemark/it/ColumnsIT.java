package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** columns / excludeColumns: what is not selected is never read from the source nor written to the target. */
class ColumnsIT {

    private static final String CREATE = "CREATE TABLE pii_people (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, "
            + "ssn CHAR(11) NOT NULL, updated_at DATETIME(6) NOT NULL)";
    private static final String ROWS = "INSERT INTO pii_people "
            + "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) "
            + "SELECT i, CONCAT('person ', i), CONCAT('123-45-', LPAD(i, 4, '0')), NOW(6) - INTERVAL 1 HOUR FROM n";

    @Test
    void anExcludedColumnIsNeverReadFromTheSourceAndColumnsAddedLaterAreCopied() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "exclude");
        f.source.execute(CREATE, ROWS);
        TidemarkApp app = f.app(table("table", "pii_people", "modifier", "updated_at", "batchSize", "100",
                "excludeColumns", "ssn"));
        List<String> statements;
        f.source.execute("SET GLOBAL log_output = 'TABLE'", "TRUNCATE mysql.general_log", "SET GLOBAL general_log = 1");
        try {
            TidemarkApp.Result first = app.once();
            assertEquals(0, first.exitCode(), first.output());
            f.source.execute("ALTER TABLE pii_people ADD COLUMN email VARCHAR(80) NULL",
                    "INSERT INTO pii_people VALUES (301, 'late', '999-99-9999', NOW(6), 'late@example.com')");
            TidemarkApp.Result second = app.once();
            assertEquals(0, second.exitCode(), second.output());
        } finally {
            f.source.execute("SET GLOBAL general_log = 0");
            statements = f.source.rows("SELECT CAST(argument AS CHAR) FROM mysql.general_log "
                    + "WHERE argument LIKE '%FROM `pii_people`%'").stream().map(r -> r.get(0)).toList();
        }

        assertTrue(statements.stream().anyMatch(s -> s.contains("`email`")), "the rows were read: " + statements);
        assertEquals(List.of(), statements.stream().filter(s -> s.contains("ssn")).toList(),
                "no statement the source received names the excluded column");
        assertEquals(List.of("id", "name", "updated_at", "_tidemark_load_id", "_tidemark_row_id", "email"),
                columns(f.target), "the target has no ssn column; email, added later, followed");
        assertEquals(301, f.target.count("SELECT COUNT(*) FROM pii_people"));
        assertEquals("late@example.com", f.target.value("SELECT email FROM pii_people WHERE id = 301"));
        f.assertSameRows("pii_people", "id", "id", "name", "updated_at", "email");
    }

    @Test
    void onlyTheListedColumnsAndTheKeyAndModifierAreCopiedAndColumnsAddedLaterAreNot() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "columns");
        f.source.execute(CREATE, ROWS);
        TidemarkApp app = f.app(table("table", "pii_people", "modifier", "updated_at", "columns", "name"));
        assertEquals(0, app.once().exitCode());
        f.source.execute("ALTER TABLE pii_people ADD COLUMN email VARCHAR(80) NULL",
                "INSERT INTO pii_people VALUES (301, 'late', '999-99-9999', NOW(6), 'late@example.com')");

        TidemarkApp.Result result = app.once();

        assertEquals(0, result.exitCode(), result.output());
        assertEquals(List.of("id", "name", "updated_at", "_tidemark_load_id", "_tidemark_row_id"), columns(f.target));
        f.assertSameRows("pii_people", "id", "id", "name", "updated_at");
    }

    @Test
    void aColumnThatIsNotInTheSourceStopsStartUpListingTheValidOnes() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "columns_bad");
        f.source.execute(CREATE, "CREATE TABLE pii_others LIKE pii_people");
        TidemarkApp app = f.app(table("table", "pii_people", "modifier", "updated_at", "columns", "name,emial"),
                table("table", "pii_others", "excludeColumns", "id"));

        TidemarkApp.Result result = app.once();

        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("table 'pii_people': columns names 'emial', which is not a column of the "
                + "source table; valid columns: [id, name, ssn, updated_at]"), result.output());
        assertTrue(result.output().contains("table 'pii_others': excludeColumns names 'id', a key or modifier "
                + "column, which is always copied; remove it from excludeColumns"), result.output());
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = 'pii_people'"), "nothing was created");
    }

    private static List<String> columns(Database db) {
        return db.rows("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = 'pii_people' ORDER BY ORDINAL_POSITION").stream().map(r -> r.get(0)).toList();
    }
}
