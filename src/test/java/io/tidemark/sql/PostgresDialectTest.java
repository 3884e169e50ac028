package io.tidemark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidemark.source.Column;
import io.tidemark.source.TableShape;
import io.tidemark.sql.Dialect.From;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact SQL the PostgreSQL dialect writes; no database involved (PostgresDialectIT runs it on PostgreSQL 15). */
class PostgresDialectTest {

    private final PostgresDialect dialect = new PostgresDialect();

    private static final Column ID = column("id", "bigint", "bigint", false);
    private static final Column NAME = column("name", "character varying", "character varying(50)", true);
    private static final Column UPDATED_AT = column("updated_at", "timestamp with time zone",
            "timestamp(6) with time zone", false);
    private static final List<Column> ORDERS = List.of(ID, NAME, UPDATED_AT);

    private static final Column ORDER_ID = column("order_id", "bigint", "bigint", false);
    private static final Column LINE_NO = column("line_no", "integer", "integer", false);
    private static final Column VERSION = column("version", "bigint", "bigint", false);

    private static final String LOAD_ID = "_tidemark_load_id";
    private static final String ROW_ID = "_tidemark_row_id";

    private static Column column(String name, String dataType, String columnType, boolean nullable) {
        return new Column(name, dataType, columnType, nullable, null, null, null, false);
    }

    // choosing the dialect

    @Test
    void aMysqlOrMariadbUrlGetsTheMysqlDialectAndAPostgresqlUrlThePostgresqlDialect() {
        assertInstanceOf(MySqlDialect.class, Dialects.forUrl("jdbc:mysql://db:3306/shop"));
        assertInstanceOf(MySqlDialect.class, Dialects.forUrl("jdbc:mariadb://db:3306/shop"));
        assertInstanceOf(PostgresDialect.class, Dialects.forUrl("jdbc:postgresql://db:5432/shop"));
    }

    @Test
    void aPostgresqlTargetsPoolsGetPgjdbcSettingsAndUtcSessions() {
        assertEquals(PostgresCatalogSql.driverProperties(), dialect.catalog().driverProperties(true));
        assertEquals("SET TIME ZONE 'UTC'", dialect.catalog().sessionInit(true));
        assertEquals("SELECT true", dialect.catalog().bulkLoadAllowed());
        assertEquals("false", PostgresCatalogSql.driverProperties().get("binaryTransfer"));
    }

    @Test
    void copyTakesPostgresqlsOwnTypesAsWellAsMysqlsButAMysqlTargetOnlyTypesWhoseTextLoadDataReadsAlike() {
        java.util.Set<String> copy = dialect.catalog().bulkTypes();
        java.util.Set<String> loadData = new MySqlDialect().catalog().bulkTypes();
        for (String type : List.of("boolean", "uuid", "jsonb", "bytea", "array", "interval", "character varying",
                "timestamp with time zone", "timestamp without time zone", "double precision")) {
            assertTrue(copy.contains(type), type);
            assertTrue(!loadData.contains(type), type);
        }
        assertTrue(copy.containsAll(loadData));
        assertTrue(!copy.contains("point") && !copy.contains("user-defined") && !copy.contains("tsvector"));
    }

    // identifiers

    @Test
    void everyIdentifierIsDoubleQuotedSoItsCaseIsKeptAndReservedWordsAndSpacesAreNames() {
        assertEquals("\"orders\"", dialect.quote("orders"));
        assertEquals("\"OrderLines\"", dialect.quote("OrderLines"));
        assertEquals("\"select\"", dialect.quote("select"));
        assertEquals("\"order lines\"", dialect.quote("order lines"));
    }

    @Test
    void aDoubleQuoteInsideANameIsDoubled() {
        assertEquals("\"we\"\"ird\"", dialect.quote("we\"ird"));
    }

    @Test
    void aSchemaQualifiedTableIsQuotedPartByPart() {
        assertEquals("\"sales\".\"Orders\"", dialect.table("sales.Orders"));
        assertEquals("\"orders\"", dialect.table("orders"));
    }

