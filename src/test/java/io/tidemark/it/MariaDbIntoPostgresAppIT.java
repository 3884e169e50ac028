package io.tidemark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tidemark.it.servers.MariaDb10Server;
import io.tidemark.it.servers.PostgresServer;
import io.tidemark.it.servers.Servers;
import java.nio.file.Files;
import java.time.Duration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real application (its jar, --once) from MariaDB 10.11 into PostgreSQL 15, the target chosen by its
 * {@code jdbc:postgresql:} URL: a first load into the empty table through COPY FROM STDIN (the bulk path), then an
 * incremental run after inserts and updates (the upsert). The row of extremes of {@link MySqlIntoPostgresValuesIT}
 * arrives exactly; a zero date, which PostgreSQL refuses, goes to the dead-letter table with the server's reason.
 * Servers in three zones: MariaDB +05:30, PostgreSQL America/Sao_Paulo, the app America/New_York.
 */
class MariaDbIntoPostgresAppIT {

    private static MariaDb10Server mariaDb;
    private static PostgresServer postgres;

    @BeforeAll
    static void start() {
        assumeTrue(MariaDb10Server.available() && PostgresServer.available(), "needs mariadb-server, postgresql-15");
        mariaDb = MariaDb10Server.start("+05:30");
        postgres = PostgresServer.start("America/Sao_Paulo");
        mariaDb.createDatabase("shop");
        postgres.appDatabase("shop");
        postgres.logStatements("shop");
    }

    @AfterAll
    static void stop() {
        Servers.closeAll(mariaDb, postgres);
    }

    @Test
    void firstLoadThroughCopyThenIncrementalRunsArriveExactlyAndARefusedValueIsDeadLettered() throws Exception {
        Map<String, String> extremes = MySqlIntoPostgresValuesIT.EXTREMES;
        source("CREATE TABLE types (id INT NOT NULL PRIMARY KEY, updated_at DATETIME(6) NOT NULL, u_int INT UNSIGNED, "
                + "u_big BIGINT UNSIGNED, flag TINYINT(1), dec65 DECIMAL(65,30), db DOUBLE, neg_zero DOUBLE, "
                + "fl FLOAT, dt DATETIME(6), ts TIMESTAMP(6) NULL, d DATE, tm TIME(6), yr YEAR, "
                + "en ENUM('a','b c'), st SET('x','y'), js JSON, txt TEXT, bin VARBINARY(8), b1 BIT(1), b8 BIT(8)) "
                + "CHARSET utf8mb4",
                "INSERT INTO types (id, updated_at, " + String.join(", ", extremes.keySet()) + ") VALUES (1, "
                        + "'2024-01-01 00:00:00', " + String.join(", ", extremes.values()) + ")",
                "INSERT INTO types (id, updated_at, txt, dec65, d) WITH RECURSIVE n (i) AS (SELECT 2 UNION ALL "
                        + "SELECT i + 1 FROM n WHERE i < 500) SELECT i, '2024-01-01 00:00:00' + INTERVAL i SECOND, "
                        + "CONCAT('row ', i), i / 7, '2024-02-29' FROM n",
                "UPDATE types SET dt = '0000-00-00 00:00:00' WHERE id = 250");
        TidemarkApp app = new TidemarkApp(Files.createDirectories(java.nio.file.Path.of("target", "it-work",
                "mariadb-into-postgres-" + System.nanoTime())), new Database(mariaDb.jdbcUrl("shop")),
                new Database(postgres.jdbcUrl("shop")),
                TidemarkApp.table("table", "types", "modifier", "updated_at", "batchSize", "100"));

        TidemarkApp.Result first = app.once();

        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.output().contains("1 dead letter"), first.output());
        assertEquals("499", target("SELECT COUNT(*) FROM types").get(0).get(0));
        assertTrue(Files.readString(postgres.log()).contains("COPY \"types\" ("), "the first load used COPY");
        Map<String, String> arrived = new LinkedHashMap<>();
        for (String column : MySqlIntoPostgresValuesIT.EXPECTED.keySet()) {
            arrived.put(column, target("SELECT \"" + column + "\"::text FROM types WHERE id = 1").get(0).get(0));
        }
        assertEquals(MySqlIntoPostgresValuesIT.EXPECTED, arrived);
        List<List<String>> dead = target("SELECT table_name, row_key, error FROM _tidemark_dead_letters");
        assertEquals(1, dead.size(), dead.toString());
        assertEquals(List.of("types", "[\"250\"]"), dead.get(0).subList(0, 2));
        assertTrue(dead.get(0).get(2).contains("0000-00-00"), dead.get(0).get(2));
        assertSame();

