package io.tidemark.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Reading one templatedRoute's parameters into settings, and the problems reported when they are unusable. */
class TableSettingsTest {

    private final List<String> problems = new ArrayList<>();

    private TableSettings parse(Object... keysAndValues) {
        Map<String, Object> parameters = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            parameters.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return TableSettings.parse(parameters, problems);
    }

    // defaults

    @Test
    void theTargetTableDefaultsToTheSourceTable() {
        assertEquals("orders", parse("table", "orders").targetTable());
    }

    @Test
    void theBatchSizeDefaultsToOneThousand() {
        assertEquals(1000, parse("table", "orders").batchSize());
    }

    @Test
    void theScheduleDefaultsToEveryThirtySeconds() {
        assertEquals("30s", parse("table", "orders").schedule());
    }

    @Test
    void withoutAPrimaryKeyTheSourcesKeyIsUsed() {
        assertEquals(List.of(), parse("table", "orders").primaryKey());
    }

    @Test
    void withoutAModifierTheTableIsRefreshedFully() {
        TableSettings settings = parse("table", "orders");
        assertNull(settings.modifier());
        assertFalse(settings.incremental());
    }

    @Test
    void aTableWithOnlyItsNameHasNoProblems() {
        parse("table", "orders");
        assertEquals(List.of(), problems);
    }

    @Test
    void blankOptionalSettingsCountAsUnset() {
        TableSettings settings = parse("table", "orders", "targetTable", "  ", "schedule", "", "modifier", " ");
        assertEquals("orders", settings.targetTable());
        assertEquals("30s", settings.schedule());
        assertNull(settings.modifier());
    }

    // given values

    @Test
    void everyGivenSettingIsKept() {
        TableSettings settings = parse("table", "orders", "targetTable", "orders_copy", "modifier", "updated_at",
                "schedule", "0 0/5 * * * ?", "batchSize", "250", "initialValue", "2024-01-01 00:00:00", "lag", "10s",
                "maxLag", "2h", "deletes", "mark", "verify", "1h");
        assertEquals(new TableSettings("orders", "orders_copy", List.of(), "updated_at", "0 0/5 * * * ?", 250,
                "2024-01-01 00:00:00", "10s", java.time.Duration.ofHours(2), List.of(), List.of(), null,
                io.tidemark.verify.Deletes.MARK, "1h", io.tidemark.store.Write.MERGE, null, null), settings);
        assertTrue(settings.incremental());
    }

    @Test
    void columnsExcludedColumnsAndARowFilterAreKept() {
        assertEquals(new Selection(List.of("id", "email"), List.of(), "tenant_id = 42"),
                parse("table", "people", "columns", "id, email", "where", " tenant_id = 42 ").selection());
        assertEquals(List.of("ssn", "notes"), parse("table", "people", "excludeColumns", "ssn,notes").selection()
                .excludeColumns());
        assertEquals(List.of(), problems);
    }

    @Test
    void columnsAndExcludeColumnsTogetherAreAProblem() {
        assertNull(parse("table", "people", "columns", "id", "excludeColumns", "ssn"));
        assertEquals(List.of("table 'people': give either columns (the columns to copy) or excludeColumns (the "
                + "columns not to copy), not both"), problems);
    }

    @Test
    void aRowFilterWithAParameterMarkerIsAProblem() {
        assertNull(parse("table", "people", "where", "tenant_id = ?"));
        assertEquals(List.of("table 'people': where 'tenant_id = ?' contains '?': write values as literals, "
                + "e.g. tenant_id = 42"), problems);
    }

    @Test
    void aCompositePrimaryKeyIsSplitOnCommasAndTrimmed() {
        assertEquals(List.of("order_id", "line_no", "variant"),
                parse("table", "order_lines", "primaryKey", " order_id ,line_no,  variant ").primaryKey());
    }

    @Test
    void aNumericBatchSizeFromYamlIsAccepted() {
        assertEquals(500, parse("table", "orders", "batchSize", 500).batchSize());
    }

    @Test
    void theTableNameIsTrimmed() {
        assertEquals("orders", parse("table", " orders ").table());
    }

    // problems

    @Test
    void aMissingTableIsReportedWithWhatToAdd() {
        assertNull(parse("batchSize", "10"));
        assertEquals(List.of("a templatedRoute of table-sync has no 'table' parameter: add the source table's name"),
                problems);
    }

    @Test
    void aBlankTableCountsAsMissing() {
        assertNull(parse("table", "   "));
        assertEquals(1, problems.size());
    }

    @Test
    void aBatchSizeThatIsNotANumberIsReportedForItsTable() {
        assertNull(parse("table", "orders", "batchSize", "lots"));
        assertEquals(List.of("table 'orders': batchSize 'lots' is not a positive whole number"), problems);
    }

