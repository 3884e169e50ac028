package io.tidemark.sql.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidemark.sql.CatalogSql;
import io.tidemark.sql.Dialects;
import io.tidemark.sql.MySqlDialect;
import org.junit.jupiter.api.Test;

/** The exact SQL that asks MySQL and MariaDB about themselves; no database involved. */
class MySqlCatalogSqlTest {

    private final CatalogSql sql = new MySqlDialect().catalog();

    @Test
    void sessionsRunInUtcAndTheTargetsStrictly() {
        assertEquals("SET time_zone = '+00:00'", sql.sessionInit(false));
        assertEquals("SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION,"
                + "NO_AUTO_VALUE_ON_ZERO'", sql.sessionInit(true));
    }

    @Test
    void theServerIsAskedAboutItsCurrentDatabase() {
        assertEquals("SELECT 1", sql.ping());
        assertEquals("SELECT DATABASE()", sql.currentDatabase());
        assertEquals("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1",
                sql.tableNames());
        assertEquals("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = ? AND COLUMN_NAME = ?", sql.columnCount());
        assertEquals("SELECT @@local_infile = 1", sql.bulkLoadAllowed());
    }

    @Test
    void aTablesColumnsNameTheTableFourTimesAndTheSridColumnLast() {
        String columns = sql.columns("c.SRS_ID");
        assertEquals(4, columns.chars().filter(c -> c == '?').count());
        assertTrue(columns.contains("AND k.CONSTRAINT_NAME = 'PRIMARY' AND k.COLUMN_NAME = c.COLUMN_NAME), c.SRS_ID\n"),
                columns);
        assertTrue(columns.endsWith("ORDER BY c.ORDINAL_POSITION"), columns);
        assertTrue(sql.columns("NULL").contains("), NULL\nFROM information_schema.COLUMNS c"));
        assertEquals("SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS\n"
                + "WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ? "
                + "AND CAST(TABLE_NAME AS BINARY) = CAST(? AS BINARY)", sql.checkConstraints());
        assertEquals("SHOW CREATE TABLE `we``ird`", sql.tableDefinition("we`ird"));
    }

    @Test
    void rowCountsAreEstimatedFreshOrCountedWithTheRunsBoundsAndFilter() {
        assertEquals("SET SESSION information_schema_stats_expiry = 0", sql.freshStatistics());
        assertEquals("SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = ?", sql.tableRowsEstimate());
        assertEquals("SELECT COUNT(*) FROM `t`", sql.countRows("t", null, false, false, null));
        assertEquals("SELECT COUNT(*) FROM `t` WHERE `m` > ? AND `m` <= ? AND (tenant = 4)",
                sql.countRows("t", "m", true, true, "tenant = 4"));
        assertEquals("SELECT COUNT(*) FROM `t` WHERE `m` <= ?", sql.countRows("t", "m", false, true, null));
    }

    @Test
    void aCollationIsProbedByName() {
        assertEquals("SELECT CONVERT('' USING utf8mb4) COLLATE utf8mb4_0900_ai_ci",
                sql.collationProbe("utf8mb4", "utf8mb4_0900_ai_ci"));
    }

    @Test
    void mysqlAndMariaDbUrlsSpeakMySqlsDialectOthersAreRefused() {
        assertTrue(Dialects.forUrl("jdbc:mysql://db:3306/shop") instanceof MySqlDialect);
        assertTrue(Dialects.forUrl("jdbc:mariadb://db/shop") instanceof MySqlDialect);
        assertTrue(Dialects.forUrl(" embedded ") instanceof MySqlDialect);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Dialects.forUrl("jdbc:oracle:thin:@db:1521/x"));
        assertTrue(e.getMessage().contains("jdbc:mysql: and jdbc:mariadb:"), e.getMessage());
    }
}
