package io.tidemark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidemark.source.Column;
import io.tidemark.source.TableShape;
import io.tidemark.sql.Dialect.From;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact SQL the MySQL/MariaDB dialect writes; no database involved. */
class MySqlDialectTest {

    private final MySqlDialect dialect = new MySqlDialect();

    // orders: single-column key id, DATETIME modifier updated_at
    private static final Column ID = notNull("id", "bigint", "bigint");
    private static final Column NAME = nullable("name", "varchar", "varchar(50)");
    private static final Column UPDATED_AT = notNull("updated_at", "datetime", "datetime(6)");
    private static final List<Column> ORDERS = List.of(ID, NAME, UPDATED_AT);

    // order_lines: three-column key (order_id, line_no, variant), numeric modifier version
    private static final Column ORDER_ID = notNull("order_id", "bigint", "bigint");
    private static final Column LINE_NO = notNull("line_no", "int", "int");
    private static final Column VARIANT = notNull("variant", "varchar", "varchar(8)");
    private static final Column VERSION = notNull("version", "bigint", "bigint unsigned");
    private static final Column QTY = nullable("qty", "decimal", "decimal(10,2)");
    private static final List<Column> LINES = List.of(ORDER_ID, LINE_NO, VARIANT, VERSION, QTY);
    private static final List<Column> LINES_KEY = List.of(ORDER_ID, LINE_NO, VARIANT);

    private static final String LOAD_ID = "_tidemark_load_id";
    private static final String ROW_ID = "_tidemark_row_id";

    private static Column notNull(String name, String dataType, String columnType) {
        return new Column(name, dataType, columnType, false, null, null, null, false);
    }

    private static Column nullable(String name, String dataType, String columnType) {
        return new Column(name, dataType, columnType, true, null, null, null, false);
    }

    private static long placeholders(String sql) {
        return sql.chars().filter(c -> c == '?').count();
    }

    // quote

    @Test
    void aPlainNameIsWrappedInBackticks() {
        assertEquals("`orders`", dialect.quote("orders"));
    }

    @Test
    void aBacktickInsideANameIsDoubled() {
        assertEquals("`we``ird`", dialect.quote("we`ird"));
    }

    @Test
    void aNameThatIsOnlyABacktickBecomesFourBackticks() {
        assertEquals("````", dialect.quote("`"));
    }

    @Test
    void aNameWithSpacesStaysOneIdentifier() {
        assertEquals("`order lines`", dialect.quote("order lines"));
    }

    @Test
    void aDotIsPartOfTheNameNotASchemaSeparator() {
        assertEquals("`shop.orders`", dialect.quote("shop.orders"));
    }

    @Test
    void nonAsciiNamesAreKeptAsTheyAre() {
        assertEquals("`größe_ñ_数量`", dialect.quote("größe_ñ_数量"));
    }

    @Test
    void aNameTryingToCloseTheQuoteCannotEscapeIt() {
        assertEquals("`x``; DROP TABLE t; --`", dialect.quote("x`; DROP TABLE t; --"));
    }

    // clock

    @Test
    void aTimestampModifierIsBoundedByUtcNow() {
        assertEquals("SELECT UTC_TIMESTAMP(6), 0, (SELECT MAX(`changed`) FROM `orders` WHERE `changed` <= UTC_TIMESTAMP(6))",
                dialect.clock("orders", notNull("changed", "timestamp", "timestamp(6)")));
    }

    @Test
    void aDatetimeModifierIsBoundedByTheServersWallClock() {
        assertEquals("SELECT CONVERT_TZ(UTC_TIMESTAMP(6), '+00:00', @@global.time_zone), 0, "
                        + "(SELECT MAX(`updated_at`) FROM `orders` "
                        + "WHERE `updated_at` <= CONVERT_TZ(UTC_TIMESTAMP(6), '+00:00', @@global.time_zone))",
                dialect.clock("orders", UPDATED_AT));
    }

    @Test
    void aDateModifierIsBoundedByTheServersDateToday() {
        assertEquals("SELECT DATE(CONVERT_TZ(UTC_TIMESTAMP(6), '+00:00', @@global.time_zone)), 0, "
                        + "(SELECT MAX(`booked_on`) FROM `orders` "
                        + "WHERE `booked_on` <= DATE(CONVERT_TZ(UTC_TIMESTAMP(6), '+00:00', @@global.time_zone)))",
                dialect.clock("orders", notNull("booked_on", "date", "date")));
    }