    @Test
    void aZeroBatchSizeIsReportedForItsTable() {
        assertNull(parse("table", "orders", "batchSize", "0"));
        assertEquals(List.of("table 'orders': batchSize '0' is not a positive whole number"), problems);
    }

    @Test
    void aNegativeBatchSizeIsReportedForItsTable() {
        assertNull(parse("table", "orders", "batchSize", "-5"));
        assertEquals(List.of("table 'orders': batchSize '-5' is not a positive whole number"), problems);
    }

    @Test
    void anEmptyKeyColumnIsReportedWithAnExample() {
        assertNull(parse("table", "order_lines", "primaryKey", "order_id,,line_no"));
        assertEquals(List.of("table 'order_lines': primaryKey 'order_id,,line_no' has an empty column name; "
                + "write the key columns separated by commas, e.g. 'order_id,line_no'"), problems);
    }

    @Test
    void aLeadingCommaInThePrimaryKeyIsAnEmptyColumnName() {
        assertNull(parse("table", "order_lines", "primaryKey", ",order_id"));
        assertEquals(1, problems.size());
    }

    @Test
    void aTrailingCommaInThePrimaryKeyIsAnEmptyColumnName() {
        assertNull(parse("table", "order_lines", "primaryKey", "order_id,"));
        assertEquals(1, problems.size());
    }

    @Test
    void aScheduleThatIsNeitherIntervalNorCronIsReportedWithExamplesOfBoth() {
        assertNull(parse("table", "orders", "schedule", "every 5 minutes"));
        assertEquals(List.of("table 'orders': schedule 'every 5 minutes' is neither an interval such as "
                + "'30s', '5m', '1h' nor a Quartz cron such as '0 0/5 * * * ?'"), problems);
    }

    @Test
    void aVerifyScheduleThatIsNeitherIntervalNorCronIsReportedAndVerifyIsOffByDefault() {
        assertNull(parse("table", "orders").verify());
        assertNull(parse("table", "orders", "verify", "nightly"));
        assertEquals(List.of("table 'orders': verify 'nightly' is neither an interval such as '1h', '30m' nor a "
                + "Quartz cron such as '0 0 3 * * ?'; leave it out to verify only on demand"), problems);
    }

    @Test
    void fullRefreshIsCopyOrDiffAndDiffNeedsATableWithoutAModifier() {
        assertEquals("diff", parse("table", "codes", "fullRefresh", "diff").fullRefresh());
        assertNull(parse("table", "codes", "fullRefresh", "copy").fullRefresh());
        assertNull(parse("table", "codes", "fullRefresh", "rsync"));
        assertNull(parse("table", "orders", "modifier", "updated_at", "fullRefresh", "diff"));
        assertEquals(List.of("table 'codes': fullRefresh 'rsync' is neither copy (every run copies every row, the "
                        + "default) nor diff (a run repairs only the rows that differ)",
                "table 'orders': fullRefresh: diff is for a table without a modifier, and this one has modifier "
                        + "'updated_at'; remove one of the two"), problems);
    }

    @Test
    void everyProblemOfATableIsReportedOnItsOwnLine() {
        assertNull(parse("table", "orders", "batchSize", "0", "schedule", "soon"));
        assertEquals(2, problems.size());
        assertTrue(problems.get(0).startsWith("table 'orders': batchSize '0'"), problems.get(0));
        assertTrue(problems.get(1).startsWith("table 'orders': schedule 'soon'"), problems.get(1));
    }

    @Test
    void allThreeProblemsOfATableAccumulate() {
        assertNull(parse("table", "orders", "primaryKey", "a,,b", "batchSize", "x", "schedule", "soon"));
        assertEquals(3, problems.size());
        assertTrue(problems.stream().allMatch(p -> p.startsWith("table 'orders': ")), problems::toString);
    }

    @Test
    void problemsOfAnEarlierTableDoNotStopALaterGoodTable() {
        parse("table", "orders", "batchSize", "0");
        TableSettings customers = parse("table", "customers");
        assertNotNull(customers);
        assertEquals(1, problems.size());
    }

    @Test
    void problemsOfTwoTablesAreCollectedInOneList() {
        parse("table", "orders", "batchSize", "0");
        parse("table", "customers", "schedule", "soon");
        assertEquals(2, problems.size());
        assertTrue(problems.get(0).startsWith("table 'orders': "), problems.get(0));
        assertTrue(problems.get(1).startsWith("table 'customers': "), problems.get(1));
    }

