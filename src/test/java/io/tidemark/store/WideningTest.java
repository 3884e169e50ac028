package io.tidemark.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidemark.source.Column;
import io.tidemark.store.Widening.Verdict;
import org.junit.jupiter.api.Test;

/** Which changes of a source column's declaration the target follows by widening its column. */
class WideningTest {

    private static Column column(String type, boolean nullable) {
        String dataType = type.replaceAll("[( ].*", "");
        boolean text = dataType.endsWith("char") || dataType.endsWith("text") || dataType.equals("enum")
                || dataType.equals("set");
        return new Column("c", dataType, type, nullable, text ? "utf8mb4" : null, text ? "utf8mb4_bin" : null, null, false);
    }

    private static Verdict verdict(String target, String source) {
        return Widening.of(column(target, false), column(source, false));
    }

    @Test
    void aLongerVarcharIsAWidening() {
        assertEquals(Verdict.WIDEN, verdict("varchar(20)", "varchar(200)"));
    }

    @Test
    void aShorterVarcharIsHeldByTheTarget() {
        assertEquals(Verdict.HOLDS, verdict("varchar(200)", "varchar(20)"));
    }

    @Test
    void aLargerIntegerIsAWideningAndTheDisplayWidthIsNoChange() {
        assertEquals(Verdict.WIDEN, verdict("int(11)", "bigint(20)"));
        assertEquals(Verdict.HOLDS, verdict("int(11)", "int"));
    }

    @Test
    void unsignedIntoSignedNeedsALargerInteger() {
        assertEquals(Verdict.WIDEN, verdict("int unsigned", "bigint"));
        assertEquals(Verdict.DIFFERENT, verdict("int unsigned", "int"));
        assertEquals(Verdict.DIFFERENT, verdict("int", "bigint unsigned"));
    }

    @Test
    void aDecimalWidensOnlyWhenNeitherSideOfThePointShrinks() {
        assertEquals(Verdict.WIDEN, verdict("decimal(10,2)", "decimal(12,2)"));
        assertEquals(Verdict.WIDEN, verdict("decimal(10,2)", "decimal(11,3)"));
        assertEquals(Verdict.DIFFERENT, verdict("decimal(10,2)", "decimal(10,3)"));
        assertEquals(Verdict.HOLDS, verdict("decimal(12,2)", "decimal(10,2)"));
    }

    @Test
    void moreFractionalSecondsIsAWidening() {
        assertEquals(Verdict.WIDEN, verdict("datetime", "datetime(6)"));
        assertEquals(Verdict.HOLDS, verdict("datetime(6)", "datetime(3)"));
    }

    @Test
    void largerTextAndBlobTypesAreWidenings() {
        assertEquals(Verdict.WIDEN, verdict("text", "mediumtext"));
        assertEquals(Verdict.WIDEN, verdict("blob", "longblob"));
        assertEquals(Verdict.DIFFERENT, verdict("text", "blob"));
    }

    @Test
    void enumMembersAddedAtTheEndAreAWideningOtherChangesAreNot() {
        assertEquals(Verdict.WIDEN, verdict("enum('new','paid')", "enum('new','paid','shipped')"));
        assertEquals(Verdict.DIFFERENT, verdict("enum('new','paid')", "enum('paid','new')"));
    }

    @Test
    void anotherTypeIsNotAWidening() {
        assertEquals(Verdict.DIFFERENT, verdict("varchar(20)", "int"));
        assertEquals(Verdict.DIFFERENT, verdict("date", "datetime"));
    }

    @Test
    void notNullRelaxedToNullIsAWideningButNeverTheOtherWay() {
        assertEquals(Verdict.WIDEN, Widening.of(column("int", false), column("int", true)));
        assertEquals(Verdict.HOLDS, Widening.of(column("int", true), column("int", false)));
        assertEquals(true, Widening.widened(column("int", true), column("bigint", false)).nullable());
    }

    @Test
    void anotherCollationIsNotAWidening() {
        Column target = column("varchar(20)", false);
        Column source = new Column("c", "varchar", "varchar(200)", false, "utf8mb4", "utf8mb4_general_ci", null, false);
        assertEquals(Verdict.DIFFERENT, Widening.of(target, source));
    }
}