    @Test
    void aNumericModifierIsBoundedByItsHighestValue() {
        assertEquals("SELECT (SELECT MAX(`version`) FROM `order_lines`), 0, (SELECT MAX(`version`) FROM `order_lines`)",
                dialect.clock("order_lines", VERSION));
    }

    @Test
    void aNullableModifierCountsTheRowsTheWatermarkCannotSee() {
        assertEquals("SELECT CONVERT_TZ(UTC_TIMESTAMP(6), '+00:00', @@global.time_zone), "
                        + "(SELECT COUNT(*) FROM `orders` WHERE `updated_at` IS NULL), "
                        + "(SELECT MAX(`updated_at`) FROM `orders` "
                        + "WHERE `updated_at` <= CONVERT_TZ(UTC_TIMESTAMP(6), '+00:00', @@global.time_zone))",
                dialect.clock("orders", nullable("updated_at", "datetime", "datetime(6)")));
    }

    @Test
    void aNullableNumericModifierCountsItsNullsToo() {
        assertEquals("SELECT (SELECT MAX(`version`) FROM `order_lines`), "
                        + "(SELECT COUNT(*) FROM `order_lines` WHERE `version` IS NULL), "
                        + "(SELECT MAX(`version`) FROM `order_lines`)",
                dialect.clock("order_lines", nullable("version", "int", "int")));
    }

    @Test
    void theClockQuotesTheTableAndModifierNames() {
        assertEquals("SELECT (SELECT MAX(`ver``sion`) FROM `order lines`), 0, (SELECT MAX(`ver``sion`) FROM `order lines`)",
                dialect.clock("order lines", notNull("ver`sion", "int", "int")));
    }

    // changedRows, single-column key

    @Test
    void fromStartReadsEveryRowWithAModifier() {
        assertEquals("SELECT `id`, `name`, `updated_at` FROM `orders` WHERE `updated_at` IS NOT NULL"
                        + " ORDER BY `updated_at`, `id` LIMIT ?",
                dialect.changedRows("orders", ORDERS, UPDATED_AT, List.of(ID), From.START, false, null));
    }

    @Test
    void fromStartBoundedCapsTheModifierAtTheClock() {
        assertEquals("SELECT `id`, `name`, `updated_at` FROM `orders` WHERE `updated_at` IS NOT NULL"
                        + " AND `updated_at` <= ? ORDER BY `updated_at`, `id` LIMIT ?",
                dialect.changedRows("orders", ORDERS, UPDATED_AT, List.of(ID), From.START, true, null));
    }

    @Test
    void fromValueReadsRowsAtOrAfterTheModifierValue() {
        assertEquals("SELECT `id`, `name`, `updated_at` FROM `orders` WHERE `updated_at` >= ?"
                        + " ORDER BY `updated_at`, `id` LIMIT ?",
                dialect.changedRows("orders", ORDERS, UPDATED_AT, List.of(ID), From.VALUE, false, null));
    }

    @Test
    void fromValueBoundedReadsRowsBetweenTheValueAndTheClock() {
        assertEquals("SELECT `id`, `name`, `updated_at` FROM `orders` WHERE `updated_at` >= ?"
                        + " AND `updated_at` <= ? ORDER BY `updated_at`, `id` LIMIT ?",
                dialect.changedRows("orders", ORDERS, UPDATED_AT, List.of(ID), From.VALUE, true, null));
    }

    @Test
    void fromPositionReadsRowsStrictlyAfterModifierAndKey() {
        assertEquals("SELECT `id`, `name`, `updated_at` FROM `orders`"
                        + " WHERE (`updated_at` > ? OR (`updated_at` = ? AND (`id` > ?)))"
                        + " ORDER BY `updated_at`, `id` LIMIT ?",
                dialect.changedRows("orders", ORDERS, UPDATED_AT, List.of(ID), From.POSITION, false, null));
    }

    @Test
    void fromPositionBoundedKeepsTheOrInsideParenthesesBeforeTheBound() {
        assertEquals("SELECT `id`, `name`, `updated_at` FROM `orders`"
                        + " WHERE (`updated_at` > ? OR (`updated_at` = ? AND (`id` > ?))) AND `updated_at` <= ?"
                        + " ORDER BY `updated_at`, `id` LIMIT ?",
                dialect.changedRows("orders", ORDERS, UPDATED_AT, List.of(ID), From.POSITION, true, null));
    }

    // changedRows, three-column key

