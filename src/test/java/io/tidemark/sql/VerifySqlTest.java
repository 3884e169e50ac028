package io.tidemark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidemark.source.Column;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact SQL of verification and repair (io.tidemark.verify); no database involved. */
class VerifySqlTest {

    private final MySqlDialect dialect = new MySqlDialect();

    private static final Column ID = column("id", "bigint");
    private static final Column REGION = column("region", "varchar");
    private static final List<Column> KEY = List.of(REGION, ID);

    private static Column column(String name, String dataType) {
        return new Column(name, dataType, dataType, true, null, null, null, false);
    }

    @Test
    void aRowHashRendersEachTypeAsEveryServerDoesWithNullDistinctFromEmpty() {
        assertEquals("MD5(CONCAT_WS('|', IFNULL(CONCAT(`id`), 'N'), IFNULL(HEX(`region`), 'N'), "
                        + "IFNULL(CONCAT(CAST(`f` AS DOUBLE)), 'N'), IFNULL(IF(`d` = 0, '0', CONCAT(`d`)), 'N'), "
                        + "IFNULL(CONCAT(`b` + 0), 'N'), IFNULL(CONCAT(HEX(`e`), '#', `e` + 0), 'N'), "
                        + "IFNULL(HEX(CAST(`j` AS CHAR CHARACTER SET utf8mb4)), 'N'), IFNULL(CONCAT(`ts`), 'N'), "
                        + "IFNULL(HEX(`g`), 'N')))",
                dialect.rowHash(List.of(ID, REGION, column("f", "float"), column("d", "double"), column("b", "bit"),
                        column("e", "enum"), column("j", "json"), column("ts", "timestamp"), column("g", "geometry"))));
    }

    @Test
    void betweenEnginesEveryColumnIsReadForTheJvmToHashEachServerInItsOwnWay() {
        PostgresDialect postgres = new PostgresDialect();
        assertEquals("'-'", dialect.rowHash(List.of()));
        assertEquals("'-'", postgres.rowHash(List.of()));
        assertEquals("md5(concat_ws('|', quote_nullable(\"id\"::text), quote_nullable(\"region\"::text)))",
                postgres.rowHash(List.of(ID, REGION)));
        assertEquals("SELECT `id`, '-', `region`, CAST(`f` AS DOUBLE), `j` FROM `t` WHERE (`id` <= ?) ORDER BY `id`",
                dialect.rowHashes("t", List.of(), List.of(ID), List.of(REGION, column("f", "float"), column("j", "json")),
                        false, true,
                        null, null));
        assertEquals("SELECT \"id\", '-', \"region\"::text, \"j\"::text FROM \"t\" WHERE (\"id\" <= ?) "
                        + "ORDER BY \"t\".\"id\"",
                postgres.rowHashes("t", List.of(), List.of(ID), List.of(REGION, column("j", "json")), false, true,
                        null, null));
        assertEquals("SELECT \"id\", '-', \"region\"::text FROM \"t\" WHERE (\"id\" IN (?, ?))",
                postgres.hashedRowsByKeys("t", List.of(), List.of(REGION), List.of(ID), 2, null));
        assertEquals("SELECT \"id\", '-', \"region\"::text, \"id\" FROM \"t\" WHERE (\"id\" IN (?)) FOR UPDATE",
                postgres.hashedRowsByKeys("t", List.of(), List.of(REGION), List.of(ID), List.of(ID), 1, true, null));
    }

    @Test
    void aChunkChecksumIsOneRowOfCountAndXorBetweenTwoCompositeKeys() {
        assertEquals("SELECT COUNT(*), COALESCE(BIT_XOR(CAST(CONV(LEFT(MD5(CONCAT_WS('|', IFNULL(CONCAT(`id`), 'N'))), "
                        + "16), 16, 10) AS UNSIGNED)), 0) FROM `lines` WHERE (`region` > ? OR (`region` = ? AND "
                        + "(`id` > ?))) AND (`region` < ? OR (`region` = ? AND (`id` <= ?)))",
                dialect.checksum("lines", List.of(ID), KEY, true, true, null, null));
    }

    @Test
    void rowsMarkedDeletedAreLeftOutOfTheTargetsChecksum() {
        assertEquals("SELECT COUNT(*), COALESCE(BIT_XOR(CAST(CONV(LEFT(MD5(CONCAT_WS('|', IFNULL(CONCAT(`id`), 'N'))), "
                        + "16), 16, 10) AS UNSIGNED)), 0) FROM `t` WHERE `_tidemark_deleted_at` IS NULL",
                dialect.checksum("t", List.of(ID), List.of(ID), false, false, "_tidemark_deleted_at", null));
    }