    @Test
    void theCatalogFindsATableInTheGivenOrCurrentSchemaByItsNameOrItsLowerCaseFolding() {
        String sql = PostgresCatalogSql.columns();
        assertTrue(sql.contains("WHERE c.table_schema = COALESCE(?, current_schema()) AND c.table_name = "
                + "(SELECT t.table_name FROM information_schema.tables t WHERE t.table_schema = c.table_schema "
                + "AND t.table_name IN (?, lower(?)) ORDER BY t.table_name = ? DESC LIMIT 1) "
                + "ORDER BY c.ordinal_position"), sql);
        assertEquals(4, sql.chars().filter(c -> c == '?').count());
    }

    // reading

    @Test
    void theClockOfATimestamptzModifierIsClockTimestampReadOnceAsUtcTextNotTheTransactionsNow() {
        assertEquals("SELECT to_char(clock.bound AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), 0, "
                + "to_char((SELECT MAX(\"updated_at\") FROM \"orders\" WHERE \"updated_at\" <= clock.bound) "
                + "AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') FROM (SELECT clock_timestamp() AS bound) clock",
                dialect.clock("orders", UPDATED_AT));
    }

    @Test
    void theClockOfATimestampModifierIsTheSessionsWallClockAndNullsAreCounted() {
        Column m = column("changed", "timestamp without time zone", "timestamp(6) without time zone", true);
        assertEquals("SELECT to_char(clock.bound, 'YYYY-MM-DD HH24:MI:SS.US'), (SELECT COUNT(*) FROM "
                + "\"sales\".\"orders\" WHERE \"changed\" IS NULL), to_char((SELECT MAX(\"changed\") FROM "
                + "\"sales\".\"orders\" WHERE \"changed\" <= clock.bound), 'YYYY-MM-DD HH24:MI:SS.US') "
                + "FROM (SELECT CAST(clock_timestamp() AS timestamp(6)) AS bound) clock", dialect.clock("sales.orders", m));
    }

    @Test
    void theClockOfANumericModifierIsItsHighestValue() {
        assertEquals("SELECT (SELECT MAX(\"version\") FROM \"lines\"), 0, (SELECT MAX(\"version\") FROM \"lines\")",
                dialect.clock("lines", VERSION));
    }

    @Test
    void aPageAfterAPositionIsATieSafeRowComparisonBoundedAndLimited() {
        assertEquals("SELECT \"id\", \"name\", " + UTC_TEXT + " FROM \"orders\" WHERE \"updated_at\" >= ? AND "
                + "(\"updated_at\", \"id\") > (?, ?) AND \"updated_at\" <= ? ORDER BY \"orders\".\"updated_at\", "
                + "\"orders\".\"id\" LIMIT ?",
                dialect.changedRows("orders", ORDERS, UPDATED_AT, List.of(ID), From.POSITION, true, null));
    }

    private static final String UTC_TEXT = "CASE WHEN isfinite(\"updated_at\") THEN to_char(\"updated_at\" AT "
            + "TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') ELSE \"updated_at\"::text END AS \"updated_at\"";

    @Test
    void aFetchReadsTimesAsUtcTextAndTypesWithoutAPortableJavaValueAsText() {
        Column local = column("local", "timestamp without time zone", "timestamp(6) without time zone", true);
        Column doc = column("doc", "jsonb", "jsonb", true);
        Column tags = column("tags", "array", "integer[]", true);
        assertEquals("SELECT \"id\", " + UTC_TEXT + ", CASE WHEN isfinite(\"local\") THEN to_char(\"local\", "
                + "'YYYY-MM-DD HH24:MI:SS.US') ELSE \"local\"::text END AS \"local\", \"doc\"::text AS \"doc\", "
                + "\"tags\"::text AS \"tags\" FROM \"t\" WHERE \"id\" = ?",
                dialect.rowByKey("t", List.of(ID, UPDATED_AT, local, doc, tags), List.of(ID), null));
    }

    @Test
    void theRowComparisonBindsEachKeyColumnOnce() {
        assertEquals(List.of(7L, 3, "b"), dialect.afterKey(List.of(7L, 3, "b")));
    }