        source("UPDATE types SET txt = 'changed ✓', dec65 = -1.5, updated_at = '2024-06-01 00:00:00' WHERE id = 2",
                "INSERT INTO types (id, updated_at, txt, d) WITH RECURSIVE n (i) AS (SELECT 501 UNION ALL "
                        + "SELECT i + 1 FROM n WHERE i < 510) SELECT i, '2024-06-02 00:00:00' + INTERVAL i SECOND, "
                        + "CONCAT('new ', i), '2024-03-01' FROM n");
        TidemarkApp.Result second = app.once();

        assertEquals(0, second.exitCode(), second.output());
        assertEquals("509", target("SELECT COUNT(*) FROM types").get(0).get(0));
        assertEquals(List.of("changed ✓", "-1.500000000000000000000000000000"),
                target("SELECT txt, dec65::text FROM types WHERE id = 2").get(0));
        assertSame();
    }

    @Test
    void verifyFindsAnEqualCopyOfTheExtremesEqualThenNamesWhatDiffersAndRepairFixesIt() throws Exception {
        Map<String, String> extremes = MySqlIntoPostgresValuesIT.EXTREMES;
        source("CREATE TABLE checked (id INT NOT NULL PRIMARY KEY, updated_at DATETIME(6) NOT NULL, "
                + "u_int INT UNSIGNED, u_big BIGINT UNSIGNED, flag TINYINT(1), dec65 DECIMAL(65,30), db DOUBLE, "
                + "neg_zero DOUBLE, fl FLOAT, dt DATETIME(6), ts TIMESTAMP(6) NULL, d DATE, tm TIME(6), yr YEAR, "
                + "en ENUM('a','b c'), st SET('x','y'), js JSON, txt TEXT, bin VARBINARY(8), b1 BIT(1), b8 BIT(8)) "
                + "CHARSET utf8mb4",
                "INSERT INTO checked (id, updated_at, " + String.join(", ", extremes.keySet()) + ") VALUES (1, "
                        + "'2024-01-01 00:00:00', " + String.join(", ", extremes.values()) + ")",
                "INSERT INTO checked (id, updated_at, txt, dec65, d, dt, fl, b8) WITH RECURSIVE n (i) AS (SELECT 2 "
                        + "UNION ALL SELECT i + 1 FROM n WHERE i < 3000) SELECT i, '2024-01-01 00:00:00' + INTERVAL i "
                        + "SECOND, CONCAT('row ', i), i / 7, '2024-02-29', '2024-03-10 02:30:00.5', i / 3, i % 256 "
                        + "FROM n");
        TidemarkApp app = TidemarkApp.without("mariadb-into-postgres-verify", new Database(mariaDb.jdbcUrl("shop")),
                new Database(postgres.jdbcUrl("shop")), TidemarkApp.table("table", "checked", "modifier",
                        "updated_at", "deletes", "propagate"));
        assertEquals(0, app.once().exitCode());

        TidemarkApp.Result equal = app.start("--verify").awaitExit();

        assertEquals(0, equal.exitCode(), equal.output());
        assertTrue(equal.output().contains("checked: equal (3,000 rows, "), equal.output());

        source("DELETE FROM checked WHERE id = 5",
                "UPDATE checked SET txt = 'behind the watermark' WHERE id = 7", // modifier unchanged: no sync sees it
                "UPDATE checked SET fl = 0.5 WHERE id = 1", "UPDATE checked SET dt = NULL WHERE id = 2999",
                "INSERT INTO checked (id, updated_at, tm) VALUES (4000, '2023-01-01 00:00:00', '-00:00:01')");
        pg("shop", "UPDATE checked SET dec65 = dec65 + 0.000000000000000000000000000001 WHERE id = 1000");
        TidemarkApp.Result differs = app.start("--verify").awaitExit();

        assertEquals(1, differs.exitCode(), differs.output());
        assertTrue(differs.output().contains("checked: differs: 1 missing, 1 extra, 4 changed (keys: "),
                differs.output());
        for (String key : List.of("1", "5", "7", "1000", "2999", "4000")) {
            assertTrue(differs.output().matches("(?s).*keys: [^)]*\\b" + key + "\\b.*"), key + ": "
                    + differs.output());
        }

        TidemarkApp.Result repair = app.start("--repair").awaitExit();

        assertEquals(0, repair.exitCode(), repair.output());
        assertTrue(repair.output().contains("checked: repaired: 1 copied, 4 updated, 1 deleted; now equal (3,000 "
                + "rows"), repair.output());
        assertEquals(List.of(List.of("0.5", "behind the watermark", "-00:00:01", "0")), target("SELECT "
                + "(SELECT fl::text FROM checked WHERE id = 1), (SELECT txt FROM checked WHERE id = 7), "
                + "(SELECT tm::text FROM checked WHERE id = 4000), (SELECT COUNT(*)::text FROM checked WHERE id = 5)"));
        TidemarkApp.Result again = app.start("--verify").awaitExit();
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("checked: equal (3,000 rows, "), again.output());
    }

    @Test
    void theSchedulerModeSyncsTwoRunsAndHealthIsUp() throws Exception {
        source("CREATE TABLE scheduled (id INT NOT NULL PRIMARY KEY, updated_at DATETIME(6) NOT NULL, txt TEXT, "
                        + "amount DECIMAL(12,3))",
                "INSERT INTO scheduled WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) "
                        + "SELECT i, '2024-01-01 00:00:00' + INTERVAL i SECOND, CONCAT('row ', i), i / 8 FROM n");
        Api api = Api.onFreePort();
        TidemarkApp app = TidemarkApp.without("mariadb-into-postgres-scheduled", new Database(mariaDb.jdbcUrl("shop")),
                new Database(postgres.jdbcUrl("shop")), TidemarkApp.table("table", "scheduled", "modifier",
                        "updated_at", "schedule", "1s")).option(api.portOption());
        app.start();
        try {
            TidemarkApp.await(Duration.ofSeconds(90), () -> count("scheduled") == 200, "the first run's 200 rows");
            TidemarkApp.await(Duration.ofSeconds(30), () -> {
                try {
                    Api.Response ready = api.get("/observe/health/ready?data=true");
                    return ready.status() == 200 && ready.body().contains("\"status\":\"UP\"")
                            && ready.body().contains("\"name\":\"database:target\",\"status\":\"UP\"")
                            && ready.body().contains("\"name\":\"table:scheduled\",\"status\":\"UP\"");
                } catch (Exception notYet) {
                    return false;
                }
            }, "health UP with the PostgreSQL target and the table");

            source("UPDATE scheduled SET txt = 'changed ✓', amount = -1.5, updated_at = NOW(6) WHERE id = 3",
                    "INSERT INTO scheduled VALUES (201, NOW(6), 'new', 0.125), (202, NOW(6), NULL, NULL)");

            TidemarkApp.await(Duration.ofSeconds(60), () -> count("scheduled") == 202, "the inserts, by a later run");
            TidemarkApp.await(Duration.ofSeconds(30), () -> rows("SELECT txt FROM scheduled WHERE id = 3")
                    .equals(List.of(List.of("changed ✓"))), "the update");
            assertTrue(app.running(), app.output());
            assertTrue(Long.parseLong(target("SELECT COUNT(DISTINCT load_id) FROM _tidemark_loads "
                    + "WHERE table_name = 'scheduled'").get(0).get(0)) >= 2, "two runs or more wrote rows");
        } finally {
            app.stop();
        }
        List<List<String>> inSource = new ArrayList<>();
        try (Connection c = mariaDb.connect("shop"); Statement s = c.createStatement()) {
            inSource = rows(s.executeQuery("SELECT id, txt, CAST(amount AS CHAR) FROM scheduled ORDER BY id"));
        }
        assertEquals(inSource, target("SELECT id::text, txt, amount::text FROM scheduled ORDER BY scheduled.id"));
    }

    private static long count(String table) {
        return Long.parseLong(rows("SELECT COUNT(*) FROM " + table).get(0).get(0));
    }

    /** A query on the target, failing unchecked (inside {@link TidemarkApp#await} a missing table is "not yet"). */
    private static List<List<String>> rows(String sql) {
        try {
            return target(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row but the dead-lettered one holds the same id, text, number, date and modifier on both sides. */
    private static void assertSame() throws SQLException {
        List<List<String>> source = new ArrayList<>();
        try (Connection c = mariaDb.connect("shop"); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            source = rows(s.executeQuery("SELECT id, txt, CAST(dec65 AS CHAR), CAST(d AS CHAR), "
                    + "DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i:%s') FROM types WHERE id <> 250 ORDER BY id"));
        }
        List<List<String>> target = target("SELECT id::text, txt, dec65::text, d::text, "
                + "to_char(updated_at, 'YYYY-MM-DD HH24:MI:SS') FROM types ORDER BY types.id");
        assertEquals(source, target);
    }

    private static void source(String... statements) throws SQLException {
        try (Connection c = mariaDb.connect("shop"); Statement s = c.createStatement()) {
            // zero dates as a source may hold them; generated tables beyond 1,000 rows
            s.execute("SET SESSION time_zone = '+00:00', sql_mode = '', max_recursive_iterations = 100000");
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static void pg(String database, String... statements) {
        new Database(postgres.jdbcUrl(database)).execute(statements);
    }

    private static List<List<String>> target(String sql) throws SQLException {
        try (Connection c = postgres.connect("shop"); Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            return rows(s.executeQuery(sql));
        }
    }

    private static List<List<String>> rows(ResultSet rs) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