    @Test
    void theSourcesRowFilterComesFirstSoThatOnlyTheRowsItCopiesAreCompared() {
        assertEquals("SELECT COUNT(*), COALESCE(BIT_XOR(CAST(CONV(LEFT(MD5(CONCAT_WS('|', IFNULL(CONCAT(`id`), 'N'))), "
                        + "16), 16, 10) AS UNSIGNED)), 0) FROM `t` WHERE (tenant = 1) AND (`id` > ?)",
                dialect.checksum("t", List.of(ID), List.of(ID), true, false, null, "tenant = 1"));
        assertEquals("SELECT `id` FROM `t` WHERE (tenant = 1) ORDER BY `id` LIMIT 1 OFFSET ?",
                dialect.keyAt("t", List.of(ID), false, false, null, "tenant = 1"));
        assertEquals("SELECT `id`, MD5(CONCAT_WS('|', IFNULL(CONCAT(`id`), 'N'))), `id`, CAST(`f` AS DOUBLE) AS `f` "
                        + "FROM `t` WHERE (tenant = 1) AND (`id` IN (?, ?))",
                dialect.hashedRowsByKeys("t", List.of(ID), List.of(), List.of(ID, column("f", "float")), List.of(ID), 2,
                        false, "tenant = 1"));
    }

    @Test
    void namedRowsAreLookedUpAgainManyKeysAStatement() {
        assertEquals("SELECT `id`, MD5(CONCAT_WS('|', IFNULL(CONCAT(`id`), 'N'))) FROM `t` WHERE (tenant = 1) AND "
                        + "(`id` IN (?, ?, ?))",
                dialect.hashedRowsByKeys("t", List.of(ID), List.of(), List.of(ID), 3, "tenant = 1"));
        assertEquals("SELECT `region`, `id`, MD5(CONCAT_WS('|', IFNULL(CONCAT(`id`), 'N'))) FROM `lines` WHERE "
                        + "((`region` = ? AND `id` = ?) OR (`region` = ? AND `id` = ?))",
                dialect.hashedRowsByKeys("lines", List.of(ID), List.of(), KEY, 2, null));
    }

    @Test
    void theChunksLastKeyIsFoundOnTheKeyByOffset() {
        assertEquals("SELECT `region`, `id` FROM `lines` WHERE (`region` > ? OR (`region` = ? AND (`id` > ?))) "
                + "ORDER BY `region`, `id` LIMIT 1 OFFSET ?", dialect.keyAt("lines", KEY, true, false, null, null));
    }

    @Test
    void aRangesRowsComeWithTheirKeysHashesAndTheColumnsHashedInTheJvm() {
        assertEquals("SELECT `id`, MD5(CONCAT_WS('|', IFNULL(CONCAT(`id`), 'N'))), `j` FROM `t` WHERE (`id` <= ?) "
                        + "ORDER BY `id`",
                dialect.rowHashes("t", List.of(ID), List.of(ID), List.of(column("j", "json")), false, true, null, null));
    }

    @Test
    void aRepairLocksTheTargetRowsOfABatchInOneStatement() {
        assertEquals("SELECT `region`, `id`, MD5(CONCAT_WS('|', IFNULL(CONCAT(`id`), 'N'))), `j`, "
                        + "`_tidemark_deleted_at` FROM `lines` WHERE ((`region` = ? AND `id` = ?) OR (`region` = ? AND "
                        + "`id` = ?) OR (`region` = ? AND `id` = ?)) FOR UPDATE",
                dialect.hashedRowsByKeys("lines", List.of(ID), List.of(column("j", "json")),
                        List.of(column("_tidemark_deleted_at", "datetime")), KEY, 3, true, null));
        assertEquals("SELECT `id`, MD5(CONCAT_WS('|', IFNULL(CONCAT(`id`), 'N'))) FROM `t` WHERE (`id` IN (?, ?, ?)) "
                        + "FOR UPDATE",
                dialect.hashedRowsByKeys("t", List.of(ID), List.of(), List.of(), List.of(ID), 3, true, null));
    }

    @Test
    void deletingAndMarkingGoByKey() {
        assertEquals("DELETE FROM `lines` WHERE `region` = ? AND `id` = ?", dialect.deleteByKey("lines", KEY));
        assertEquals("UPDATE `lines` SET `gone` = ? WHERE `region` = ? AND `id` = ?",
                dialect.markByKey("lines", "gone", KEY));
    }
}