    @Test
    void aCompoundKeyPositionComparesTheWholeRowAndARowFilterComesFirst() {
        assertEquals("SELECT \"order_id\", \"line_no\", \"version\" FROM \"lines\" WHERE (tenant = 4) AND "
                + "\"version\" >= ? AND (\"version\", \"order_id\", \"line_no\") > (?, ?, ?) "
                + "ORDER BY \"lines\".\"version\", \"lines\".\"order_id\", \"lines\".\"line_no\" LIMIT ?",
                dialect.changedRows("lines", List.of(ORDER_ID, LINE_NO, VERSION), VERSION,
                        List.of(ORDER_ID, LINE_NO), From.POSITION, false, "tenant = 4"));
    }

    @Test
    void theFirstPageStartsAtEveryRowWithAModifier() {
        assertEquals("SELECT \"id\" FROM \"orders\" WHERE \"updated_at\" IS NOT NULL ORDER BY "
                + "\"orders\".\"updated_at\", \"orders\".\"id\" LIMIT ?",
                dialect.changedRows("orders", List.of(ID), UPDATED_AT, List.of(ID), From.START, false, null));
    }

    @Test
    void aKeyPageIsKeysetPagedOnThePrimaryKey() {
        assertEquals("SELECT \"id\", \"name\" FROM \"orders\" WHERE (\"id\") > (?) ORDER BY \"orders\".\"id\" LIMIT ?",
                dialect.keyPage("orders", List.of(ID, NAME), List.of(ID), true, null));
    }

    @Test
    void aKeyRangePageBoundsTheFirstKeyColumn() {
        assertEquals("SELECT \"id\", \"name\" FROM \"orders\" WHERE (\"id\" < ?) AND (\"id\") > (?) "
                + "ORDER BY \"orders\".\"id\" LIMIT ?",
                dialect.keyRangePage("orders", List.of(ID, NAME), List.of(ID), true, false, true, null));
        assertEquals("SELECT \"id\", \"name\" FROM \"orders\" WHERE (\"id\" >= ? AND \"id\" < ?) "
                + "ORDER BY \"orders\".\"id\" LIMIT ?",
                dialect.keyRangePage("orders", List.of(ID, NAME), List.of(ID), false, true, true, null));
        assertEquals("SELECT MIN(\"id\"), MAX(\"id\") FROM \"orders\" WHERE (id > 0)",
                dialect.keyBounds("orders", ID, "id > 0"));
    }

    @Test
    void theRangesOfAParallelFirstLoadAreKeptPerTableAndRangeAndCountedOnce() {
        StoreSql sql = dialect.store();
        assertEquals("CREATE TABLE IF NOT EXISTS \"r\" (table_name character varying(64) COLLATE \"C\" NOT NULL, "
                + "range_no integer NOT NULL, low_key character varying(64) COLLATE \"C\" NULL, "
                + "high_key character varying(64) COLLATE \"C\" NULL, last_key text COLLATE \"C\" NULL, "
                + "rows_synced bigint NOT NULL DEFAULT 0, PRIMARY KEY (table_name, range_no))", sql.createRanges("r"));
        assertEquals("SELECT range_no, low_key, high_key, last_key, rows_synced FROM \"r\" WHERE table_name = ? "
                + "ORDER BY range_no", sql.readRanges("r"));
        assertEquals("DELETE FROM \"r\" WHERE table_name = ?", sql.clearRanges("r"));
        assertEquals("INSERT INTO \"r\" (table_name, range_no, low_key, high_key, rows_synced) VALUES (?, ?, ?, ?, 0)",
                sql.addRange("r"));
        assertEquals("UPDATE \"r\" SET rows_synced = rows_synced + CASE WHEN last_key IS NOT DISTINCT FROM "
                + "CAST(? AS text) THEN 0 ELSE ? END, last_key = ? WHERE table_name = ? AND range_no = ?",
                sql.recordRangeBatch("r"));
        assertEquals("UPDATE \"s\" SET rows_synced = rows_synced + (SELECT COALESCE(SUM(rows_synced), 0) FROM "
                + "\"r\" WHERE table_name = ?) WHERE table_name = ?", sql.addRangeRows("s", "r"));
    }

    // writing