    @Test
    void fromStartWithACompositeKeyOrdersByModifierThenEveryKeyColumn() {
        assertEquals("SELECT `order_id`, `line_no`, `variant`, `version`, `qty` FROM `order_lines`"
                        + " WHERE `version` IS NOT NULL ORDER BY `version`, `order_id`, `line_no`, `variant` LIMIT ?",
                dialect.changedRows("order_lines", LINES, VERSION, LINES_KEY, From.START, false, null));
    }

    @Test
    void fromStartBoundedWithACompositeKeyCapsTheModifier() {
        assertEquals("SELECT `order_id`, `line_no`, `variant`, `version`, `qty` FROM `order_lines`"
                        + " WHERE `version` IS NOT NULL AND `version` <= ?"
                        + " ORDER BY `version`, `order_id`, `line_no`, `variant` LIMIT ?",
                dialect.changedRows("order_lines", LINES, VERSION, LINES_KEY, From.START, true, null));
    }

    @Test
    void fromValueWithACompositeKeyComparesOnlyTheModifier() {
        assertEquals("SELECT `order_id`, `line_no`, `variant`, `version`, `qty` FROM `order_lines`"
                        + " WHERE `version` >= ? ORDER BY `version`, `order_id`, `line_no`, `variant` LIMIT ?",
                dialect.changedRows("order_lines", LINES, VERSION, LINES_KEY, From.VALUE, false, null));
    }

    @Test
    void fromValueBoundedWithACompositeKeyComparesOnlyTheModifier() {
        assertEquals("SELECT `order_id`, `line_no`, `variant`, `version`, `qty` FROM `order_lines`"
                        + " WHERE `version` >= ? AND `version` <= ?"
                        + " ORDER BY `version`, `order_id`, `line_no`, `variant` LIMIT ?",
                dialect.changedRows("order_lines", LINES, VERSION, LINES_KEY, From.VALUE, true, null));
    }

    @Test
    void fromPositionWithACompositeKeyExpandsTheKeyComparisonColumnByColumn() {
        assertEquals("SELECT `order_id`, `line_no`, `variant`, `version`, `qty` FROM `order_lines`"
                        + " WHERE (`version` > ? OR (`version` = ? AND (`order_id` > ? OR (`order_id` = ? AND"
                        + " (`line_no` > ? OR (`line_no` = ? AND (`variant` > ?)))))))"
                        + " ORDER BY `version`, `order_id`, `line_no`, `variant` LIMIT ?",
                dialect.changedRows("order_lines", LINES, VERSION, LINES_KEY, From.POSITION, false, null));
    }

    @Test
    void fromPositionBoundedWithACompositeKeyAddsTheBoundAfterTheWholeComparison() {
        assertEquals("SELECT `order_id`, `line_no`, `variant`, `version`, `qty` FROM `order_lines`"
                        + " WHERE (`version` > ? OR (`version` = ? AND (`order_id` > ? OR (`order_id` = ? AND"
                        + " (`line_no` > ? OR (`line_no` = ? AND (`variant` > ?))))))) AND `version` <= ?"
                        + " ORDER BY `version`, `order_id`, `line_no`, `variant` LIMIT ?",
                dialect.changedRows("order_lines", LINES, VERSION, LINES_KEY, From.POSITION, true, null));
    }

    @Test
    void aBoundedPositionPageWithAThreeColumnKeyHasAPlaceholderForEachParameterTableSyncBinds() {
        List<String> parametersOfTableSyncPage = List.of("m", "m", "k1", "k1", "k2", "k2", "k3", "bound", "limit");
        String sql = dialect.changedRows("order_lines", LINES, VERSION, LINES_KEY, From.POSITION, true, null);
        assertEquals(parametersOfTableSyncPage.size(), placeholders(sql));
    }

    @Test
    void anUnboundedStartPageHasOnlyTheLimitPlaceholder() {
        assertEquals(1, placeholders(dialect.changedRows("order_lines", LINES, VERSION, LINES_KEY, From.START, false,
                null)));
    }

    @Test
    void aBoundedValuePageHasPlaceholdersForValueBoundAndLimit() {
        assertEquals(3, placeholders(dialect.changedRows("order_lines", LINES, VERSION, LINES_KEY, From.VALUE, true,
                null)));
    }

    // keyPage

    @Test
    void theAfterKeyConditionBindsEachKeyColumnTwiceButTheLast() {
        assertEquals(List.of(7L, 7L, 3, 3, "b"), dialect.afterKey(List.of(7L, 3, "b")));
        assertEquals(List.of(7L), dialect.afterKey(List.of(7L)));
    }

