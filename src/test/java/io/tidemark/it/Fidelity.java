package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The data of issue 3 ("Fidelity"), synced once per server pair and shared by {@link TypesIT}, {@link TimeIT},
 * {@link KeysIT} and {@link IdentifiersIT}: every table is created and filled on the source, the app runs once
 * (first load, or an incremental run from an initial value), the source changes, and the app runs once more
 * (incremental). Two JVM launches per pair, however many behaviours are checked. The source server runs at
 * +05:30, the target at -03:00 and the app's JVM in America/New_York.
 */
final class Fidelity {

    /** Source and target server kinds. */
    record Pair(Server source, Server target) {
        @Override
        public String toString() {
            return source == target ? source.toString() : source + " -> " + target;
        }
    }

    /**
     * Every kind as source and as target: the three same-kind pairs and the six cross pairs. For a quicker look,
     * {@code -Dtidemark.it.pairs=MYSQL_8_0,MARIADB_10_11 -> MYSQL_8_0} keeps only the pairs named.
     */
    static Stream<Pair> pairs() {
        List<String> only = List.of(System.getProperty("tidemark.it.pairs", "").split(",")).stream()
                .map(String::trim).filter(p -> !p.isEmpty()).toList();
        return Stream.of(Server.values()).flatMap(s -> Stream.of(Server.values()).map(t -> new Pair(s, t)))
                .filter(p -> only.isEmpty() || only.contains(p.toString()));
    }

    /** A pair after both runs; {@code failure} is set when the runs could not even be made. */
    record Synced(Pair pair, SyncFixture f, TidemarkApp.Result first, TidemarkApp.Result second) {

        /** The table's last run succeeded and source and target hold the same values in these columns. */
        void assertSame(String table, String key, String... columns) {
            assertOk(table);
            f.assertSameRows(table, key, columns);
        }

        void assertOk(String table) {
            String status = f.target.value("SELECT CONCAT(status, ' ', IFNULL(last_error, '')) FROM _tidemark_state "
                    + "WHERE table_name = " + Database.literal(table));
            if (status == null || !status.startsWith("ok")) {
                fail(table + " did not sync on " + pair + ": " + status + "\nfirst run:\n" + first.output()
                        + "\nsecond run:\n" + second.output());
            }
        }
    }

    private static final Map<Pair, Synced> SYNCED = new ConcurrentHashMap<>();
    private static final Map<Pair, Throwable> FAILED = new ConcurrentHashMap<>();

    private Fidelity() {
    }

    static synchronized Synced synced(Pair pair) throws Exception {
        if (FAILED.containsKey(pair)) {
            throw new IllegalStateException("the fidelity data could not be synced on " + pair, FAILED.get(pair));
        }
        Synced done = SYNCED.get(pair);
        if (done == null) {
            try {
                done = sync(pair);
            } catch (Exception | AssertionError e) {
                FAILED.put(pair, e);
                throw e;
            }
            SYNCED.put(pair, done);
        }
        return done;
    }

