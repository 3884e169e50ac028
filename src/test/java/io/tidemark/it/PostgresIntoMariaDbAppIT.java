package io.tidemark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tidemark.it.servers.MariaDb10Server;
import io.tidemark.it.servers.PostgresServer;
import io.tidemark.it.servers.Servers;
import java.nio.file.Files;
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
 * The real application (its jar, --once) from PostgreSQL 15 into MariaDB 10.11, the source chosen by its
 * {@code jdbc:postgresql:} URL: a first load, then an incremental run on a {@code timestamptz} modifier after an
 * update and inserts. The values of {@link PostgresIntoMySqlValuesIT} arrive exactly; a timestamp of
 * {@code infinity}, which MariaDB cannot hold, goes to the dead-letter table with the reason. Servers in three
 * zones: PostgreSQL America/Sao_Paulo, MariaDB -03:00, the app America/New_York.
 */
class PostgresIntoMariaDbAppIT {

    private static MariaDb10Server mariaDb;
    private static PostgresServer postgres;

    @BeforeAll
    static void start() {
        assumeTrue(MariaDb10Server.available() && PostgresServer.available(), "needs mariadb-server, postgresql-15");
        mariaDb = MariaDb10Server.start("-03:00");
        postgres = PostgresServer.start("America/Sao_Paulo");
        mariaDb.createDatabase("shop");
        postgres.appDatabase("shop");
    }

    @AfterAll
    static void stop() {
        Servers.closeAll(mariaDb, postgres);
    }