    @Test
    void theFirstKeyPageReadsFromTheStartInKeyOrder() {
        assertEquals("SELECT `order_id`, `line_no`, `variant`, `version`, `qty` FROM `order_lines`"
                        + " ORDER BY `order_id`, `line_no`, `variant` LIMIT ?",
                dialect.keyPage("order_lines", LINES, LINES_KEY, false, null));
    }

    @Test
    void theNextKeyPageReadsStrictlyAfterTheLastKey() {
        assertEquals("SELECT `order_id`, `line_no`, `variant`, `version`, `qty` FROM `order_lines`"
                        + " WHERE `order_id` > ? OR (`order_id` = ? AND (`line_no` > ? OR (`line_no` = ? AND"
                        + " (`variant` > ?)))) ORDER BY `order_id`, `line_no`, `variant` LIMIT ?",
                dialect.keyPage("order_lines", LINES, LINES_KEY, true, null));
    }

    @Test
    void theNextKeyPageOnASingleColumnKeyIsASimpleComparison() {
        assertEquals("SELECT `id`, `name`, `updated_at` FROM `orders` WHERE `id` > ? ORDER BY `id` LIMIT ?",
                dialect.keyPage("orders", ORDERS, List.of(ID), true, null));
    }

    @Test
    void theNextKeyPageWithAThreeColumnKeyHasAPlaceholderForEachKeyParameterAndTheLimit() {
        // TableSync.page binds: k1, k1, k2, k2, k3, limit
        assertEquals(6, placeholders(dialect.keyPage("order_lines", LINES, LINES_KEY, true, null)));
    }

    // parallel first load: key ranges

    @Test
    void aKeyRangePageBoundsTheFirstKeyColumnBeforeTheAfterKeyCondition() {
        assertEquals("SELECT `order_id`, `line_no`, `variant`, `version`, `qty` FROM `order_lines`"
                        + " WHERE (`order_id` < ?) AND (`order_id` > ? OR (`order_id` = ? AND (`line_no` > ? OR"
                        + " (`line_no` = ? AND (`variant` > ?))))) ORDER BY `order_id`, `line_no`, `variant` LIMIT ?",
                dialect.keyRangePage("order_lines", LINES, LINES_KEY, true, false, true, null));
        assertEquals("SELECT `id`, `name`, `updated_at` FROM `orders` WHERE ((deleted = 0) AND `id` >= ? AND `id` < ?)"
                        + " ORDER BY `id` LIMIT ?",
                dialect.keyRangePage("orders", ORDERS, List.of(ID), false, true, true, "deleted = 0"));
        assertEquals("SELECT `id`, `name`, `updated_at` FROM `orders` ORDER BY `id` LIMIT ?",
                dialect.keyRangePage("orders", ORDERS, List.of(ID), false, false, false, null));
    }

    @Test
    void theKeyBoundsAreTheFirstKeyColumnsLowestAndHighestValue() {
        assertEquals("SELECT MIN(`id`), MAX(`id`) FROM `orders`", dialect.keyBounds("orders", ID, null));
        assertEquals("SELECT MIN(`id`), MAX(`id`) FROM `orders` WHERE (deleted = 0)",
                dialect.keyBounds("orders", ID, "deleted = 0"));
    }

    // a table's row filter (where)

    @Test
    void aRowFilterComesBeforeTheKeysetConditionInParenthesesSoItsOrCannotEscape() {
        assertEquals("SELECT `id`, `name`, `updated_at` FROM `orders` WHERE (tenant_id = 42 OR shared = 1) AND "
                        + "(`updated_at` > ? OR (`updated_at` = ? AND (`id` > ?))) AND `updated_at` <= ? "
                        + "ORDER BY `updated_at`, `id` LIMIT ?",
                dialect.changedRows("orders", ORDERS, UPDATED_AT, List.of(ID), From.POSITION, true,
                        "tenant_id = 42 OR shared = 1"));
    }

    @Test
    void aRowFilterLimitsTheFirstPageOfChangedRows() {
        assertEquals("SELECT `id`, `name`, `updated_at` FROM `orders` WHERE (deleted = 0) AND `updated_at` IS NOT NULL"
                        + " ORDER BY `updated_at`, `id` LIMIT ?",
                dialect.changedRows("orders", ORDERS, UPDATED_AT, List.of(ID), From.START, false, "deleted = 0"));
    }

