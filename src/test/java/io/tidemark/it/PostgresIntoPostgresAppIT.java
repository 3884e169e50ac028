package io.tidemark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tidemark.it.servers.PostgresServer;
import io.tidemark.it.servers.Servers;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real application (its jar, --once) from PostgreSQL 15 into another PostgreSQL 15, both chosen by their
 * {@code jdbc:postgresql:} URLs: a first load into the empty table through COPY FROM STDIN, then an incremental run
 * on a {@code timestamptz} modifier after an update and inserts. A row of PostgreSQL's own types (numeric beyond
 * 64 bits, NaN, timestamps, infinity, uuid, jsonb, json, bytea, unicode text, boolean, arrays, interval, -0) arrives
 * exactly: every row, every column compared as PostgreSQL's text. Servers in three zones: source Asia/Kolkata,
 * target America/Sao_Paulo, the app America/New_York.
 */
class PostgresIntoPostgresAppIT {

    private static PostgresServer sourceServer;
    private static PostgresServer targetServer;
    private static Database source;
    private static Database target;

    /** Column: its type, and the literal of the row of extremes (id 1). */
    static final Map<String, String[]> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("n", new String[] {"numeric", "123456789012345678901234567890.123456789"});
        COLUMNS.put("nan", new String[] {"numeric", "'NaN'"});
        COLUMNS.put("price", new String[] {"numeric(10,2)", "-12345678.99"});
        COLUMNS.put("big", new String[] {"bigint", "-9223372036854775808"});
        COLUMNS.put("ok", new String[] {"boolean", "false"});
        COLUMNS.put("at", new String[] {"timestamptz", "'2024-03-10 02:30:00.123456+05:30'"});
        COLUMNS.put("local", new String[] {"timestamp(6)", "'2024-03-10 02:30:00.000001'"});
        COLUMNS.put("forever", new String[] {"timestamp", "'infinity'"});
        COLUMNS.put("d", new String[] {"date", "'4713-01-01 BC'"});
        COLUMNS.put("tm", new String[] {"time(6)", "'23:59:59.999999'"});
        COLUMNS.put("u", new String[] {"uuid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'"});
        COLUMNS.put("doc", new String[] {"jsonb", "'{\"b\": [1, 2.50], \"a\": null, \"s\": \"\\u00e9\"}'"});
        COLUMNS.put("js", new String[] {"json", "'{\"b\":1,  \"a\":2, \"b\":3}'"});
        COLUMNS.put("raw", new String[] {"bytea", "'\\x00ff0a5c0d'::bytea"});
        COLUMNS.put("txt", new String[] {"text", "E'Zo\\u00eb \\u2713 \\U0001F600 tab\\there back\\\\slash\\nline'"});
        COLUMNS.put("code", new String[] {"character(4)", "'ab'"});
        COLUMNS.put("tags", new String[] {"integer[]", "'{1,NULL,-3}'"});
        COLUMNS.put("words", new String[] {"text[]", "ARRAY['a,b', 'c\"d', '']"});
        COLUMNS.put("took", new String[] {"interval", "'-1 year 2 days 03:04:05.5'"});
        COLUMNS.put("dbl", new String[] {"double precision", "-1.7976931348623157e308"});
        COLUMNS.put("neg_zero", new String[] {"double precision", "'-0'"});
        COLUMNS.put("inf", new String[] {"double precision", "'-Infinity'"});
        COLUMNS.put("r", new String[] {"real", "3.4028235e38"});
    }

    @BeforeAll
    static void start() {
        assumeTrue(PostgresServer.available(), "needs postgresql-15");
        sourceServer = PostgresServer.start("Asia/Kolkata");
        targetServer = PostgresServer.start("America/Sao_Paulo");
        source = new Database(sourceServer.appDatabase("shop"));
        target = new Database(targetServer.appDatabase("shop"));
        targetServer.logStatements("shop");
    }

    @AfterAll
    static void stop() {
        Servers.closeAll(sourceServer, targetServer);
    }

    @Test
    void firstLoadThroughCopyThenAnIncrementalRunArriveExactly() throws Exception {
        source.execute(create("items"), insertExtremes("items"),
                "INSERT INTO items (id, updated_at, txt, price, d, tags) SELECT i, TIMESTAMPTZ '2024-01-01 00:00:00+00'"
                        + " + i * INTERVAL '1 second', 'row ' || i, i / 7.0, DATE '2024-02-29', ARRAY[i, -i] "
                        + "FROM generate_series(2, 500) i");
        TidemarkApp app = TidemarkApp.without("postgres-into-postgres", source, target,
                TidemarkApp.table("table", "items", "modifier", "updated_at", "batchSize", "100"));

        TidemarkApp.Result first = app.once();

        assertEquals(0, first.exitCode(), first.output());
        assertEquals(500, target.count("SELECT COUNT(*) FROM items"));
        assertTrue(Files.readString(targetServer.log()).contains("COPY \"items\" ("), "the first load used COPY");
        assertEquals(0, target.count("SELECT COUNT(*) FROM _tidemark_dead_letters"));
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> arrived = new LinkedHashMap<>();
        for (String column : COLUMNS.keySet()) {
            String read = "SELECT " + column + "::text FROM items WHERE id = 1";
            expected.put(column, source.rowsInUtc(read).get(0).get(0));
            arrived.put(column, target.rowsInUtc(read).get(0).get(0));
        }
        assertEquals(expected, arrived);
        assertEquals("-0", arrived.get("neg_zero"), "the sign of a zero is kept");
        assertSame();

        source.execute("UPDATE items SET txt = 'changed ✓', price = -1.5, doc = '[]', tags = '{}', "
                        + "updated_at = '2024-06-01 00:00:00+00' WHERE id = 2",
                "UPDATE items SET at = NULL, raw = NULL, updated_at = '2024-06-01 00:00:01+00' WHERE id = 1",
                "INSERT INTO items (id, updated_at, txt, d, u) SELECT i, TIMESTAMPTZ '2024-06-02 00:00:00+00' "
                        + "+ i * INTERVAL '1 second', 'new ' || i, DATE '2024-03-01', gen_random_uuid() "
                        + "FROM generate_series(501, 510) i");
        TidemarkApp.Result second = app.once();

        assertEquals(0, second.exitCode(), second.output());
        assertEquals(510, target.count("SELECT COUNT(*) FROM items"));
        assertEquals(List.of(List.of("changed ✓", "-1.50", "[]", "{}")),
                target.rows("SELECT txt, price::text, doc::text, tags::text FROM items WHERE id = 2"));
        assertSame();
    }

    @Test
    void verifyFindsAnEqualCopyEqualThenNamesWhatDiffersAndRepairFixesIt() throws Exception {
        source.execute(create("checked"), insertExtremes("checked"),
                "INSERT INTO checked (id, updated_at, txt, n, d, at, words) SELECT i, TIMESTAMPTZ '2024-01-01 "
                        + "00:00:00+00' + i * INTERVAL '1 second', 'row ' || i, i / 7.0, DATE '2024-02-29', "
                        + "TIMESTAMPTZ '2024-03-10 02:30:00.5+00', ARRAY['x' || i] FROM generate_series(2, 3000) i");
        TidemarkApp app = TidemarkApp.without("postgres-into-postgres-verify", source, target,
                TidemarkApp.table("table", "checked", "modifier", "updated_at", "deletes", "propagate"));
        assertEquals(0, app.once().exitCode());

        TidemarkApp.Result equal = app.start("--verify").awaitExit();

        assertEquals(0, equal.exitCode(), equal.output());
        assertTrue(equal.output().contains("checked: equal (3,000 rows, "), equal.output());

        source.execute("DELETE FROM checked WHERE id = 5",
                "UPDATE checked SET neg_zero = 0 WHERE id = 1", // -0 becomes 0, behind the watermark
                "UPDATE checked SET txt = 'N' WHERE id = 7", "UPDATE checked SET txt = NULL WHERE id = 8",
                "INSERT INTO checked (id, updated_at, took) VALUES (4000, '2023-01-01 00:00:00+00', '-1 second')");
        target.execute("UPDATE checked SET at = at + INTERVAL '1 microsecond' WHERE id = 2999",
                "UPDATE checked SET txt = 'N' WHERE id = 9", "UPDATE checked SET words = '{\"a|b\"}' WHERE id = 10");
        source.execute("UPDATE checked SET txt = NULL WHERE id = 9", "UPDATE checked SET words = '{a,b}' WHERE id = 10");
        TidemarkApp.Result differs = app.start("--verify").awaitExit();

        assertEquals(1, differs.exitCode(), differs.output());
        assertTrue(differs.output().contains("checked: differs: 1 missing, 1 extra, 6 changed (keys: "),
                differs.output());
        for (String key : List.of("1", "5", "7", "8", "9", "10", "2999", "4000")) {
            assertTrue(differs.output().matches("(?s).*keys: [^)]*\\b" + key + "\\b.*"), key + ": "
                    + differs.output());
        }

        TidemarkApp.Result repair = app.start("--repair").awaitExit();

        assertEquals(0, repair.exitCode(), repair.output());
        assertTrue(repair.output().contains("checked: repaired: 1 copied, 6 updated, 1 deleted; now equal (3,000 "
                + "rows"), repair.output());
        assertSame("checked");
        TidemarkApp.Result again = app.start("--verify").awaitExit();
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("checked: equal (3,000 rows, "), again.output());
    }

    private static String create(String table) {
        StringBuilder create = new StringBuilder("CREATE TABLE " + table + " (id integer PRIMARY KEY, "
                + "updated_at timestamptz NOT NULL");
        COLUMNS.forEach((name, v) -> create.append(", ").append(name).append(' ').append(v[0]));
        return create + ")";
    }

    private static String insertExtremes(String table) {
        return "INSERT INTO " + table + " (id, updated_at, " + String.join(", ", COLUMNS.keySet()) + ") VALUES (1, "
                + "'2024-01-01 00:00:00+00', " + String.join(", ", COLUMNS.values().stream().map(v -> v[1]).toList())
                + ")";
    }

    private static void assertSame() {
        assertSame("items");
    }

    /** Every row holds the same text of every column on both sides (timestamptz in UTC). */
    private static void assertSame(String table) {
        String sql = "SELECT id, updated_at::text, " + String.join(", ", COLUMNS.keySet().stream()
                .map(c -> c + "::text").toList()) + " FROM " + table + " ORDER BY id";
        List<List<String>> inSource = source.rowsInUtc(sql);
        assertEquals(inSource, target.rowsInUtc(sql));
    }
}