    @Test
    void anUpsertUpdatesOnConflictOnlyWhereAColumnDiffersAndNeverTheRowId() {
        assertEquals("INSERT INTO \"orders\" AS t (\"id\", \"name\", \"updated_at\", \"_tidemark_load_id\", "
                + "\"_tidemark_row_id\") VALUES (?, ?, ?, ?, ?) ON CONFLICT (\"id\") DO UPDATE SET "
                + "\"_tidemark_load_id\" = EXCLUDED.\"_tidemark_load_id\", \"name\" = EXCLUDED.\"name\", "
                + "\"updated_at\" = EXCLUDED.\"updated_at\" WHERE t.\"name\" IS DISTINCT FROM EXCLUDED.\"name\" OR "
                + "t.\"updated_at\" IS DISTINCT FROM EXCLUDED.\"updated_at\"",
                dialect.upsert("orders", ORDERS, List.of("id"), LOAD_ID, ROW_ID));
    }

    @Test
    void aVersionUpsertHasAPlaceholderForEachColumnAndEachOfItsThreeLineageColumns() {
        assertEquals("INSERT INTO \"orders_history\" AS t (\"id\", \"name\", \"_tidemark_load_id\", "
                + "\"_tidemark_row_id\", \"_tidemark_valid_from\") VALUES (?, ?, ?, ?, ?) ON CONFLICT (\"id\", "
                + "\"_tidemark_valid_from\") DO UPDATE SET \"_tidemark_load_id\" = EXCLUDED.\"_tidemark_load_id\", "
                + "\"name\" = EXCLUDED.\"name\" WHERE t.\"name\" IS DISTINCT FROM EXCLUDED.\"name\"",
                dialect.versionUpsert("orders_history", List.of(ID, NAME), List.of("id"), LOAD_ID, ROW_ID,
                        "_tidemark_valid_from"));
    }

    @Test
    void aMysqlBitIsCastFromWhatConnectorJReadsForIt() {
        Column b1 = column("b1", "bit", "bit(1)", true);
        Column b10 = column("b10", "bit", "bit(10)", true);
        assertEquals("INSERT INTO \"t\" AS t (\"id\", \"b1\", \"b10\", \"_tidemark_load_id\", \"_tidemark_row_id\") "
                + "VALUES (?, CAST(CAST(? AS integer) AS bit(1)), "
                + "CAST(CAST(CAST('x' || lpad(encode(?, 'hex'), 16, '0') AS bit(64)) AS bigint) AS bit(10)), ?, ?)",
                dialect.upsert("t", List.of(ID, b1, b10), List.of("id"), LOAD_ID, ROW_ID)
                        .replaceAll(" ON CONFLICT.*", ""));
    }

    @Test
    void numbersAreComparedAsTextForTheirEqualityCallsMinusZeroZeroAndOnePointFiftyOnePointFive() {
        Column real = column("r", "double precision", "double precision", true);
        Column n = column("n", "numeric", "numeric", true);
        assertTrue(dialect.upsert("t", List.of(ID, real, n), List.of("id"), LOAD_ID, ROW_ID)
                .endsWith(" WHERE t.\"r\"::text IS DISTINCT FROM EXCLUDED.\"r\"::text OR t.\"n\"::text IS DISTINCT "
                        + "FROM EXCLUDED.\"n\"::text"));
    }

    @Test
    void aJsonColumnIsComparedAsTextForItHasNoEqualityOperator() {
        Column doc = column("doc", "json", "json", true);
        assertTrue(dialect.upsert("t", List.of(ID, doc), List.of("id"), LOAD_ID, ROW_ID)
                .endsWith(" WHERE t.\"doc\"::text IS DISTINCT FROM EXCLUDED.\"doc\"::text"));
    }

    @Test
    void aTableOfKeyColumnsOnlyDoesNothingOnConflict() {
        assertEquals("INSERT INTO \"tags\" AS t (\"order_id\", \"line_no\", \"_tidemark_load_id\", "
                + "\"_tidemark_row_id\") VALUES (?, ?, ?, ?) ON CONFLICT (\"order_id\", \"line_no\") DO NOTHING",
                dialect.upsert("tags", List.of(ORDER_ID, LINE_NO), List.of("order_id", "line_no"), LOAD_ID, ROW_ID));
    }