    @Test
    void aRowFilterIsAndedWithTheWholeKeyPageCondition() {
        assertEquals("SELECT `order_id`, `line_no`, `variant`, `version`, `qty` FROM `order_lines`"
                        + " WHERE (qty > 0) AND (`order_id` > ? OR (`order_id` = ? AND (`line_no` > ? OR"
                        + " (`line_no` = ? AND"
                        + " (`variant` > ?))))) ORDER BY `order_id`, `line_no`, `variant` LIMIT ?",
                dialect.keyPage("order_lines", LINES, LINES_KEY, true, "qty > 0"));
        assertEquals("SELECT `id`, `name`, `updated_at` FROM `orders` WHERE (deleted = 0) ORDER BY `id` LIMIT ?",
                dialect.keyPage("orders", ORDERS, List.of(ID), false, "deleted = 0"));
    }

    @Test
    void aRowFilterAppliesToADeadLetterReadAgainAndIsProbedWithLimitZero() {
        assertEquals("SELECT `id`, `name`, `updated_at` FROM `orders` WHERE (deleted = 0) AND `id` = ?",
                dialect.rowByKey("orders", ORDERS, List.of(ID), "deleted = 0"));
        assertEquals("SELECT 1 FROM `orders` WHERE (deleted = 0) LIMIT 0",
                dialect.filterProbe("orders", "deleted = 0"));
    }

    // upsert

