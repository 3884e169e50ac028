package io.tidemark.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tidemark.source.Column;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** A value read from MySQL or MariaDB (as RowReader reads it) and from PostgreSQL (its text) hashes alike. */
class CanonicalTest {

    private static Column column(String dataType) {
        return new Column("c", dataType, dataType, true, null, null, null, false);
    }

    private static void same(String type, Object fromMySql, Object fromPostgres) {
        assertEquals(Canonical.text(column(type), fromMySql), Canonical.text(column(type), fromPostgres),
                type + ": " + fromMySql + " / " + fromPostgres);
    }

    @Test
    void equalValuesOfEachMySqlTypeReadFromBothEnginesHaveOneText() {
        same("int", 4294967295L, "4294967295");
        same("bigint", new BigInteger("18446744073709551615"), "18446744073709551615");
        same("tinyint", 127, "127");
        same("decimal", new BigDecimal("-1.500000000000000000000000000000"), "-1.500000000000000000000000000000");
        same("decimal", new BigDecimal("0E-30"), "0.000000000000000000000000000000");
        same("double", "-1.7976931348623157e308", "-1.7976931348623157e+308");
        same("double", "0", "-0");
        same("float", 3.40282e38f, "3.40282e+38");
        same("datetime", "9999-12-31 23:59:59.999999", "9999-12-31 23:59:59.999999");
        same("datetime", "2024-01-01 00:00:00.000000", "2024-01-01 00:00:00");
        same("datetime", "2024-01-01 00:00:00.120", "2024-01-01 00:00:00.12");
        same("timestamp", "2038-01-19 03:14:07.999999", "2038-01-19 03:14:07.999999+00");
        same("time", "-838:59:59.000000", "-838:59:59");
        same("year", "1901", "1901");
        same("varbinary", new byte[] {0, (byte) 0xff, 10}, "\\x00ff0a");
        same("bit", true, "1");
        same("bit", new byte[] {(byte) 0x81}, "10000001");
        same("json", "{\"n\": 1.0, \"m\": -0.0}", "{\"n\": 1.0, \"m\": -0.0}");
        same("enum", "b c", "b c");
    }

    @Test
    void postgresqlTypesIntoMySqlHaveOneTextToo() {
        same("boolean", 1, "true");
        same("boolean", 0, "f");
        same("timestamp with time zone", "2024-03-09 21:00:00.123456", "2024-03-09 21:00:00.123456+00");
        same("numeric", new BigDecimal("123456789012345678901234567890.123456789000000000000000000000"),
                "123456789012345678901234567890.123456789");
        same("bytea", new byte[] {0, (byte) 0xff}, "\\x00ff");
        same("uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    }

    @Test
    void differentValuesKeepDifferentTextsAndNullIsNoValue() {
        assertNotEquals(Canonical.text(column("datetime"), "2024-01-01 00:00:00.1"),
                Canonical.text(column("datetime"), "2024-01-01 00:00:00.01"));
        assertNotEquals(Canonical.text(column("decimal"), "1.5"), Canonical.text(column("decimal"), "15"));
        assertNotEquals(Canonical.text(column("text"), "N"), Canonical.text(column("text"), null));
        assertNotEquals(Canonical.text(column("text"), ""), Canonical.text(column("text"), null));
        assertEquals("2024-01-01 10:00:00", Canonical.temporal("2024-01-01 10:00:00.000"));
        assertEquals("1 day 02:03:04.5", Canonical.temporal("1 day 02:03:04.500"));
        assertEquals("NaN", Canonical.text(column("numeric"), "NaN"));
    }
}