    @Test
    void aMaxLagThatIsNotADurationIsAProblemNamingTheTable() {
        assertNull(parse("table", "orders", "maxLag", "soon"));
        assertEquals(List.of("table 'orders': maxLag 'soon' is not a duration such as '90s', '15m' or '2h'"), problems);
    }

    // route ids

    @Test
    void aTablesRouteIsNamedSyncAndTheTable() {
        assertEquals("sync-orders", TableSettings.routeId("orders"));
    }

    @Test
    void aLogLineNamesTheTableOfASyncRouteAndAnyOtherRouteByItsId() {
        assertEquals("orders", TableSettings.tableOf("sync-orders"));
        assertEquals("orders-2", TableSettings.tableOf("sync-orders-2"));
        assertEquals("write-batch", TableSettings.tableOf("write-batch"));
        assertNull(TableSettings.tableOf(null));
    }

    // write and transform

    @Test
    void theWriteStrategyDefaultsToMergeAndAppendAndScd2AreRead() {
        assertEquals(io.tidemark.store.Write.MERGE, parse("table", "orders").write());
        assertEquals(io.tidemark.store.Write.APPEND, parse("table", "orders", "modifier", "m", "write", "append")
                .write());
        assertEquals(io.tidemark.store.Write.SCD2, parse("table", "orders", "modifier", "m", "write", " SCD2 ").write());
        assertEquals(List.of(), problems);
    }

    @Test
    void anUnknownWriteStrategyIsAProblemListingTheValidOnes() {
        assertNull(parse("table", "orders", "modifier", "m", "write", "upsert"));
        assertEquals(List.of("table 'orders': write 'upsert' is not one of merge, append, scd2"), problems);
    }

    @Test
    void aFullRefreshTableAcceptsOnlyMerge() {
        assertNull(parse("table", "codes", "write", "scd2"));
        assertEquals(List.of("table 'codes': write 'scd2' needs a modifier: a full-refresh table is replaced at every "
                + "run and has no changes to record; give the table a modifier column, or remove write (merge)"),
                problems);
        assertEquals(io.tidemark.store.Write.MERGE, parse("table", "codes", "write", "merge").write());
    }

    @Test
    void aTransformMustNameADirectRoute() {
        assertEquals("direct:mask", parse("table", "people", "transform", "direct:mask").transform());
        assertNull(parse("table", "people", "transform", "seda:mask"));
        assertEquals(List.of("table 'people': transform 'seda:mask' is not a direct: endpoint; name the route that "
                + "receives each batch, e.g. direct:mask-emails"), problems);
    }

    // the template

    @Test
    @SuppressWarnings("unchecked")
    void theTemplateDeclaresEveryParameterTheSettingsRead() throws Exception {
        List<Object> file = (List<Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Path.of("routes/table-sync.camel.yaml")));
        Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) file.get(0)).get("routeTemplate");
        List<String> declared = ((List<Map<String, Object>>) template.get("parameters")).stream()
                .map(p -> (String) p.get("name")).sorted().toList();
        List<String> read = Arrays.stream(TableSettings.class.getRecordComponents()).map(RecordComponent::getName)
                .sorted().toList();
        assertEquals(read, declared);
    }

    @Test
    void aParameterNameTheTemplateDoesNotDeclareIsAProblemNamingTheClosestOne() {
        List<String> declared = List.of("table", "modifier", "lag");
        assertEquals(List.of("table 'orders': unknown parameter 'modifer'; did you mean 'modifier'? parameters of "
                        + "table-sync: [table, modifier, lag]"),
                TableSettings.unknownNames(Map.of("table", "orders", "modifer", "x"), declared));
        assertEquals(List.of("table 'orders': unknown parameter 'colour'; parameters of table-sync: [table, modifier, "
                + "lag]"), TableSettings.unknownNames(Map.of("table", "orders", "colour", "x"), declared));
        assertTrue(TableSettings.unknownNames(Map.of("table", "orders", "lag", "1s"), declared).isEmpty());
        // Camel adds a dashed copy of each camelCase parameter given; alone, a dashed name is unknown
        List<String> camel = List.of("table", "batchSize");
        assertTrue(TableSettings.unknownNames(Map.of("table", "t", "batchSize", "5", "batch-size", "5"), camel).isEmpty());
        assertEquals(1, TableSettings.unknownNames(Map.of("table", "t", "batch-size", "5"), camel).size());
    }

    @Test
    void theDashedTwinCamelAddsForACamelCaseParameterIsNotUnknown() {
        List<String> declared = List.of("table", "batchSize");
        assertTrue(TableSettings.unknownNames(Map.of("table", "orders", "batchSize", "20", "batch-size", "20"),
                declared).isEmpty());
        assertEquals(1, TableSettings.unknownNames(Map.of("table", "orders", "batch-sizes", "20"), declared).size());
    }
}