    @Test
    void theBulkPathCopiesFromStdinInTextFormatLineageLast() {
        assertEquals("COPY \"sales\".\"orders\" (\"id\", \"name\", \"_tidemark_load_id\", \"_tidemark_row_id\") "
                + "FROM STDIN (FORMAT text)", dialect.copyIn("sales.orders", List.of(ID, NAME), LOAD_ID, ROW_ID));
    }

    // target tables

    @Test
    void aTargetTableFromMysqlColumnsGetsPostgresqlTypesWideEnoughForUnsignedValues() {
        TableShape shape = new TableShape("orders", List.of(
                column("id", "int", "int(10) unsigned", false),
                column("flag", "tinyint", "tinyint(1)", true),
                column("big", "bigint", "bigint(20) unsigned", true),
                column("price", "decimal", "decimal(10,2)", true),
                column("made", "datetime", "datetime(6)", true),
                column("seen", "timestamp", "timestamp(3)", true),
                column("kind", "enum", "enum('a','b')", true),
                column("doc", "json", "json", true),
                column("raw", "blob", "blob", true),
                column("born", "year", "year(4)", true),
                column("took", "time", "time(6)", true)), List.of("id"));
        assertEquals("CREATE TABLE \"orders\" (\n  \"id\" bigint NOT NULL,\n  \"flag\" smallint NULL,\n"
                + "  \"big\" numeric(20,0) NULL,\n  \"price\" numeric(10,2) NULL,\n  \"made\" timestamp(6) NULL,\n"
                + "  \"seen\" timestamp(3) with time zone NULL,\n  \"kind\" text NULL,\n  \"doc\" json NULL,\n"
                + "  \"raw\" bytea NULL,\n  \"born\" smallint NULL,\n  \"took\" interval(6) NULL,\n"
                + "  \"_tidemark_load_id\" character varying(64) NOT NULL,\n"
                + "  \"_tidemark_row_id\" character varying(128) NOT NULL,\n  PRIMARY KEY (\"id\")\n)",
                dialect.createTable("orders", shape, LOAD_ID, ROW_ID));
    }

    @Test
    void aTargetTableFromPostgresqlColumnsKeepsTheirTypes() {
        TableShape shape = new TableShape("t", List.of(ID, NAME, UPDATED_AT,
                column("tags", "array", "integer[]", true), column("u", "uuid", "uuid", true)), List.of("id"));
        assertEquals("CREATE TABLE \"t\" (\n  \"id\" bigint NOT NULL,\n  \"name\" character varying(50) NULL,\n"
                + "  \"updated_at\" timestamp(6) with time zone NOT NULL,\n  \"tags\" integer[] NULL,\n"
                + "  \"u\" uuid NULL,\n  \"_tidemark_load_id\" character varying(64) NOT NULL,\n"
                + "  \"_tidemark_row_id\" character varying(128) NOT NULL,\n  PRIMARY KEY (\"id\")\n)",
                dialect.createTable("t", shape, LOAD_ID, ROW_ID));
    }