    @Test
    void anUpsertInsertsEveryColumnPlusTheLineageColumnsAndUpdatesTheRest() {
        assertEquals("INSERT INTO `orders` (`id`, `name`, `updated_at`, `_tidemark_load_id`, `_tidemark_row_id`)"
                        + " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                        + " `_tidemark_load_id` = IF(`id` <=> VALUES(`id`) AND `name` <=> VALUES(`name`)"
                        + " AND `updated_at` <=> VALUES(`updated_at`), `_tidemark_load_id`, VALUES(`_tidemark_load_id`)),"
                        + " `name` = VALUES(`name`), `updated_at` = VALUES(`updated_at`)",
                dialect.upsert("orders", ORDERS, List.of("id"), LOAD_ID, ROW_ID));
    }

    @Test
    void anUpsertWithACompositeKeyLeavesEveryKeyColumnOutOfTheUpdateList() {
        String sql = dialect.upsert("order_lines", LINES, List.of("order_id", "line_no", "variant"), LOAD_ID, ROW_ID);
        String updates = sql.substring(sql.indexOf("ON DUPLICATE KEY UPDATE"));
        assertTrue(updates.endsWith(", `version` = VALUES(`version`), `qty` = VALUES(`qty`)"), updates);
        assertFalse(updates.contains("`order_id` = VALUES"), updates);
        assertFalse(updates.contains("`line_no` = VALUES"), updates);
        assertFalse(updates.contains("`variant` = VALUES"), updates);
    }

    @Test
    void anUpsertKeepsTheLoadIdWhenEveryColumnIsUnchanged() {
        String sql = dialect.upsert("order_lines", LINES, List.of("order_id", "line_no", "variant"), LOAD_ID, ROW_ID);
        assertTrue(sql.contains(" ON DUPLICATE KEY UPDATE `_tidemark_load_id` = IF(`order_id` <=> VALUES(`order_id`)"
                + " AND `line_no` <=> VALUES(`line_no`) AND `variant` <=> VALUES(`variant`)"
                + " AND `version` <=> VALUES(`version`) AND `qty` <=> VALUES(`qty`),"
                + " `_tidemark_load_id`, VALUES(`_tidemark_load_id`)), "), sql);
    }

    @Test
    void anUpsertDecidesTheLoadIdBeforeAnyColumnIsOverwritten() {
        String sql = dialect.upsert("orders", ORDERS, List.of("id"), LOAD_ID, ROW_ID);
        String updates = sql.substring(sql.indexOf("ON DUPLICATE KEY UPDATE"));
        assertTrue(updates.indexOf("`_tidemark_load_id` = IF(") < updates.indexOf("`name` = VALUES(`name`)"), updates);
    }

    @Test
    void anUpsertNeverUpdatesTheRowId() {
        String sql = dialect.upsert("orders", ORDERS, List.of("id"), LOAD_ID, ROW_ID);
        String updates = sql.substring(sql.indexOf("ON DUPLICATE KEY UPDATE"));
        assertFalse(updates.contains("`_tidemark_row_id`"), updates);
    }

    @Test
    void anUpsertHasOnePlaceholderPerColumnPlusTwoForLineage() {
        String sql = dialect.upsert("order_lines", LINES, List.of("order_id", "line_no", "variant"), LOAD_ID, ROW_ID);
        assertEquals(LINES.size() + 2, placeholders(sql));
    }

    @Test
    void anUpsertQuotesDltStyleLineageColumnNames() {
        String sql = dialect.upsert("orders", List.of(ID), List.of("id"), "_dlt_load_id", "_dlt_id");
        assertEquals("INSERT INTO `orders` (`id`, `_dlt_load_id`, `_dlt_id`) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE"
                + " `_dlt_load_id` = IF(`id` <=> VALUES(`id`), `_dlt_load_id`, VALUES(`_dlt_load_id`))", sql);
    }

    // history (write: append, scd2)

    @Test
    void anAppendIsAnUpsertKeyedOnTheKeyAndTheModifierSoAReReadAddsNoRow() {
        assertEquals("INSERT INTO `orders` (`id`, `name`, `updated_at`, `_tidemark_load_id`, `_tidemark_row_id`)"
                        + " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                        + " `_tidemark_load_id` = IF(`id` <=> VALUES(`id`) AND `name` <=> VALUES(`name`)"
                        + " AND `updated_at` <=> VALUES(`updated_at`), `_tidemark_load_id`, VALUES(`_tidemark_load_id`)),"
                        + " `name` = VALUES(`name`)",
                dialect.upsert("orders", ORDERS, List.of("id", "updated_at"), LOAD_ID, ROW_ID));
    }

    @Test
    void aVersionIsUpsertedOnTheKeyAndItsStartWhichIsBoundLast() {
        assertEquals("INSERT INTO `orders` (`id`, `name`, `updated_at`, `_tidemark_load_id`, `_tidemark_row_id`,"
                        + " `_tidemark_valid_from`) VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                        + " `_tidemark_load_id` = IF(`id` <=> VALUES(`id`) AND `name` <=> VALUES(`name`)"
                        + " AND `updated_at` <=> VALUES(`updated_at`), `_tidemark_load_id`, VALUES(`_tidemark_load_id`)),"
                        + " `name` = VALUES(`name`), `updated_at` = VALUES(`updated_at`)",
                dialect.versionUpsert("orders", ORDERS, List.of("id"), LOAD_ID, ROW_ID, "_tidemark_valid_from"));
    }

    @Test
    void closingAVersionTouchesOnlyTheOpenOneThatBeganBefore() {
        assertEquals("UPDATE `order_lines` SET `_tidemark_valid_to` = ? WHERE `order_id` = ? AND `line_no` = ?"
                        + " AND `_tidemark_valid_to` IS NULL AND `_tidemark_valid_from` < ?",
                dialect.closeVersion("order_lines", List.of("order_id", "line_no"), "_tidemark_valid_from",
                        "_tidemark_valid_to"));
    }

    @Test
    void aRowGoneFromTheSourceClosesItsCurrentVersionNeverBeforeItBegan() {
        assertEquals("UPDATE `orders` SET `_tidemark_valid_to` = COALESCE(GREATEST(`_tidemark_valid_from`, ?),"
                        + " `_tidemark_valid_from`) WHERE `id` = ? AND `_tidemark_valid_to` IS NULL",
                dialect.closeCurrentVersion("orders", List.of("id"), "_tidemark_valid_from", "_tidemark_valid_to"));
        assertEquals("SELECT CAST(MAX(`updated_at`) AS CHAR) FROM `orders`",
                dialect.highestModifier("orders", UPDATED_AT));
    }

    // createTable

    @Test
    void createTableCopiesColumnsCharsetsAndCollationsThenAddsLineageAndThePrimaryKey() {
        TableShape source = new TableShape("orders", List.of(
                ID,
                new Column("name", "varchar", "varchar(50)", true, "utf8mb4", "utf8mb4_0900_ai_ci", null, false),
                new Column("code", "char", "char(3)", false, "latin1", "latin1_bin", null, false),
                UPDATED_AT), List.of("id"));
        assertEquals("CREATE TABLE `orders` (\n"
                        + "  `id` bigint NOT NULL,\n"
                        + "  `name` varchar(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci NULL,\n"
                        + "  `code` char(3) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL,\n"
                        + "  `updated_at` datetime(6) NOT NULL,\n"
                        + "  `_tidemark_load_id` VARCHAR(64) NOT NULL,\n"
                        + "  `_tidemark_row_id` VARCHAR(128) NOT NULL,\n"
                        + "  PRIMARY KEY (`id`)\n"
                        + ")",
                dialect.createTable("orders", source, LOAD_ID, ROW_ID));
    }

    @Test
    void createTableWithACompositeKeyListsTheKeyColumnsInKeyOrder() {
        TableShape source = new TableShape("order_lines", LINES, List.of("order_id", "line_no", "variant"));
        assertEquals("CREATE TABLE `order_lines` (\n"
                        + "  `order_id` bigint NOT NULL,\n"
                        + "  `line_no` int NOT NULL,\n"
                        + "  `variant` varchar(8) NOT NULL,\n"
                        + "  `version` bigint unsigned NOT NULL,\n"
                        + "  `qty` decimal(10,2) NULL,\n"
                        + "  `_tidemark_load_id` VARCHAR(64) NOT NULL,\n"
                        + "  `_tidemark_row_id` VARCHAR(128) NOT NULL,\n"
                        + "  PRIMARY KEY (`order_id`, `line_no`, `variant`)\n"
                        + ")",
                dialect.createTable("order_lines", source, LOAD_ID, ROW_ID));
    }

    @Test
    void createTableKeepsAVirtualGeneratedColumnWithItsExpressionAndNoNullability() {
        TableShape source = new TableShape("people", List.of(
                ID,
                new Column("first", "varchar", "varchar(20)", false, "utf8mb4", "utf8mb4_bin", null, false),
                new Column("initial", "char", "char(1)", true, "utf8mb4", "utf8mb4_bin", "left(`first`,1)", false)),
                List.of("id"));
        assertEquals("CREATE TABLE `people` (\n"
                        + "  `id` bigint NOT NULL,\n"
                        + "  `first` varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,\n"
                        + "  `initial` char(1) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
                        + " GENERATED ALWAYS AS (left(`first`,1)) VIRTUAL,\n"
                        + "  `_tidemark_load_id` VARCHAR(64) NOT NULL,\n"
                        + "  `_tidemark_row_id` VARCHAR(128) NOT NULL,\n"
                        + "  PRIMARY KEY (`id`)\n"
                        + ")",
                dialect.createTable("people", source, LOAD_ID, ROW_ID));
    }

    @Test
    void createTableKeepsAStoredGeneratedColumnWithItsExpression() {
        Column total = new Column("total", "decimal", "decimal(12,2)", true, null, null, "(`qty` * 2)", true);
        String sql = dialect.createTable("order_lines",
                new TableShape("order_lines", List.of(ORDER_ID, QTY, total), List.of("order_id")), LOAD_ID, ROW_ID);
        assertTrue(sql.contains("\n  `total` decimal(12,2) GENERATED ALWAYS AS ((`qty` * 2)) STORED"), sql);
    }

    /*
     * MariaDB's grammar has no NULL / NOT NULL after a generated column (vcol_attribute: UNIQUE, UNIQUE KEY,
     * COMMENT, INVISIBLE). Checked on the embedded MariaDB 11.4.5:
     *   ... y INT GENERATED ALWAYS AS ((x + 1)) STORED NULL      -> 42000/1064 syntax error near 'NULL'
     *   ... y INT GENERATED ALWAYS AS ((x + 1)) STORED NOT NULL  -> 42000/1064 syntax error near 'NOT NULL'
     *   ... y INT GENERATED ALWAYS AS ((x + 1)) STORED           -> ok (and ok on MySQL 8.0)
     */
    @Test
    void aStoredGeneratedColumnHasNoNullabilityBecauseMariaDbRejectsIt() {
        Column total = new Column("total", "decimal", "decimal(12,2)", false, null, null, "(`qty` * 2)", true);
        assertEquals("ALTER TABLE `order_lines` ADD COLUMN `total` decimal(12,2) GENERATED ALWAYS AS ((`qty` * 2)) STORED",
                dialect.addColumn("order_lines", total));
    }

    // addColumn, swap and friends

    @Test
    void addColumnWritesTheColumnAsTheSourceDefinesIt() {
        assertEquals("ALTER TABLE `orders` ADD COLUMN `note` text CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NULL",
                dialect.addColumn("orders",
                        new Column("note", "text", "text", true, "utf8mb4", "utf8mb4_general_ci", null, false)));
    }

    @Test
    void addColumnOfANotNullNumberHasNoCharset() {
        assertEquals("ALTER TABLE `order lines` ADD COLUMN `qty` int(10) unsigned NOT NULL",
                dialect.addColumn("order lines", notNull("qty", "int", "int(10) unsigned")));
    }

    @Test
    void addColumnOfAVirtualGeneratedColumnKeepsItVirtual() {
        assertEquals("ALTER TABLE `people` ADD COLUMN `initial` char(1) GENERATED ALWAYS AS (left(`first`,1)) VIRTUAL",
                dialect.addColumn("people", new Column("initial", "char", "char(1)", true, null, null,
                        "left(`first`,1)", false)));
    }

    @Test
    void swapRenamesTheTableAwayAndTheStagingTableInPlaceInOneStatement() {
        assertEquals("RENAME TABLE `orders` TO `orders__tidemark_new_old`, `orders__tidemark_new` TO `orders`",
                dialect.swap("orders", "orders__tidemark_new", "orders__tidemark_new_old"));
    }

    @Test
    void createLikeCopiesTheDefinitionUnderANewName() {
        assertEquals("CREATE TABLE `orders__tidemark_new` LIKE `orders`",
                dialect.createLike("orders__tidemark_new", "orders"));
    }

    @Test
    void dropIfExistsQuotesTheName() {
        assertEquals("DROP TABLE IF EXISTS `old``orders`", dialect.dropIfExists("old`orders"));
    }

    // what differs between servers: FLOAT reads, SRID, collations

    @Test
    void aFloatIsReadAsDoubleSoThatItsServerTextIsExact() {
        Column price = nullable("price", "float", "float");
        assertEquals("SELECT `id`, CAST(`price` AS DOUBLE) AS `price` FROM `items` ORDER BY `id` LIMIT ?",
                dialect.keyPage("items", List.of(ID, price), List.of(ID), false, null));
        assertEquals("SELECT `id`, CAST(`price` AS DOUBLE) AS `price` FROM `items` WHERE `id` = ?",
                dialect.rowByKey("items", List.of(ID, price), List.of(ID), null));
    }

    @Test
    void aGeometryColumnRestrictedToAnSridKeepsTheRestriction() {
        assertEquals("ALTER TABLE `places` ADD COLUMN `at` point SRID 4326 NOT NULL",
                dialect.addColumn("places", new Column("at", "point", "point", false, null, null, null, false, 4326)));
    }

    @Test
    void aTextColumnWithoutACollationTakesItsCharsetsDefault() {
        assertEquals("ALTER TABLE `t` ADD COLUMN `v` varchar(5) CHARACTER SET utf8mb4 NULL",
                dialect.addColumn("t", new Column("v", "varchar", "varchar(5)", true, "utf8mb4", null, null, false)));
    }

    @Test
    void mysqlsUnicodeCollationsFallBackToMariaDbsNoPadOnesFirst() {
        assertEquals(List.of("utf8mb4_0900_ai_ci", "utf8mb4_uca1400_nopad_ai_ci", "utf8mb4_uca1400_ai_ci",
                "utf8mb4_unicode_520_nopad_ci", "utf8mb4_unicode_520_ci"), dialect.collations("utf8mb4_0900_ai_ci"));
        assertEquals(List.of("utf8mb4_0900_as_cs", "utf8mb4_uca1400_nopad_as_cs", "utf8mb4_uca1400_as_cs",
                "utf8mb4_nopad_bin", "utf8mb4_bin"), dialect.collations("utf8mb4_0900_as_cs"));
    }

    @Test
    void mariaDbsUnicodeAndNoPadBinaryCollationsFallBackToMysqlsNames() {
        assertEquals("utf8mb4_0900_ai_ci", dialect.collations("utf8mb4_uca1400_ai_ci").get(1));
        assertEquals("utf8mb4_0900_as_cs", dialect.collations("utf8mb4_uca1400_nopad_as_cs").get(1));
        assertEquals(List.of("utf8mb4_nopad_bin", "utf8mb4_0900_bin", "utf8mb4_bin"), dialect.collations("utf8mb4_nopad_bin"));
        assertEquals(List.of("utf8mb4_general_nopad_ci", "utf8mb4_general_ci"), dialect.collations("utf8mb4_general_nopad_ci"));
    }

    @Test
    void aCollationEveryServerHasHasNoAlternatives() {
        assertEquals(List.of("latin1_swedish_ci"), dialect.collations("latin1_swedish_ci"));
    }

    // lineage, emptiness

    @Test
    void aLineageColumnAddedLaterIsEmptyTextInTheRowsAlreadyThere() {
        assertEquals("ALTER TABLE `orders` ADD COLUMN `_tidemark_row_id` VARCHAR(128) NOT NULL DEFAULT ''",
                dialect.addLineageColumn("orders", ROW_ID, 128));
    }

    @Test
    void whetherATableHasARowIsOneProbe() {
        assertEquals("SELECT 1 FROM `orders` LIMIT 1", dialect.anyRow("orders"));
    }
}
