package io.tidemark.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tidemark.it.servers.PostgresServer;
import io.tidemark.run.ModifierValues;
import io.tidemark.source.Column;
import io.tidemark.source.TableShape;
import io.tidemark.sql.Dialect.From;
import io.tidemark.sql.PgCopy;
import io.tidemark.sql.PostgresCatalogSql;
import io.tidemark.sql.PostgresDialect;
import io.tidemark.sql.PostgresStoreSql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PostgreSQL dialect's SQL, run on a real PostgreSQL 15: what each statement does, not only its text. */
class PostgresDialectIT {

    private static PostgresServer server;
    private static int databases;
    private final PostgresDialect dialect = new PostgresDialect();
    private Connection c;

    private static final String LOAD = "_tidemark_load_id";
    private static final String ROW = "_tidemark_row_id";

    @BeforeAll
    static void start() {
        assumeTrue(PostgresServer.available(), "Debian's postgresql-15 is not installed");
        server = PostgresServer.start("Asia/Kolkata");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void database() throws SQLException {
        String name = "dialect_" + ++databases;
        server.createDatabase(name);
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", PostgresServer.USER);
        properties.putAll(PostgresCatalogSql.driverProperties()); // as the application's pools connect
        c = java.sql.DriverManager.getConnection(server.jdbcUrl(name), properties);
        execute(PostgresCatalogSql.sessionSetup());
    }

    private static Column column(String name, String dataType, String columnType, boolean nullable) {
        return new Column(name, dataType, columnType, nullable, null, null, null, false);
    }

    @Test
    void anUpsertInsertsThenSkipsAnUnchangedRowKeepingItsLoadIdThenUpdatesAChangedOneNeverItsRowId() throws Exception {
        List<Column> columns = List.of(column("id", "int", "int(10) unsigned", false),
                column("doc", "json", "json", true), column("made", "datetime", "datetime(6)", true));
        execute(dialect.createTable("Orders", new TableShape("Orders", columns, List.of("id")), LOAD, ROW));
        String upsert = dialect.upsert("Orders", columns, List.of("id"), LOAD, ROW);
        LocalDateTime made = LocalDateTime.parse("2024-02-29T23:59:59.123456");
        assertEquals(1, write(upsert, 4294967295L, "{\"a\": 1}", made, "load-1", "row-1"));
        assertEquals(0, write(upsert, 4294967295L, "{\"a\": 1}", made, "load-2", "row-2"));
        assertEquals("load-1 row-1 {\"a\": 1} 2024-02-29 23:59:59.123456",
                one("SELECT \"_tidemark_load_id\" || ' ' || \"_tidemark_row_id\" || ' ' || doc::text || ' ' || made "
                        + "FROM \"Orders\""));
        assertEquals(1, write(upsert, 4294967295L, "{\"a\":  1}", made, "load-3", "row-3"));
        assertEquals("load-3 row-1 {\"a\":  1}", one("SELECT \"_tidemark_load_id\" || ' ' || \"_tidemark_row_id\" "
                + "|| ' ' || doc::text FROM \"Orders\"")); // json keeps its text exactly
    }

    @Test
    void aKeyOnlyTableIgnoresARowItHas() throws Exception {
        List<Column> key = List.of(column("a", "integer", "integer", false), column("b", "text", "text", false));
        execute(dialect.createTable("pairs", new TableShape("pairs", key, List.of("a", "b")), LOAD, ROW));
        String upsert = dialect.upsert("pairs", key, List.of("a", "b"), LOAD, ROW);
        assertEquals(1, write(upsert, 1, "x", "l1", "r1"));
        assertEquals(0, write(upsert, 1, "x", "l2", "r2"));
    }

    @Test
    void keysetPagesReadRowsSharingAModifierAcrossAPageBoundaryOnceEachByAnIndexRangeScan() throws Exception {
        execute("CREATE TABLE \"select\" (id bigint PRIMARY KEY, m timestamptz NOT NULL, v text)");
        execute("CREATE INDEX select_m_id ON \"select\" (m, id)");
        execute("INSERT INTO \"select\" SELECT g, timestamptz '2024-01-01 00:00:00+00' + (g / 3) * interval '1 s', "
                + "'v' || g FROM generate_series(1, 20000) g");
        execute("ANALYZE \"select\"");
        Column id = column("id", "bigint", "bigint", false);
        Column m = column("m", "timestamp with time zone", "timestamp with time zone", false);
        String page = dialect.changedRows("select", List.of(id, m), m, List.of(id), From.POSITION, false, null);
        List<Long> ids = new ArrayList<>();
        Object lastM = one("SELECT m FROM \"select\" WHERE id = 4", true);
        long lastId = 4;
        for (int i = 0; i < 3; i++) { // pages of 2 from (m of id 3..5, id 4): 5, 6, 7, 8, 9, 10
            try (PreparedStatement s = c.prepareStatement(page)) {
                s.setObject(1, lastM);
                s.setObject(2, lastM);
                s.setLong(3, lastId);
                s.setInt(4, 2);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        lastId = rs.getLong(1);
                        lastM = rs.getObject(2);
                    }
                }
            }
        }
        assertEquals(List.of(5L, 6L, 7L, 8L, 9L, 10L), ids);
        String plan = explain(page, lastM, lastM, 10800L, 2);
        assertTrue(plan.contains("Scan using select_m_id") && plan.contains("Index Cond: ((m >= ")
                && plan.contains("ROW(m, id) > ROW("), plan); // a range: it starts at the position
        String or = "SELECT id, m FROM \"select\" WHERE (m > ? OR (m = ? AND id > ?)) ORDER BY m, id LIMIT ?";
        assertFalse(explain(or, lastM, lastM, 10800L, 2).contains("Index Cond"), "the OR form is no range here");
    }

    @Test
    void theClockIsTheServersCurrentTimeAndItsMarkTheHighestModifierUpToIt() throws Exception {
        execute("CREATE TABLE t (id int PRIMARY KEY, m timestamptz NULL)");
        execute("INSERT INTO t VALUES (1, clock_timestamp() - interval '1 hour'), (2, clock_timestamp() + interval "
                + "'1 hour'), (3, NULL)");
        Column m = column("m", "timestamp with time zone", "timestamp with time zone", true);
        execute("BEGIN");
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_sleep(0.3)");
            try (ResultSet rs = s.executeQuery(dialect.clock("t", m))) {
                assertTrue(rs.next());
                String started = one("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')", true)
                        .toString();
                // clock_timestamp() moves inside a transaction; now() is its start
                assertTrue(Duration.between(LocalDateTime.parse(started.replace(' ', 'T')),
                        LocalDateTime.parse(rs.getString(1).replace(' ', 'T'))).toMillis() >= 250, rs.getString(1));
                assertEquals(1, rs.getLong(2)); // the NULL modifier the watermark cannot see
                // the mark is the row's value as a fetch reads it (UTC text), so a lag can be taken off it
                String mark = rs.getString(3);
                assertEquals(one("SELECT to_char(m AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') FROM t WHERE id = 1",
                        true), mark);
                assertEquals(LocalDateTime.parse(mark.replace(' ', 'T')).minusSeconds(5)
                                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")),
                        ModifierValues.minus(m, mark, Duration.ofSeconds(5)));
            }
        }
        execute("COMMIT");
    }

    @Test
    void theStagingSwapIsAllOrNothing() throws Exception {
        execute("CREATE TABLE orders (id int PRIMARY KEY, v text)");
        execute("INSERT INTO orders VALUES (1, 'old')");
        // the second rename fails (no staging table): the first one must be undone with it
        assertThrows(SQLException.class, () -> execute(dialect.swap("orders", "orders_staging", "orders_retired")));
        assertEquals("old", one("SELECT v FROM orders"));
        assertEquals("0", one("SELECT COUNT(*) FROM pg_tables WHERE tablename = 'orders_retired'"));
        execute(dialect.createLike("orders_staging", "orders"));
        execute("INSERT INTO orders_staging VALUES (1, 'new')");
        execute(dialect.swap("orders", "orders_staging", "orders_retired"));
        assertEquals("new", one("SELECT v FROM orders"));
        assertEquals("old", one("SELECT v FROM orders_retired"));
    }

    @Test
    void copyFromStdinWritesExactValuesInTheCallersTransaction() throws Exception {
        List<Column> columns = List.of(column("id", "bigint", "bigint", false), column("t", "text", "text", true),
                column("b", "varbinary", "varbinary(8)", true), column("d", "decimal", "decimal(30,10)", true));
        execute(dialect.createTable("sales.orders", new TableShape("orders", columns, List.of("id")), LOAD, ROW)
                .replace("\"sales\".", "")); // the current schema: public
        String copy = dialect.copyIn("orders", columns, LOAD, ROW);
        List<List<Object>> rows = List.of(
                Arrays.asList(1L, "tab\there\nnew line \\N back\\slash Zoë ✓", new byte[] {0, 9, 10, (byte) 0xff},
                        new BigDecimal("12345678901234567890.0123456789"), "l1", "r1"),
                Arrays.asList(2L, null, null, null, "l1", "r2"));
        c.setAutoCommit(false);
        assertEquals(2, PgCopy.copyIn(c, copy, columns, rows));
        c.rollback();
        assertEquals("0", one("SELECT COUNT(*) FROM orders"));
        assertEquals(2, PgCopy.copyIn(c, copy, columns, rows));
        c.commit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM orders ORDER BY id")) {
            assertTrue(rs.next());
            assertEquals("tab\there\nnew line \\N back\\slash Zoë ✓", rs.getString("t"));
            assertArrayEquals(new byte[] {0, 9, 10, (byte) 0xff}, rs.getBytes("b"));
            assertEquals(new BigDecimal("12345678901234567890.0123456789"), rs.getBigDecimal("d"));
            assertTrue(rs.next());
            assertEquals(null, rs.getString("t"));
            assertEquals(null, rs.getBytes("b"));
        }
    }

    @Test
    void mysqlTimeValuesOutsideADayFitTheIntervalTheyMapTo() throws Exception {
        List<Column> columns = List.of(column("id", "int", "int(11)", false), column("took", "time", "time(6)", true));
        execute(dialect.createTable("durations", new TableShape("durations", columns, List.of("id")), LOAD, ROW));
        List<List<Object>> rows = new ArrayList<>();
        List<String> times = List.of("-838:59:59.000000", "838:59:59.000000", "25:00:00.500000", "-00:00:00.000001");
        for (int i = 0; i < times.size(); i++) {
            rows.add(Arrays.asList(i, times.get(i), "l", "r" + i));
        }
        PgCopy.copyIn(c, dialect.copyIn("durations", columns, LOAD, ROW), columns, rows);
        assertEquals("-838:59:59 838:59:59 25:00:00.5 -00:00:00.000001",
                one("SELECT string_agg(took::text, ' ' ORDER BY id) FROM durations"));
    }

    @Test
    void theCatalogFindsTablesByFoldedMixedCaseAndSchemaQualifiedNamesWithTheirKey() throws Exception {
        execute("CREATE TABLE Orders (Id int PRIMARY KEY, \"Total Due\" numeric(10,2), made timestamp(3))");
        execute("CREATE TABLE \"OrderLines\" (id int, n int, PRIMARY KEY (id, n))");
        execute("CREATE SCHEMA sales");
        execute("CREATE TABLE sales.orders (id bigint PRIMARY KEY, doc jsonb)");
        assertEquals(List.of("id integer integer false true", "Total Due numeric numeric(10,2) true false",
                "made timestamp without time zone timestamp(3) without time zone true false"), columns(null, "Orders"));
        assertEquals(List.of("id integer integer false true", "n integer integer false true"),
                columns(null, "OrderLines"));
        assertEquals(List.of(), columns(null, "orderlines"));
        assertEquals(List.of("id bigint bigint false true", "doc jsonb jsonb true false"), columns("sales", "orders"));
    }

    @Test
    void theStoreTablesAreCreatedOnceAndAgainWithoutError() throws Exception {
        PostgresStoreSql stores = ((PostgresStoreSql) dialect.store());
        for (int i = 0; i < 2; i++) {
            execute(stores.createState("_tidemark_state"));
            execute(stores.createLoads("_tidemark_loads"));
            execute(stores.createPaused("_tidemark_paused"));
            execute(stores.createDeadLetters("_tidemark_dead_letters"));
            execute(stores.createSourceColumns("_tidemark_source_columns"));
            execute(stores.addLoadsInstanceId("_tidemark_loads"));
        }
    }

    @Test
    void aBatchRetriedAfterALostCommitAnswerIsCountedOnceAndLoadsAddUp() throws Exception {
        PostgresStoreSql stores = ((PostgresStoreSql) dialect.store());
        execute(stores.createState("st"));
        execute(stores.createLoads("ld"));
        String advance = stores.recordBatchState("st");
        assertEquals(1, write(advance, "orders", "incremental", "2024-01-01 00:00:00", "[\"7\"]", 100L, "load-1"));
        assertEquals(1, write(advance, "orders", "incremental", "2024-01-01 00:00:00", "[\"7\"]", 100L, "load-1"));
        assertEquals(1, write(advance, "orders", "incremental", "2024-01-01 00:00:01", "[\"9\"]", 50L, "load-1"));
        assertEquals("150 running", one("SELECT rows_synced || ' ' || status FROM st"));
        String load = stores.recordBatchLoad("ld");
        write(load, "orders", "load-1", "2024-01-01 10:00:00.123456", 100L, "node-a");
        write(load, "orders", "load-1", "2024-01-01 10:00:00.123456", 50L, "node-a");
        assertEquals("150 2024-01-01 10:00:00.123456", one("SELECT rows_written || ' ' || started_at FROM ld"));
        write(stores.finishState("st"), "orders", "incremental", "failed", "boom", 0L, false, false);
        assertEquals("failed boom true", one("SELECT status || ' ' || last_error || ' ' || (last_success IS NULL) "
                + "FROM st"));
        write(stores.finishState("st"), "orders", "incremental", "ok", null, 2L, true, true);
        assertEquals("ok 2 false", one("SELECT status || ' ' || invisible_rows || ' ' || (last_success IS NULL) "
                + "FROM st"));
        write(stores.finishLoad("ld"), "orders", "load-1", "2024-01-01 10:00:00.123456", "ok", null, "node-a");
        assertEquals("ok 150", one("SELECT status || ' ' || rows_written FROM ld WHERE finished_at IS NOT NULL"));
        write(stores.restartState("st"), "orders", "resync", null, null);
        assertEquals("resync 0", one("SELECT phase || ' ' || rows_synced FROM st"));
    }

    @Test
    void aRangesBatchRetriedAfterALostCommitAnswerIsCountedOnceAndTheRangesAddUpInTheStateRow() throws Exception {
        PostgresStoreSql stores = ((PostgresStoreSql) dialect.store());
        execute(stores.createState("st"));
        execute(stores.createRanges("rg"));
        execute(stores.createRanges("rg")); // once
        write(stores.restartState("st"), "orders", "initial", "2024-01-01 00:00:00", "[]");
        assertEquals(1, write(stores.addRange("rg"), "orders", 0, null, "500"));
        assertEquals(1, write(stores.addRange("rg"), "orders", 1, "500", null));
        String batch = stores.recordRangeBatch("rg");
        assertEquals(1, write(batch, "[\"10\"]", 10L, "[\"10\"]", "orders", 0));
        assertEquals(1, write(batch, "[\"10\"]", 10L, "[\"10\"]", "orders", 0)); // the same batch again
        assertEquals(1, write(batch, "[\"30\"]", 20L, "[\"30\"]", "orders", 0));
        assertEquals(1, write(batch, "[\"501\"]", 5L, "[\"501\"]", "orders", 1));
        assertEquals("0 _ 500 [\"30\"] 30|1 500 _ [\"501\"] 5", String.join("|", texts(stores.readRanges("rg"),
                "orders")));
        assertEquals(1, write(stores.addRangeRows("st", "rg"), "orders", "orders"));
        assertEquals("35", one("SELECT rows_synced FROM st"));
        assertEquals(2, write(stores.clearRanges("rg"), "orders"));
    }

    private List<String> texts(String sql, Object... parameters) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getString(i) == null ? "_" : rs.getString(i));
                    }
                    rows.add(String.join(" ", row));
                }
            }
        }
        return rows;
    }

    @Test
    void pausingTwiceAndRejectingARowTwiceKeepOneRowEach() throws Exception {
        PostgresStoreSql stores = ((PostgresStoreSql) dialect.store());
        execute(stores.createPaused("paused"));
        assertEquals(1, write(stores.pause("paused"), "orders"));
        assertEquals(0, write(stores.pause("paused"), "orders"));
        execute(stores.createDeadLetters("dl"));
        assertEquals(0, write(stores.rejectAgain("dl"), "{}", "l1", "bad date", "orders", "[\"1\"]"));
        assertEquals(1, write(stores.reject("dl"), "orders", "[\"1\"]", "{}", "l1", "bad date"));
        assertEquals(1, write(stores.rejectAgain("dl"), "{\"a\":1}", "l2", "bad date", "orders", "[\"1\"]"));
        assertEquals("2 l2", one("SELECT attempts || ' ' || load_id FROM dl"));
    }

    @Test
    void withTheDialectsDriverPropertiesValuesReadAsTextFitJsonTimestampAndNumericColumns() throws Exception {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", PostgresServer.USER);
        properties.putAll(PostgresCatalogSql.driverProperties());
        execute("CREATE TABLE typed (id int PRIMARY KEY, doc json, at timestamptz, n numeric(30,10))");
        try (Connection typed = java.sql.DriverManager.getConnection(c.getMetaData().getURL(), properties);
             PreparedStatement s = typed.prepareStatement("INSERT INTO typed VALUES (?, ?, ?, ?)")) {
            typed.createStatement().execute(PostgresCatalogSql.sessionSetup());
            for (int id = 1; id <= 3; id++) {
                s.setInt(1, id);
                s.setString(2, "{\"a\": [1, 2.50]}");
                s.setString(3, "2024-02-29 23:59:59.999999");
                s.setString(4, "12345678901234567890.0123456789");
                s.addBatch();
            }
            s.executeBatch();
        }
        assertEquals("3 {\"a\": [1, 2.50]} 2024-02-29 23:59:59.999999+00 12345678901234567890.0123456789",
                one("SELECT COUNT(*) OVER () || ' ' || doc::text || ' ' || at || ' ' || n FROM typed LIMIT 1"));
    }

    @Test
    void everyOtherStoreStatementRunsWithItsParametersInStoreSqlsOrder() throws Exception {
        PostgresStoreSql stores = (PostgresStoreSql) dialect.store();
        execute(stores.createState("st"));
        execute(stores.createLoads("ld"));
        execute(stores.createDeadLetters("dl"));
        execute(stores.createPaused("pz"));
        execute(stores.createSourceColumns("sc"));
        write(stores.moveState("st"), "orders", "copy", "2024-01-01", "[\"1\"]");
        write(stores.finishState("st"), "orders", "copy", "ok", null, 0L, true, true);
        assertEquals("copy 2024-01-01 [\"1\"] 0 ok t", one("SELECT concat_ws(' ', " + stores.readState("st")
                .substring("SELECT ".length()).replace(" FROM \"st\" WHERE table_name = ?", "")
                .replace("last_success IS NOT NULL", "(last_success IS NOT NULL)::text::char") + ") FROM st"));
        assertEquals("orders", one(stores.readStates("st")));
        assertEquals(0, rows(stores.hasRuns("ld"), "orders"));
        write(stores.recordBatchLoad("ld"), "orders", "l1", "2024-01-01 00:00:00", 5L, "node");
        write(stores.closeLoad("ld"), "orders", "l1");
        write(stores.repairedLoad("ld"), "orders", "l2", "2024-01-02 00:00:00", 3L);
        assertEquals(1, rows(stores.hasRuns("ld"), "orders"));
        assertEquals("ok repaired", one("SELECT string_agg(status, ' ' ORDER BY load_id) FROM ld"));
        write(stores.reject("dl"), "orders", "[\"1\"]", "{}", "l1", "bad");
        write(stores.reject("dl"), "orders", "[\"2\"]", "{}", "l1", "bad");
        assertEquals(2, rows(stores.lettersOf("dl"), "orders"));
        assertEquals(1, rows(stores.letterPage("dl"), "orders", 1, 1));
        assertEquals("orders", one(stores.letterCounts("dl")));
        write(stores.replayFailed("dl"), "l2", "still bad", 1L);
        assertEquals("2", one("SELECT attempts FROM dl WHERE id = 1"));
        assertEquals(1, write(stores.resolve("dl", 2), "orders", "l9", "[\"2\"]", "[\"3\"]"));
        assertEquals(1, write(stores.removeLetter("dl"), 1L));
        assertEquals(0, rows(stores.lettersOf("dl"), "orders"));
        write(stores.pause("pz"), "orders");
        assertEquals(1, rows(stores.isPaused("pz"), "orders"));
        assertEquals("orders", one(stores.allPaused("pz")));
        write(stores.resume("pz"), "orders");
        assertEquals(0, rows(stores.isPaused("pz"), "orders"));
        write(stores.recordSourceColumns("sc"), "orders", "{\"a\":\"int\"}");
        write(stores.recordSourceColumns("sc"), "orders", "{\"a\":\"bigint\"}");
        assertEquals(1, rows(stores.readSourceColumns("sc"), "orders"));
        assertEquals("{\"a\":\"bigint\"}", one("SELECT columns_json FROM sc"));
        execute(stores.createVerifications("vf"));
        write(stores.recordVerification("vf"), "orders", "{\"missing\":1}");
        write(stores.recordVerification("vf"), "orders", "{\"missing\":0}");
        assertEquals("orders {\"missing\":0}", one("SELECT table_name || ' ' || outcome_json FROM ("
                + stores.readVerifications("vf") + ") v"));
    }

    private int rows(String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            int n = 0;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        }
    }

    private List<String> columns(String schema, String table) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(PostgresCatalogSql.columns())) {
            s.setString(1, schema);
            s.setString(2, table);
            s.setString(3, table);
            s.setString(4, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getBoolean(4)
                            + " " + rs.getBoolean(6));
                }
            }
        }
        return found;
    }

    private int write(String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof String v && v.startsWith("{")) {
                    s.setObject(i + 1, v, java.sql.Types.OTHER); // json: the server parses the text
                } else {
                    s.setObject(i + 1, values[i]);
                }
            }
            return s.executeUpdate();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private String one(String sql) throws SQLException {
        Object value = one(sql, true);
        return value == null ? null : value.toString();
    }

    private Object one(String sql, boolean asObject) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getObject(1);
        }
    }

    private String explain(String sql, Object... values) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement s = c.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }
}