    @Test
    void aSpatialColumnIsRefusedNamingTableAndColumnAndWhatToDo() {
        TableShape shape = new TableShape("places", List.of(ID, column("geo", "point", "point", true)),
                List.of("id"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dialect.createTable("places", shape, LOAD_ID, ROW_ID));
        assertEquals("table places, column geo: spatial type point has no PostgreSQL counterpart without PostGIS; "
                + "leave the column out of the table's columns, or sync it to a MySQL target", e.getMessage());
    }

    @Test
    void aCatalogTypeThatIsNotATypeIsRefusedBeforeAnyDdl() {
        TableShape shape = new TableShape("t", List.of(ID, column("x", "integer", "integer); DROP TABLE t; --", true)),
                List.of("id"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dialect.createTable("t", shape, LOAD_ID, ROW_ID));
        assertTrue(e.getMessage().startsWith("table t, column x: the source catalog gives the type"), e.getMessage());
    }

    @Test
    void wideningChangesTypeAndNullabilityInOneStatement() {
        assertEquals("ALTER TABLE \"orders\" ALTER COLUMN \"name\" TYPE character varying(80) USING "
                + "\"name\"::character varying(80), ALTER COLUMN \"name\" DROP NOT NULL",
                dialect.modifyColumn("orders", column("name", "varchar", "varchar(80)", true)));
    }

    @Test
    void theStagingSwapIsTwoRenamesThatTheServerRunsAsOneTransaction() {
        assertEquals("ALTER TABLE \"sales\".\"orders\" RENAME TO \"orders_retired\"; "
                + "ALTER TABLE \"sales\".\"orders_staging\" RENAME TO \"orders\"",
                dialect.swap("sales.orders", "sales.orders_staging", "sales.orders_retired"));
        assertEquals("CREATE TABLE \"orders_staging\" (LIKE \"orders\" INCLUDING ALL)",
                dialect.createLike("orders_staging", "orders"));
    }

    @Test
    void theStateLoadsAndDeadLetterTablesCompareNamesAsBytes() {
        PostgresStoreSql stores = ((PostgresStoreSql) dialect.store());
        assertTrue(stores.createState("_tidemark_state").startsWith("CREATE TABLE IF NOT EXISTS "
                + "\"_tidemark_state\" (table_name character varying(64) COLLATE \"C\" NOT NULL PRIMARY KEY, "));
        assertTrue(stores.createLoads("_tidemark_loads").endsWith("PRIMARY KEY (table_name, load_id))"));
        assertEquals("CREATE INDEX IF NOT EXISTS \"_tidemark_dead_letters_table_name\" ON \"_tidemark_dead_letters\" "
                + "(table_name)", stores.createDeadLetters("_tidemark_dead_letters").split("; ")[1]);
    }

    @Test
    void aRetriedBatchFindsItsOwnPositionAndIsNotCountedTwice() {
        assertEquals("INSERT INTO \"_tidemark_state\" AS s (table_name, phase, last_modifier, last_key, rows_synced, "
                + "last_load_id, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'running', " + PostgresStoreSql.UTC_NOW
                + ") ON CONFLICT (table_name) DO UPDATE SET rows_synced = s.rows_synced + CASE WHEN s.phase IS NOT "
                + "DISTINCT FROM EXCLUDED.phase AND s.last_modifier IS NOT DISTINCT FROM EXCLUDED.last_modifier AND "
                + "s.last_key IS NOT DISTINCT FROM EXCLUDED.last_key THEN 0 ELSE EXCLUDED.rows_synced END, "
                + "phase = EXCLUDED.phase, last_modifier = EXCLUDED.last_modifier, last_key = EXCLUDED.last_key, "
                + "last_load_id = EXCLUDED.last_load_id, status = 'running', updated_at = " + PostgresStoreSql.UTC_NOW,
                ((PostgresStoreSql) dialect.store()).recordBatchState("_tidemark_state"));
        assertEquals("CAST(clock_timestamp() AT TIME ZONE 'UTC' AS timestamp(6))", PostgresStoreSql.UTC_NOW);
    }

    @Test
    void stringParametersAreTypedByTheServerAndInsertBatchesAreRewritten() {
        assertEquals(java.util.Map.of("stringtype", "unspecified", "reWriteBatchedInserts", "true",
                "binaryTransfer", "false"),
                PostgresCatalogSql.driverProperties());
    }

    @Test
    void sessionsRunInUtc() {
        assertEquals("SET TIME ZONE 'UTC'", PostgresCatalogSql.sessionSetup());
    }

    @Test
    void aRepairLocksABatchOfRowsByKeyAndReadsTheirColumnsAsAFetchDoes() {
        assertEquals("SELECT \"order_id\", \"line_no\", md5(concat_ws('|', quote_nullable(\"id\"::text))), "
                        + "CASE WHEN isfinite(\"updated_at\") THEN to_char(\"updated_at\" AT TIME ZONE 'UTC', "
                        + "'YYYY-MM-DD HH24:MI:SS.US') ELSE \"updated_at\"::text END AS \"updated_at\" FROM "
                        + "\"sales\".\"lines\" WHERE ((\"order_id\" = ? AND \"line_no\" = ?) OR (\"order_id\" = ? "
                        + "AND \"line_no\" = ?)) FOR UPDATE",
                dialect.hashedRowsByKeys("sales.lines", List.of(ID), List.of(), List.of(UPDATED_AT),
                        List.of(ORDER_ID, LINE_NO), 2, true, null));
    }
}