    @Test
    void firstLoadThenAnIncrementalRunArriveExactlyAndAValueMariaDbCannotHoldIsDeadLettered() throws Exception {
        Map<String, String[]> values = new LinkedHashMap<>(); // column: PostgreSQL literal, MariaDB text expected
        String uuid = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
        values.put("u", new String[] {"'" + uuid + "'", uuid});
        values.put("n", new String[] {"123456789012345678901234567890.123456789", "123456789012345678901234567890"
                + ".123456789000000000000000000000"});
        values.put("price", new String[] {"-12345678.99", "-12345678.99"});
        values.put("ok", new String[] {"true", "1"});
        values.put("at", new String[] {"'2024-03-10 02:30:00.123456+05:30'", "2024-03-09 21:00:00.123456"});
        values.put("local", new String[] {"'9999-12-31 23:59:59.999999'", "9999-12-31 23:59:59.999999"});
        values.put("d", new String[] {"'1000-01-01'", "1000-01-01"});
        values.put("tm", new String[] {"'23:59:59.999999'", "23:59:59.999999"});
        values.put("doc", new String[] {"'{\"b\": [1, 2.50], \"a\": null}'", "{\"a\": null, \"b\": [1, 2.50]}"});
        values.put("js", new String[] {"'{\"b\":1,  \"a\":2}'", "{\"b\":1,  \"a\":2}"});
        values.put("tags", new String[] {"'{1,2,3}'", "{1,2,3}"});
        values.put("took", new String[] {"'1 day 02:03:04.5'", "1 day 02:03:04.5"});
        values.put("raw", new String[] {"'\\x00ff0a'::bytea", "00FF0A"});
        values.put("txt", new String[] {"'Zoë ✓ 😀 tab\there'", "Zoë ✓ 😀 tab\there"});
        values.put("dbl", new String[] {"-1.7976931348623157e308", "-1.7976931348623157e308"});
        List<String> columns = new ArrayList<>(values.keySet());
        source("CREATE TABLE items (id integer PRIMARY KEY, updated_at timestamptz NOT NULL, u uuid, n numeric, "
                        + "price numeric(10,2), ok boolean, at timestamptz, local timestamp(6), d date, tm time(6), "
                        + "doc jsonb, js json, tags integer[], took interval, raw bytea, txt text, dbl double precision)",
                "INSERT INTO items (id, updated_at, " + String.join(", ", columns) + ") VALUES (1, "
                        + "'2024-01-01 00:00:00+00', " + String.join(", ", values.values().stream().map(v -> v[0])
                        .toList()) + ")",
                "INSERT INTO items (id, updated_at, txt, price, d) SELECT i, TIMESTAMPTZ '2024-01-01 00:00:00+00' "
                        + "+ i * INTERVAL '1 second', 'row ' || i, i / 7.0, DATE '2024-02-29' "
                        + "FROM generate_series(2, 300) i",
                "UPDATE items SET local = 'infinity' WHERE id = 150");
        Database target = new Database(mariaDb.jdbcUrl("shop"));
        TidemarkApp app = new TidemarkApp(Files.createDirectories(java.nio.file.Path.of("target", "it-work",
                "postgres-into-mariadb-" + System.nanoTime())), new Database(postgres.jdbcUrl("shop")), target,
                TidemarkApp.table("table", "items", "modifier", "updated_at", "batchSize", "100"));

        TidemarkApp.Result first = app.once();

        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.output().contains("1 dead letter"), first.output());
        assertEquals(299, target.count("SELECT COUNT(*) FROM items"));
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, String[]> e : values.entrySet()) {
            String read = e.getKey().equals("raw") ? "HEX(raw)" : "CAST(`" + e.getKey() + "` AS CHAR)";
            String actual = target.value("SELECT " + read + " FROM items WHERE id = 1");
            if (!e.getValue()[1].equals(actual)) {
                differences.add(e.getKey() + ": expected " + e.getValue()[1] + ", was " + actual);
            }
        }
        assertEquals(List.of(), differences);
        assertEquals(List.of(List.of("items", "[\"150\"]")),
                target.rows("SELECT table_name, row_key FROM _tidemark_dead_letters"));
        String reason = target.value("SELECT error FROM _tidemark_dead_letters");
        assertTrue(reason != null && !reason.isBlank(), "the dead letter says why");
        assertSame(target);

        source("UPDATE items SET txt = 'changed ✓', price = -1.5, updated_at = '2024-06-01 00:00:00+00' WHERE id = 2",
                "INSERT INTO items (id, updated_at, txt, d) SELECT i, TIMESTAMPTZ '2024-06-02 00:00:00+00' "
                        + "+ i * INTERVAL '1 second', 'new ' || i, DATE '2024-03-01' FROM generate_series(301, 310) i");
        TidemarkApp.Result second = app.once();

        assertEquals(0, second.exitCode(), second.output());
        assertEquals(309, target.count("SELECT COUNT(*) FROM items"));
        assertEquals(List.of(List.of("changed ✓", "-1.50")), target.rows("SELECT txt, price FROM items WHERE id = 2"));
        assertSame(target);

        // --verify across engines: every value copied hashes equal; the dead-lettered row is missing
        TidemarkApp.Result verify = app.start("--verify").awaitExit();

        assertEquals(1, verify.exitCode(), verify.output());
        assertTrue(verify.output().contains("items: differs: 1 missing, 0 extra, 0 changed (keys: 150)"),
                verify.output());

        source("UPDATE items SET local = '2024-03-10 02:30:00' WHERE id = 150", // now MariaDB can hold it
                "UPDATE items SET doc = '{\"a\": 1}', ok = false WHERE id = 1"); // behind the watermark
        TidemarkApp.Result repair = app.start("--repair").awaitExit();

        assertEquals(0, repair.exitCode(), repair.output());
        assertTrue(repair.output().contains("items: repaired: 1 copied, 1 updated; now equal (310 rows"),
                repair.output());
        assertEquals(List.of(List.of("{\"a\": 1}", "0")), target.rows("SELECT doc, ok FROM items WHERE id = 1"));
    }

    /** Every row but the dead-lettered one holds the same id, text, number, date and modifier (UTC) on both sides. */
    private static void assertSame(Database target) throws SQLException {
        List<List<String>> source;
        try (Connection c = postgres.connect("shop"); Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            source = rows(s.executeQuery("SELECT id::text, txt, price::text, d::text, "
                    + "to_char(updated_at, 'YYYY-MM-DD HH24:MI:SS') FROM items WHERE id <> 150 ORDER BY items.id"));
        }
        assertEquals(source, target.rowsInUtc("SELECT CAST(id AS CHAR), txt, CAST(price AS CHAR), CAST(d AS CHAR), "
                + "DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i:%s') FROM items ORDER BY id"));
    }

    private static void source(String... statements) throws SQLException {
        try (Connection c = postgres.connect("shop"); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
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
