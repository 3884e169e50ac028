package io.tidemark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidemark.it.Fidelity.Pair;
import io.tidemark.it.Fidelity.Synced;
import io.tidemark.source.Catalog;
import io.tidemark.source.TableShape;
import io.tidemark.sql.MySqlDialect;
import io.tidemark.store.BulkLoad;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Every MySQL column type arrives exactly, on every pair of servers: values are compared by hashes the two
 * servers compute themselves (see {@link Database#canonical}), never read back through Tidemark's code. Rows 1-7
 * of {@code types} came with the first load, rows 101-107 (the same values) with the incremental run.
 */
class TypesIT {

    private static final String PAIRS = "io.tidemark.it.Fidelity#pairs";

    /**
     * Rows 1-7 reached an empty target table in the first run, so they took the bulk path (LOAD DATA LOCAL) where
     * the table qualifies, rows 101-107 the upsert: every test here covers both. This keeps it so.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void theWideTablesFirstLoadTakesTheBulkPathAndItsChangesTheUpsert(Pair pair) throws Exception {
        Synced s = Fidelity.synced(pair);
        s.assertOk("types");
        DataSource target = new DriverManagerDataSource(s.f().target.url(), "root", "");
        TableShape types = new Catalog(new DriverManagerDataSource(s.f().source.url(), "root", ""), new MySqlDialect())
                .table("types")
                .orElseThrow();
        assertTrue(new BulkLoad(target, new MySqlDialect()).supports(types.copied()),
                "every column type of types is one the bulk path takes, and the target allows LOCAL loads");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void integersArriveExactlySignedAndUnsignedUpToBigintUnsignedMax(Pair pair) throws Exception {
        Fidelity.synced(pair).assertSame("types", "id", "i8", "u8", "i16", "u16", "i24", "u24", "i32", "u32", "i64", "u64");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void bitsAndBooleansArriveExactly(Pair pair) throws Exception {
        Fidelity.synced(pair).assertSame("types", "id", "bit1", "bit64", "flag");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void decimalsArriveWithAllSixtyFiveDigits(Pair pair) throws Exception {
        Fidelity.synced(pair).assertSame("types", "id", "dec65");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void floatsArriveBitForBitNotAsTheSixDigitsTheServerPrints(Pair pair) throws Exception {
        Synced s = Fidelity.synced(pair);
        s.assertSame("types", "id", "fl");
        assertEquals("16777216", s.f().target.value("SELECT CONCAT(CAST(fl AS DOUBLE)) FROM types WHERE id = 104"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void doublesArriveBitForBitIncludingValuesWithoutAShortDecimalForm(Pair pair) throws Exception {
        Synced s = Fidelity.synced(pair);
        s.assertSame("types", "id", "db");
        assertEquals("0.30000000000000004", s.f().target.value("SELECT CONCAT(db) FROM types WHERE id = 103"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void negativeZeroKeepsItsSignWhereTheTargetCanStoreIt(Pair pair) throws Exception {
        Synced s = Fidelity.synced(pair);
        if (pair.target() == Server.MARIADB_10_11 && pair.source() != Server.MARIADB_10_11) {
            // MariaDB 10.11 stores -0e0 as 0 whatever the client sends (INSERT ... VALUES (-0e0) too): the sign
            // cannot arrive. Everything else in the column must, and -0 must become 0, nothing else.
            s.assertOk("types");
            List<String> expected = s.f().source.rows("SELECT id, IF(CONCAT(db_neg_zero) = '-0', '0', CONCAT(db_neg_zero)) "
                    + "FROM types ORDER BY id").stream().map(Object::toString).toList();
            List<String> actual = s.f().target.rows("SELECT id, CONCAT(db_neg_zero) FROM types ORDER BY id")
                    .stream().map(Object::toString).toList();
            assertEquals(expected, actual);
            Assumptions.abort("MariaDB 10.11 cannot store a negative zero DOUBLE: -0 arrives as 0");
        }
        s.assertSame("types", "id", "db_neg_zero");
        if (pair.source() != Server.MARIADB_10_11) {
            assertEquals("-0", s.f().target.value("SELECT CONCAT(db_neg_zero) FROM types WHERE id = 101"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void textArrivesByteForByteInUtf8mb4AndLatin1WhateverTheCollation(Pair pair) throws Exception {
        Fidelity.synced(pair).assertSame("types", "id", "ch", "vc", "tx", "vc_latin1", "tx_latin1", "vc_bin", "vc_cs",
                "vc_cs4", "vc_default");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void textColumnsKeepTheirCollationOrGetTheNearestOneTheTargetServerHas(Pair pair) throws Exception {
        Synced s = Fidelity.synced(pair);
        s.assertOk("types");
        String collations = "SELECT COLUMN_NAME, CHARACTER_SET_NAME, COLLATION_NAME FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'types' AND COLLATION_NAME IS NOT NULL "
                + "AND COLUMN_NAME NOT IN ('js', '_tidemark_load_id', '_tidemark_row_id') ORDER BY ORDINAL_POSITION";
        List<List<String>> expected = s.f().source.rows(collations).stream()
                .map(r -> List.of(r.get(0), r.get(1), nearest(r.get(2), pair.target()))).toList();
        assertEquals(expected, s.f().target.rows(collations));
    }

    /**
     * Where a target server lacks a collation, the one it gets instead (MySQL's UCA 9.0.0 collations are NO PAD;
     * MariaDB 10.11 has UCA 14.0.0 in NO PAD and PAD SPACE variants under other names). Values are unchanged;
     * comparisons and sort order on the target follow the nearest collation's rules.
     */
    private static String nearest(String collation, Server target) {
        Map<String, String> instead = switch (target) {
            case MYSQL_8_0 -> Map.of("utf8mb4_uca1400_as_cs", "utf8mb4_0900_as_cs", "utf8mb4_nopad_bin", "utf8mb4_0900_bin");
            case MARIADB_10_11 -> Map.of("utf8mb4_0900_ai_ci", "utf8mb4_uca1400_nopad_ai_ci",
                    "utf8mb4_0900_as_cs", "utf8mb4_uca1400_nopad_as_cs");
            case MARIADB_11_4 -> Map.of();
        };
        return instead.getOrDefault(collation, collation);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void everyByteValueArrivesInBinaryColumns(Pair pair) throws Exception {
        Synced s = Fidelity.synced(pair);
        s.assertSame("types", "id", "bn", "vb", "bl");
        assertEquals(256, s.f().target.count("SELECT LENGTH(bl) FROM types WHERE id = 102"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void jsonDocumentsArriveEqual(Pair pair) throws Exception {
        Synced s = Fidelity.synced(pair);
        if (pair.source().mariaDb() && !pair.target().mariaDb()) {
            // MariaDB keeps a JSON document as the text it was given; MySQL keeps a parsed, normalised document
            // (keys sorted, spaces and number spellings changed). The text cannot arrive as written: the document
            // must, which MySQL itself checks by comparing the target's value with the source's text as JSON.
            s.assertOk("types");
            for (List<String> row : s.f().source.rows("SELECT id, js FROM types WHERE js IS NOT NULL ORDER BY id")) {
                assertEquals(1, s.f().target.count("SELECT COUNT(*) FROM types WHERE id = " + row.get(0)
                        + " AND js = CAST(" + Database.literal(row.get(1)) + " AS JSON)"), "document of row " + row.get(0));
            }
            assertEquals(s.f().source.count("SELECT COUNT(*) FROM types WHERE js IS NULL"),
                    s.f().target.count("SELECT COUNT(*) FROM types WHERE js IS NULL"));
            Assumptions.abort("MySQL normalises JSON text: documents from MariaDB arrive equal as JSON, not as text");
        }
        s.assertSame("types", "id", "js");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void aJsonColumnIsAJsonColumnOnTheTargetToo(Pair pair) throws Exception {
        Synced s = Fidelity.synced(pair);
        s.assertOk("types");
        // On MariaDB JSON is LONGTEXT with a json_valid check; either way the target must refuse a non-document.
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> s.f().target.execute("UPDATE types SET js = 'not a document' WHERE id = 1"));
        // MySQL: "Invalid JSON text ... for column 'types.js'"; MariaDB: "CONSTRAINT `types.js` failed"
        assertTrue(refused.getMessage().contains("types.js"), refused.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void enumsAndSetsArriveWithTheEmptyMemberDistinctFromNull(Pair pair) throws Exception {
        Synced s = Fidelity.synced(pair);
        s.assertSame("types", "id", "en", "st");
        assertEquals("1", s.f().target.value("SELECT CONCAT(en + 0) FROM types WHERE id = 106"), "'' is the first member");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void yearsDatesAndTimesArriveIncludingNegativeTimesAndTimesLongerThanADay(Pair pair) throws Exception {
        Synced s = Fidelity.synced(pair);
        s.assertSame("types", "id", "yr", "d", "t");
        assertEquals("-838:59:59.000000", s.f().target.value("SELECT CONCAT(t) FROM types WHERE id = 101"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void zeroDatesArriveWhereTheSourceSqlModeAllowedThem(Pair pair) throws Exception {
        Synced s = Fidelity.synced(pair);
        List<String> columns = new java.util.ArrayList<>(List.of("d"));
        columns.addAll(Fidelity.DATETIMES);
        columns.addAll(Fidelity.TIMESTAMPS);
        s.assertSame("types", "id", columns.toArray(String[]::new));
        assertEquals(List.of(List.of("0000-00-00", "0000-00-00 00:00:00", "0000-00-00 00:00:00.000000"),
                        List.of("2024-00-15", "2024-02-00 10:00:00", "NULL")),
                s.f().target.rows("SELECT CONCAT(d), CONCAT(dt0), IFNULL(CONCAT(ts6), 'NULL') FROM types "
                        + "WHERE id IN (106, 107) ORDER BY id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void spatialValuesArriveWithTheirSrid(Pair pair) throws Exception {
        Synced s = Fidelity.synced(pair);
        s.assertSame("shapes", "id", "pt", "pg", "geo", "geo_srid");
        assertEquals("4326", s.f().target.value("SELECT ST_SRID(geo_srid) FROM shapes WHERE id = 102"));
        // Only MySQL restricts a column to an SRID; on MariaDB (as source or target) the values alone carry it.
        if (pair.source() == Server.MYSQL_8_0 && pair.target() == Server.MYSQL_8_0) {
            assertEquals("4326", s.f().target.value("SELECT SRS_ID FROM information_schema.COLUMNS "
                    + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'shapes' AND COLUMN_NAME = 'geo_srid'"),
                    "the column keeps its SRID restriction");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void generatedColumnsAreComputedByTheTargetToTheSameValues(Pair pair) throws Exception {
        Synced s = Fidelity.synced(pair);
        s.assertSame("types", "id", "gv", "gs");
        assertEquals(List.of(List.of("gs", "STORED GENERATED"), List.of("gv", "VIRTUAL GENERATED")),
                s.f().target.rows("SELECT COLUMN_NAME, EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                        + "AND TABLE_NAME = 'types' AND COLUMN_NAME IN ('gv', 'gs') ORDER BY 1"));
        assertTrue(s.f().target.count("SELECT COUNT(*) FROM types WHERE gs LIKE '%|%'") > 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(PAIRS)
    void nullsAndEmptyStringsStayDistinctInEveryColumn(Pair pair) throws Exception {
        Synced s = Fidelity.synced(pair);
        s.assertSame("types", "id", Fidelity.TYPED.stream().filter(c -> !c.equals("db_neg_zero") && !c.equals("js"))
                .toArray(String[]::new));
        String nulls = String.join(" AND ", Fidelity.TYPED.stream().map(c -> Database.quote(c) + " IS NULL").toList());
        assertEquals(2, s.f().target.count("SELECT COUNT(*) FROM types WHERE " + nulls));
        assertEquals(2, s.f().target.count("SELECT COUNT(*) FROM types WHERE vc = '' AND tx = '' AND bl = '' AND en = ''"));
    }
}
