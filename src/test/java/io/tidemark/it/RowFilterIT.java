package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidemark.source.Catalog;
import io.tidemark.source.Column;
import io.tidemark.source.TableShape;
import io.tidemark.sql.Dialect.From;
import io.tidemark.sql.MySqlDialect;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** where: the source evaluates a table's row filter, together with the keyset paging condition. */
class RowFilterIT {

    private static final String CREATE = "CREATE TABLE items (id INT PRIMARY KEY, tenant_id INT NOT NULL, "
            + "name VARCHAR(50) NOT NULL, updated_at DATETIME(6) NOT NULL, KEY (tenant_id, updated_at, id))";

    @ParameterizedTest
    @EnumSource(Server.class)
    void onlyMatchingRowsArriveAcrossPagesOfTiedModifierValues(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "where_ties");
        f.source.execute(CREATE, "INSERT INTO items "
                + "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) "
                + "SELECT i, IF(i % 2 = 0, 42, 7), CONCAT('old ', i), '2024-01-01 00:00:00' FROM n");
        TidemarkApp app = f.app(table("table", "items", "modifier", "updated_at", "batchSize", "15", "lag", "0s",
                "where", "tenant_id = 42"));
        TidemarkApp.Result first = app.once();
        assertEquals(0, first.exitCode(), first.output());
        assertEquals(50, f.target.count("SELECT COUNT(*) FROM items"), "the first load copies tenant 42's rows only");

        // 1000 rows sharing one modifier value, every other one matching: the pages' boundaries fall inside the tie.
        f.source.execute("INSERT INTO items "
                + "WITH RECURSIVE n(i) AS (SELECT 101 UNION ALL SELECT i + 1 FROM n WHERE i < 1100) "
                + "SELECT i, IF(i % 2 = 0, 42, 7), CONCAT('new ', i), NOW(6) FROM n");
        TidemarkApp.Result second = app.once();

        assertEquals(0, second.exitCode(), second.output());
        assertEquals(550, f.target.count("SELECT COUNT(*) FROM items"));
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM items WHERE tenant_id <> 42"));
        assertEquals(f.source.fingerprintWhere("items", "id", "tenant_id = 42", "id", "tenant_id", "name",
                        "updated_at"),
                f.target.fingerprint("items", "id", "id", "tenant_id", "name", "updated_at"));
    }

    /** The page query with its filter, as the source plans it: a range on the index (filter column, modifier, key). */
    @ParameterizedTest
    @EnumSource(Server.class)
    void aPageWithAFilterIsARangeScanOnAnIndexOfTheFilterColumnModifierAndKey(Server server) throws Exception {
        SyncFixture f = new SyncFixture(server, "where_plan");
        f.source.execute(CREATE, "INSERT INTO items "
                + "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
                + "SELECT i, i % 50, CONCAT('row ', i), '2024-01-01 00:00:00' + INTERVAL (i % 100) MINUTE FROM n",
                "ANALYZE TABLE items");
        TableShape items = new Catalog(new DriverManagerDataSource(f.source.url(), "root", ""), new MySqlDialect())
                .table("items")
                .orElseThrow();
        Column updatedAt = items.column("updated_at").orElseThrow();
        String page = new MySqlDialect().changedRows("items", items.copied(), updatedAt,
                List.of(items.column("id").orElseThrow()), From.POSITION, true, "tenant_id = 42");
        String bound = page.replaceFirst("\\?", "'2024-01-01 00:30:00'").replaceFirst("\\?", "'2024-01-01 00:30:00'")
                .replaceFirst("\\?", "100").replaceFirst("\\?", "'2024-01-01 01:00:00'").replaceFirst("\\?", "15");

        List<String> plan = f.source.rows("EXPLAIN " + bound).get(0);

        assertTrue(plan.contains("range") && plan.contains("tenant_id"), "EXPLAIN " + bound + "\n" + plan);
    }

    @Test
    void aRowThatStopsMatchingStaysAsLastCopiedAndOneThatStartsMatchingArrives() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "where_moves");
        f.source.execute(CREATE, "INSERT INTO items VALUES (1, 42, 'stays', NOW(6) - INTERVAL 1 HOUR), "
                + "(2, 42, 'leaves', NOW(6) - INTERVAL 1 HOUR), (3, 7, 'joins', NOW(6) - INTERVAL 1 HOUR)");
        TidemarkApp app = f.app(table("table", "items", "modifier", "updated_at", "where", "tenant_id = 42"));
        assertEquals(0, app.once().exitCode());

        f.source.execute("UPDATE items SET tenant_id = 7, name = 'left', updated_at = NOW(6) WHERE id = 2",
                "UPDATE items SET tenant_id = 42, updated_at = NOW(6) WHERE id = 3");
        TidemarkApp.Result result = app.once();

        assertEquals(0, result.exitCode(), result.output());
        assertEquals("42 leaves", f.target.value("SELECT CONCAT(tenant_id, ' ', name) FROM items WHERE id = 2"),
                "a row that no longer matches is not changed nor deleted in the target");
        assertEquals("42 joins", f.target.value("SELECT CONCAT(tenant_id, ' ', name) FROM items WHERE id = 3"));
    }

    @Test
    void aFilterTheSourceRefusesFailsTheCheckNamingTheTableAndTheValidColumns() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "where_bad");
        f.source.execute(CREATE);
        TidemarkApp app = f.app(table("table", "items", "modifier", "updated_at", "where", "tenant = 42"));

        TidemarkApp.Result check = app.start("--check").awaitExit();

        assertEquals(1, check.exitCode(), check.output());
        assertTrue(check.output().contains("table 'items': the source refuses where 'tenant = 42': "), check.output());
        assertTrue(check.output().contains("valid columns: [id, tenant_id, name, updated_at]"), check.output());
        TidemarkApp.Result start = app.once();
        assertEquals(2, start.exitCode(), "start-up stops too: " + start.output());
    }
}