    private static Synced sync(Pair pair) throws Exception {
        long t0 = System.nanoTime();
        SyncFixture f = new SyncFixture(pair.source(), pair.target(), "fidelity");
        List<String> routes = new ArrayList<>();
        create(f, pair.source(), routes);
        TidemarkApp app = f.app(routes.toArray(String[]::new));
        TidemarkApp.Result first = app.once();
        change(f);
        TidemarkApp.Result second = app.once();
        System.out.printf("[it] fidelity %s synced in %d ms (exit codes %d, %d)%n", pair,
                (System.nanoTime() - t0) / 1_000_000, first.exitCode(), second.exitCode());
        return new Synced(pair, f, first, second);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The wide table: every MySQL type and attribute

    /** Every column of {@code types} that Tidemark writes, in order (generated columns excluded). */
    static final List<String> TYPED = List.of("i8", "u8", "i16", "u16", "i24", "u24", "i32", "u32", "i64", "u64",
            "bit1", "bit64", "flag", "dec65", "fl", "db", "db_neg_zero",
            "ch", "vc", "tx", "vc_latin1", "tx_latin1", "vc_bin", "vc_cs", "vc_cs4", "vc_default",
            "bn", "vb", "bl", "js", "en", "st", "yr", "d", "t",
            "dt0", "dt1", "dt2", "dt3", "dt4", "dt5", "dt6", "ts0", "ts1", "ts2", "ts3", "ts4", "ts5", "ts6");

    /** The columns of {@code shapes}: apart, so that {@code types} can take the bulk path (see TypesIT). */
    static final List<String> SPATIAL = List.of("pt", "pg", "geo", "geo_srid");

    static final List<String> DATETIMES = List.of("dt0", "dt1", "dt2", "dt3", "dt4", "dt5", "dt6");
    static final List<String> TIMESTAMPS = List.of("ts0", "ts1", "ts2", "ts3", "ts4", "ts5", "ts6");

    /** A case- and accent-sensitive utf8mb4 collation each server has (names differ). */
    static String caseSensitiveUtf8(Server server) {
        return switch (server) {
            case MYSQL_8_0 -> "utf8mb4_0900_as_cs";
            case MARIADB_11_4 -> "utf8mb4_uca1400_as_cs";
            case MARIADB_10_11 -> "utf8mb4_nopad_bin";
        };
    }

    private static String typesTable(Server source) {
        StringBuilder sql = new StringBuilder("""
                CREATE TABLE types (
                  id INT NOT NULL PRIMARY KEY,
                  changed DATETIME(6) NOT NULL,
                  i8 TINYINT, u8 TINYINT UNSIGNED, i16 SMALLINT, u16 SMALLINT UNSIGNED,
                  i24 MEDIUMINT, u24 MEDIUMINT UNSIGNED, i32 INT, u32 INT UNSIGNED, i64 BIGINT, u64 BIGINT UNSIGNED,
                  bit1 BIT(1), bit64 BIT(64), flag BOOLEAN,
                  dec65 DECIMAL(65,30), fl FLOAT, db DOUBLE, db_neg_zero DOUBLE,
                  ch CHAR(20) CHARACTER SET utf8mb4, vc VARCHAR(100) CHARACTER SET utf8mb4, tx TEXT CHARACTER SET utf8mb4,
                  vc_latin1 VARCHAR(300) CHARACTER SET latin1, tx_latin1 TEXT CHARACTER SET latin1,
                  vc_bin VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
                  vc_cs VARCHAR(100) CHARACTER SET latin1 COLLATE latin1_general_cs,
                """);
        sql.append("  vc_cs4 VARCHAR(100) CHARACTER SET utf8mb4 COLLATE ").append(caseSensitiveUtf8(source)).append(",\n");
        sql.append("""
                  vc_default VARCHAR(100),
                  bn BINARY(16), vb VARBINARY(300), bl BLOB,
                  js JSON,
                  en ENUM('', 'a', 'b c', 'ü'), st SET('x', 'y', 'z'),
                  yr YEAR, d DATE, t TIME(6),
                  dt0 DATETIME, dt1 DATETIME(1), dt2 DATETIME(2), dt3 DATETIME(3), dt4 DATETIME(4), dt5 DATETIME(5),
                  dt6 DATETIME(6),
                  ts0 TIMESTAMP NULL, ts1 TIMESTAMP(1) NULL, ts2 TIMESTAMP(2) NULL, ts3 TIMESTAMP(3) NULL,
                  ts4 TIMESTAMP(4) NULL, ts5 TIMESTAMP(5) NULL, ts6 TIMESTAMP(6) NULL,
                  gv BIGINT AS (i32 * 2) VIRTUAL,
                  gs VARCHAR(250) AS (CONCAT(vc, '|', i32)) STORED,
                  KEY (changed)
                )""");
        return sql.toString();
    }

    private static String spatialTable(Server source) {
        // Only MySQL has the column attribute; MariaDB keeps the SRID in each value alone.
        return "CREATE TABLE shapes (id INT NOT NULL PRIMARY KEY, changed DATETIME(6) NOT NULL, pt POINT, pg POLYGON, "
                + "geo GEOMETRY, geo_srid GEOMETRY" + (source == Server.MYSQL_8_0 ? " SRID 4326" : "") + ")";
    }

    private static String allBytes() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            bytes[i] = (byte) i;
        }
        return "x'" + HexFormat.of().formatHex(bytes) + "'";
    }

    /** A fractional-second literal cut to a precision: {@code fraction("...:59", "999999", 3)} is {@code '...:59.999'}. */
    private static String at(String seconds, String micros, int precision) {
        return "'" + seconds + (precision == 0 ? "" : "." + micros.substring(0, precision)) + "'";
    }

    private static void temporal(Map<String, String> row, String datetime, String datetimeMicros, String timestamp,
                                 String timestampMicros) {
        for (int p = 0; p <= 6; p++) {
            if (datetime != null) {
                row.put("dt" + p, at(datetime, datetimeMicros, p));
            }
            if (timestamp != null) {
                row.put("ts" + p, at(timestamp, timestampMicros, p));
            }
        }
    }

    /** The rows of {@code types}: extremes, awkward values, NULLs, empty values, zero dates. Unset columns are NULL. */
    private static List<Map<String, String>> typeRows() {
        List<Map<String, String>> rows = new ArrayList<>();

        Map<String, String> min = new LinkedHashMap<>(); // 1: minimums
        min.putAll(Map.of("i8", "-128", "u8", "0", "i16", "-32768", "u16", "0", "i24", "-8388608", "u24", "0",
                "i32", "-2147483648", "u32", "0", "i64", "-9223372036854775808", "u64", "0"));
        min.putAll(Map.of("bit1", "b'0'", "bit64", "b'0'", "flag", "FALSE",
                "dec65", "-99999999999999999999999999999999999.999999999999999999999999999999",
                "fl", "-3.4028234663852886e38", "db", "-1.7976931348623157e308", "db_neg_zero", "-0e0"));
        min.putAll(Map.of("ch", "'a'", "vc", "'a'", "tx", "'a'", "vc_latin1", "'a'", "tx_latin1", "'a'",
                "vc_bin", "'a'", "vc_cs", "'a'", "vc_cs4", "'a'", "vc_default", "'a'"));
        min.putAll(Map.of("bn", "x'00000000000000000000000000000000'", "vb", "x'00'", "bl", "x'00'", "js", "'[]'",
                "en", "'a'", "st", "'x'", "yr", "1901", "d", "'1000-01-01'", "t", "'-838:59:59.000000'"));
        temporal(min, "1000-01-01 00:00:00", "000000", "1970-01-01 00:00:01", "000000");
        rows.add(min);

        Map<String, String> max = new LinkedHashMap<>(); // 2: maximums
        max.putAll(Map.of("i8", "127", "u8", "255", "i16", "32767", "u16", "65535", "i24", "8388607",
                "u24", "16777215", "i32", "2147483647", "u32", "4294967295", "i64", "9223372036854775807",
                "u64", "18446744073709551615"));
        max.putAll(Map.of("bit1", "b'1'", "bit64", "b'" + "1".repeat(64) + "'", "flag", "TRUE",
                "dec65", "99999999999999999999999999999999999.999999999999999999999999999999",
                "fl", "3.4028234663852886e38", "db", "1.7976931348623157e308", "db_neg_zero", "0e0"));
        max.putAll(Map.of("ch", "'" + "😀".repeat(20) + "'", "vc", "'" + "𝄞".repeat(100) + "'",
                "tx", "'Zoë 😀 𠜎 ✓ e\u0301 日本語'", "vc_latin1", "CONVERT(" + allBytes() + " USING latin1)",
                "tx_latin1", "CONVERT(" + allBytes() + " USING latin1)", "vc_bin", "'Aa'", "vc_cs", "'ABC'",
                "vc_cs4", "'ÄäA'", "vc_default", "'Ünïcödé 😀'"));
        max.putAll(Map.of("bn", "x'ffffffffffffffffffffffffffffffff'", "vb", allBytes(), "bl", allBytes(),
                "js", "'{\"b\":1,  \"a\" : [1, 2.50, 1e2, \"\\\\u00e9\", null, true, 0.30000000000000004, 1e300, "
                        + "12345678901234567890], \"c\": {\"z\": \"😀\", \"y\": {}}}'",
                "en", "'ü'", "st", "'x,y,z'", "yr", "2155", "d", "'9999-12-31'", "t", "'838:59:59.000000'"));
        temporal(max, "9999-12-31 23:59:59", "999999", "2038-01-19 03:14:07", "999999");
        rows.add(max);

        // 3: values with no short decimal form, a NY wall-clock time that does not exist (spring forward) and the
        // first 01:30 of the NY autumn night (05:30 UTC)
        Map<String, String> awkward = new LinkedHashMap<>(Map.of("fl", "3.1415927", "db", "0.1e0 + 0.2e0",
                "dec65", "0.000000000000000000000000000001", "t", "'-00:00:00.000001'", "yr", "2024",
                "d", "'2024-02-29'", "en", "'b c'", "st", "'y'", "js", "'\"\"'", "i32", "7"));
        awkward.putAll(Map.of("ch", "'e\u0301'", "vc", "'trailing  '",
                "tx", "'it''s \"q\" \\\\ back`tick \\0 nul\\nline\\ttab'", "vc_bin", "'aA'", "vc_cs", "'abc'",
                "vc_cs4", "'äÄa'", "vc_latin1", "'Ça coûte 5 €'", "vb", "x'00ff00'"));
        temporal(awkward, "2024-03-10 02:30:00", "123456", "2024-11-03 05:30:00", "500000");
        rows.add(awkward);

        // 4: more values with no short decimal form, the NY wall-clock time that occurs twice, the second 01:30
        Map<String, String> twice = new LinkedHashMap<>(Map.of("fl", "16777217", "db", "4.9e-324",
                "db_neg_zero", "-0e0", "t", "'25:00:00.5'", "js", "'{\"n\": 1.0, \"m\": -0.0, \"t\": 5e-324}'",
                "i32", "-1", "flag", "2"));
        twice.putAll(Map.of("dec65", "123456789012345678901234567890.123456789012345678901234567891"));
        temporal(twice, "2024-11-03 01:30:00", "654321", "2024-11-03 06:30:00", "500000");
        rows.add(twice);

        rows.add(new LinkedHashMap<>()); // 5: NULL in every column that allows it

        Map<String, String> empty = new LinkedHashMap<>(); // 6: empty and zero values, zero dates
        for (String c : List.of("ch", "vc", "tx", "vc_latin1", "tx_latin1", "vc_bin", "vc_cs", "vc_cs4", "vc_default",
                "bn", "vb", "bl", "en", "st")) {
            empty.put(c, "''");
        }
        for (String c : List.of("i8", "u8", "i16", "u16", "i24", "u24", "i32", "u32", "i64", "u64", "flag", "dec65",
                "fl", "db", "yr")) {
            empty.put(c, "0");
        }
        empty.putAll(Map.of("bit1", "b'0'", "bit64", "b'0'", "js", "'{}'", "d", "'0000-00-00'", "t", "'00:00:00'"));
        temporal(empty, "0000-00-00 00:00:00", "000000", "0000-00-00 00:00:00", "000000");
        rows.add(empty);

        // 7: zero in a date part (allowed without NO_ZERO_IN_DATE), doubles and floats at the edges of precision
        Map<String, String> zeroIn = new LinkedHashMap<>(Map.of("d", "'2024-00-15'", "fl", "1.17549435e-38",
                "db", "2.2250738585072014e-308", "db_neg_zero", "123456789012345678", "t", "'-00:00:01'",
                "dec65", "-0.000000000000000000000000000001"));
        temporal(zeroIn, "2024-02-00 10:00:00", "000001", null, null);
        rows.add(zeroIn);
        return rows;
    }

    /** Rows of {@code shapes}: points, polygons with a hole, collections, SRIDs 0, 3857 and 4326, NULLs. */
    private static List<Map<String, String>> spatialRows() {
        return List.of(
                Map.of("pt", "ST_GeomFromText('POINT(0 0)')",
                        "pg", "ST_GeomFromText('POLYGON((0 0,10 0,10 10,0 10,0 0),(5 5,7 5,7 7,5 7,5 5))')",
                        "geo", "ST_GeomFromText('LINESTRING(0 0,1 1,2 1)', 3857)",
                        "geo_srid", "ST_GeomFromText('POINT(-90 -180)', 4326)"),
                Map.of("pt", "ST_GeomFromText('POINT(123.456 -0.000001)')",
                        "pg", "ST_GeomFromText('POLYGON((0 0,1 0,0 1,0 0))')",
                        "geo", "ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1))')",
                        "geo_srid", "ST_GeomFromText('POLYGON((10 10,10 20,20 20,20 10,10 10))', 4326)"),
                Map.of());
    }

    private static String insert(String table, List<String> columns, int id, String changed, Map<String, String> row) {
        return "INSERT INTO " + table + " (id, changed, " + String.join(", ", columns) + ") VALUES (" + id + ", "
                + changed + ", " + columns.stream().map(c -> row.getOrDefault(c, "NULL")).collect(Collectors.joining(", "))
                + ")";
    }

    // ---------------------------------------------------------------------------------------------------------
    // Creating, filling and changing the source

    /** A session that may write zero dates: strict, but without NO_ZERO_DATE and NO_ZERO_IN_DATE. */
    private static final String ZERO_DATES = "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION'";
    /** TIMESTAMP literals below are UTC instants. DATETIME(6) modifiers written with NOW(6) use the source's zone. */
    private static final String UTC = "SET time_zone = '+00:00'";

    private static void create(SyncFixture f, Server source, List<String> routes) {
        List<String> sql = new ArrayList<>(List.of(ZERO_DATES, UTC, typesTable(source)));
        List<Map<String, String>> rows = typeRows();
        for (int i = 0; i < rows.size(); i++) {
            sql.add(insert("types", TYPED, i + 1, "'2024-01-01 00:00:00." + (i + 1) + "'", rows.get(i)));
        }
        sql.add(spatialTable(source));
        List<Map<String, String>> shapes = spatialRows();
        for (int i = 0; i < shapes.size(); i++) {
            sql.add(insert("shapes", SPATIAL, i + 1, "'2024-01-01'", shapes.get(i)));
        }
        f.source.execute(sql.toArray(String[]::new));
        routes.add(table("table", "types", "modifier", "changed", "batchSize", "2", "lag", "0s"));
        routes.add(table("table", "shapes", "modifier", "changed", "batchSize", "2", "lag", "0s"));

        createWatermarkTables(f, routes);
        createKeyTables(f, routes);
        createModifierTables(f, routes);
        createIdentifierTables(f, routes);
    }

    /** The second run's input: rows inserted and updated after the first run, read past the watermark. */
    private static void change(SyncFixture f) {
        List<String> copy = new ArrayList<>(TYPED);
        f.source.execute(ZERO_DATES,
                // every value again, now through the incremental path
                "INSERT INTO types (id, changed, " + String.join(", ", copy) + ") SELECT id + 100, NOW(6), "
                        + String.join(", ", copy) + " FROM types",
                "UPDATE types SET changed = NOW(6), db = 2.2250738585072014e-308, vc = 'changed' WHERE id = 3",
                "INSERT INTO shapes SELECT id + 100, NOW(6), " + String.join(", ", SPATIAL) + " FROM shapes");
        changeWatermarkTables(f);
        changeKeyTables(f);
        changeModifierTables(f);
        changeIdentifierTables(f);
    }

    // Watermarks on DATETIME(6) and TIMESTAMP(6), started from an initial value so that the rows of a daylight
    // saving night in New York, at microsecond distances and with ties, are read through the watermark itself.

    /** Rows per table in the first run, and their modifier values: ties, microsecond steps, NY's DST nights. */
    static final List<String> DATETIME_MODIFIERS = List.of(
            "2024-03-09 23:59:59.999999", // before the initial value: never copied
            "2024-03-10 02:30:00.000001", "2024-03-10 02:30:00.000001", "2024-03-10 02:30:00.000001",
            "2024-03-10 02:30:00.000002", "2024-03-10 02:30:00.000002", "2024-03-10 02:30:00.000003",
            "2024-03-10 02:59:59.999999", "2024-03-10 03:00:00", "2024-03-10 03:00:00.000001",
            "2024-11-03 01:30:00.5", "2024-11-03 01:30:00.5", "2024-11-03 01:30:00.500001",
            "2024-11-03 01:59:59.999999", "2024-11-03 01:59:59.999999", "2024-11-03 02:00:00");
    static final String INITIAL_VALUE = "2024-03-10 00:00:00";

    private static void createWatermarkTables(SyncFixture f, List<String> routes) {
        for (String type : List.of("DATETIME(6)", "TIMESTAMP(6)")) {
            String table = type.startsWith("DATETIME") ? "wm_datetime6" : "wm_timestamp6";
            List<String> sql = new ArrayList<>(List.of(UTC, "CREATE TABLE " + table
                    + " (id INT PRIMARY KEY, m " + type + " NOT NULL, note VARCHAR(30), KEY (m))"));
            for (int i = 0; i < DATETIME_MODIFIERS.size(); i++) {
                sql.add("INSERT INTO " + table + " VALUES (" + (i + 1) + ", '" + DATETIME_MODIFIERS.get(i) + "', 'first "
                        + (i + 1) + "')");
            }
            f.source.execute(sql.toArray(String[]::new));
            routes.add(table("table", table, "modifier", "m", "batchSize", "2", "lag", "0s",
                    "initialValue", INITIAL_VALUE));
        }
    }

    /** The second run gets rows tied with the committed watermark (a larger key) and one microsecond after it. */
    private static void changeWatermarkTables(SyncFixture f) {
        for (String table : List.of("wm_datetime6", "wm_timestamp6")) {
            f.source.execute(UTC,
                    "INSERT INTO " + table + " SELECT 100 + id, m, 'tie' FROM " + table + " WHERE m = (SELECT MAX(m) FROM "
                            + table + ")",
                    "INSERT INTO " + table + " SELECT 200, MAX(m) + INTERVAL 1 MICROSECOND, 'after' FROM " + table,
                    "INSERT INTO " + table + " SELECT 201, MAX(m) + INTERVAL 1 MICROSECOND, 'tie after' FROM " + table
                            + " WHERE id <> 200");
        }
    }

    // Keys of every key-able type, paged in small batches (first load by key, then incremental by modifier and key)

    private static void createKeyTables(SyncFixture f, List<String> routes) {
        f.source.execute(ZERO_DATES,
                "CREATE TABLE k_composite (region VARCHAR(8) NOT NULL, n INT NOT NULL, day DATE NOT NULL, v INT, "
                        + "changed DATETIME(6) NOT NULL, PRIMARY KEY (region, n, day))",
                "INSERT INTO k_composite WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 59) "
                        + "SELECT ELT(1 + i % 3, 'eu', 'us', 'apac'), -10 + i % 7, DATE('2024-01-01') + INTERVAL i % 4 DAY, "
                        + "i, '2024-01-01 00:00:00' FROM s",
                "CREATE TABLE k_ci (k VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL PRIMARY KEY, "
                        + "v INT, changed DATETIME(6) NOT NULL)",
                "INSERT INTO k_ci VALUES ('alpha', 1, '2024-01-01'), ('Beta', 2, '2024-01-01'), ('GAMMA', 3, '2024-01-01'), "
                        + "('delta', 4, '2024-01-01'), ('Émile', 5, '2024-01-01'), ('zeta', 6, '2024-01-01'), "
                        + "('Ω', 7, '2024-01-01'), ('😀', 8, '2024-01-01'), (' lead', 9, '2024-01-01'), "
                        + "('Straße', 10, '2024-01-01'), ('a', 11, '2024-01-01'), ('B', 12, '2024-01-01')",
                "CREATE TABLE k_uuid (id BINARY(16) NOT NULL PRIMARY KEY, v INT, changed DATETIME(6) NOT NULL)",
                "INSERT INTO k_uuid WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 29) "
                        + "SELECT UNHEX(MD5(i)), i, '2024-01-01' FROM s",
                "INSERT INTO k_uuid VALUES (x'00000000000000000000000000000000', -1, '2024-01-01'), "
                        + "(x'ffffffffffffffffffffffffffffffff', -2, '2024-01-01'), "
                        + "(x'00000000000000000000000000000020', -3, '2024-01-01')",
                "CREATE TABLE k_datetime (at DATETIME(6) NOT NULL PRIMARY KEY, v INT, changed DATETIME(6) NOT NULL)",
                "INSERT INTO k_datetime VALUES ('1000-01-01 00:00:00', 1, '2024-01-01'), "
                        + "('2024-03-10 02:30:00', 2, '2024-01-01'), ('2024-03-10 02:30:00.000001', 3, '2024-01-01'), "
                        + "('2024-03-10 02:30:00.000002', 4, '2024-01-01'), ('2024-11-03 01:30:00', 5, '2024-01-01'), "
                        + "('2024-11-03 01:30:00.999999', 6, '2024-01-01'), ('2024-11-03 01:30:01', 7, '2024-01-01'), "
                        + "('9999-12-31 23:59:59.999999', 8, '2024-01-01'), ('0000-00-00 00:00:00', 9, '2024-01-01')",
                "CREATE TABLE k_negative (id BIGINT NOT NULL PRIMARY KEY, v INT, changed DATETIME(6) NOT NULL)",
                "INSERT INTO k_negative VALUES (-9223372036854775808, 1, '2024-01-01'), (-1000, 2, '2024-01-01'), "
                        + "(-999, 3, '2024-01-01'), (-10, 4, '2024-01-01'), (-9, 5, '2024-01-01'), (-1, 6, '2024-01-01'), "
                        + "(0, 7, '2024-01-01'), (1, 8, '2024-01-01'), (9223372036854775807, 9, '2024-01-01')");
        for (String table : KEY_TABLES) {
            routes.add(table("table", table, "modifier", "changed", "batchSize", "3", "lag", "0s"));
        }
    }

    static final List<String> KEY_TABLES = List.of("k_composite", "k_ci", "k_uuid", "k_datetime", "k_negative");

    /** Every second row changes in one statement (one modifier value for all of them), and new rows arrive. */
    private static void changeKeyTables(SyncFixture f) {
        f.source.execute(ZERO_DATES,
                "UPDATE k_composite SET v = v + 1000, changed = NOW(6) WHERE v % 2 = 0",
                "INSERT INTO k_composite VALUES ('eu', -11, '2024-01-01', -1, NOW(6)), ('zz', 0, '0000-00-00', -2, NOW(6))",
                "UPDATE k_ci SET v = v + 1000, changed = NOW(6) WHERE v % 2 = 0",
                "INSERT INTO k_ci VALUES ('Aardvark', 13, NOW(6)), ('épée', 14, NOW(6)), ('', 15, NOW(6))",
                "UPDATE k_uuid SET v = v + 1000, changed = NOW(6) WHERE v % 2 = 0",
                "INSERT INTO k_uuid VALUES (x'7f000000000000000000000000000001', 100, NOW(6))",
                "UPDATE k_datetime SET v = v + 1000, changed = NOW(6) WHERE v % 2 = 0",
                "INSERT INTO k_datetime VALUES ('2024-03-10 02:59:59.5', 10, NOW(6))",
                "UPDATE k_negative SET v = v + 1000, changed = NOW(6) WHERE v % 2 = 0",
                "INSERT INTO k_negative VALUES (-9223372036854775807, 10, NOW(6)), (-5, 11, NOW(6))");
    }

    // Modifiers that are not a DATETIME(6): a DATE, a DATETIME(0) with many ties, an integer version

    private static void createModifierTables(SyncFixture f, List<String> routes) {
        f.source.execute(
                "CREATE TABLE m_date (id INT PRIMARY KEY, d DATE NOT NULL, v INT, KEY (d))",
                "INSERT INTO m_date WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 50) "
                        + "SELECT i, CURDATE() - INTERVAL 2 + i % 20 DAY, i FROM s",
                "CREATE TABLE m_datetime0 (id INT PRIMARY KEY, m DATETIME NOT NULL, v INT, KEY (m))",
                "INSERT INTO m_datetime0 WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 40) "
                        + "SELECT i, NOW() - INTERVAL 1 DAY, i FROM s",
                "CREATE TABLE m_version (id INT PRIMARY KEY, version BIGINT UNSIGNED NOT NULL, v VARCHAR(20), KEY (version))",
                "INSERT INTO m_version WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 40) "
                        + "SELECT i, i, CONCAT('v', i) FROM s");
        routes.add(table("table", "m_date", "modifier", "d", "batchSize", "7"));
        routes.add(table("table", "m_datetime0", "modifier", "m", "batchSize", "25"));
        routes.add(table("table", "m_version", "modifier", "version", "batchSize", "7"));
    }

    private static void changeModifierTables(SyncFixture f) {
        f.source.execute(
                "UPDATE m_date SET d = CURDATE(), v = v + 1000 WHERE id % 5 = 0",
                "INSERT INTO m_date VALUES (51, CURDATE(), 51), (52, CURDATE(), 52)",
                // NOW() is one value for a whole statement: 300 new rows and 20 changed ones share one second
                "INSERT INTO m_datetime0 WITH RECURSIVE s(i) AS (SELECT 41 UNION ALL SELECT i + 1 FROM s WHERE i < 340) "
                        + "SELECT i, NOW(), i FROM s",
                "UPDATE m_datetime0 SET m = NOW(), v = v + 1000 WHERE id % 2 = 0 AND id <= 40",
                "UPDATE m_version SET version = version + 100, v = CONCAT(v, ' changed') WHERE id % 4 = 0",
                "INSERT INTO m_version VALUES (41, 1000, 'new'), (42, 1001, 'new')");
    }

    // Identifiers that need quoting everywhere: reserved words, spaces, dashes, dots, backticks, non-ASCII, case

    /** Table name, then key, value and modifier column names. */
    static final List<List<String>> NAMES = List.of(
            List.of("order", "key", "select", "from"),
            List.of("my table", "the id", "a value", "changed at"),
            List.of("dash-table", "dash-id", "dash-value", "dash-changed"),
            List.of("dot.table", "dot.id", "dot.value", "dot.changed"),
            List.of("tick`table", "tick`id", "tick`value", "tick`changed"),
            List.of("straße_名前", "schlüssel", "größe", "変更"),
            List.of("Mixed", "id", "v", "changed"),
            List.of("mixed", "id", "v", "changed"));

    private static void createIdentifierTables(SyncFixture f, List<String> routes) {
        List<String> sql = new ArrayList<>();
        for (List<String> n : NAMES) {
            String t = Database.quote(n.get(0));
            sql.add("CREATE TABLE " + t + " (" + Database.quote(n.get(1)) + " INT PRIMARY KEY, " + Database.quote(n.get(2))
                    + " VARCHAR(40), " + Database.quote(n.get(3)) + " DATETIME(6) NOT NULL)");
            sql.add("INSERT INTO " + t + " VALUES " + IntStream.rangeClosed(1, 5)
                    .mapToObj(i -> "(" + i + ", " + Database.literal(n.get(0) + " " + i) + ", '2024-01-01')")
                    .collect(Collectors.joining(", ")));
            routes.add(table("table", n.get(0), "modifier", n.get(3), "batchSize", "2"));
        }
        f.source.execute(sql.toArray(String[]::new));
    }

    private static void changeIdentifierTables(SyncFixture f) {
        List<String> sql = new ArrayList<>();
        for (List<String> n : NAMES) {
            String t = Database.quote(n.get(0));
            sql.add("UPDATE " + t + " SET " + Database.quote(n.get(2)) + " = CONCAT(" + Database.quote(n.get(2))
                    + ", ' changed'), " + Database.quote(n.get(3)) + " = NOW(6) WHERE " + Database.quote(n.get(1)) + " = 2");
            sql.add("INSERT INTO " + t + " VALUES (6, 'new', NOW(6))");
        }
        f.source.execute(sql.toArray(String[]::new));
    }
}
