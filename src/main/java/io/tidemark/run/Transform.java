package io.tidemark.run;

import io.tidemark.source.Column;
import io.tidemark.store.BatchWriter;
import io.tidemark.store.Lineage;
import io.tidemark.table.TableSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * A table's {@code transform}: the batch's rows, as a list of maps (column name to value, the copied columns in
 * order), go to the user's route, and what it returns is written. The route may change values, add or remove list
 * entries (rows), but not columns: a name the target lacks, or a row without its key or modifier, is refused.
 * The key and modifier are taken as returned (row id and scd2 version follow them); the watermark moves with
 * the source's page whatever the route did (see docs/shaping.md).
 */
final class Transform {

    /** Header naming the table for the user's route. */
    static final String TABLE_HEADER = "tidemarkTable";

    private volatile ProducerTemplate producer;

    /** The batch as the user's route returned it, bound for the writer; throws when the route failed. */
    List<List<Object>> apply(CamelContext context, TableRun run, String route, List<List<Object>> rows)
            throws Exception {
        TableSpec spec = run.spec;
        List<Column> columns = spec.copied();
        List<Map<String, Object>> maps = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                map.put(columns.get(i).name(), row.get(i));
            }
            maps.add(map);
        }
        Exchange out = producer(context).send(route, e -> {
            e.getMessage().setHeader(TABLE_HEADER, spec.table());
            e.getMessage().setBody(maps);
        });
        if (out.getException() != null) {
            throw out.getException();
        }
        Object body = out.getMessage().getBody();
        if (!(body instanceof List<?> result)) {
            throw new IllegalArgumentException("the route returned " + (body == null ? "no body" : "a "
                    + body.getClass().getSimpleName()) + " instead of a list of rows (maps of column to value)");
        }
        List<List<Object>> transformed = new ArrayList<>(result.size());
        for (Object entry : result) {
            transformed.add(row(run, entry));
        }
        return transformed;
    }

    private static List<Object> row(TableRun run, Object entry) {
        TableSpec spec = run.spec;
        if (!(entry instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the route returned a row that is a "
                    + (entry == null ? "null" : entry.getClass().getSimpleName()) + ", not a map of column to value");
        }
        List<Column> columns = spec.copied();
        List<String> names = columns.stream().map(Column::name).toList();
        for (Object name : map.keySet()) {
            if (!names.contains(String.valueOf(name))) {
                throw new IllegalArgumentException("the route returned column '" + name + "', which the target does "
                        + "not have; columns: " + names);
            }
        }
        int extra = BatchWriter.extraValues(spec);
        Object[] values = new Object[columns.size() + 2 + extra];
        for (int i = 0; i < columns.size(); i++) {
            values[i] = map.get(columns.get(i).name());
        }
        List<Object> key = new ArrayList<>();
        for (int i : spec.keyIndexes()) {
            if (values[i] == null) {
                throw new IllegalArgumentException("the route returned a row without key column '" + names.get(i)
                        + "'; keep the key in every row");
            }
            key.add(values[i]);
        }
        if (spec.incremental() && values[spec.modifierIndex()] == null) {
            throw new IllegalArgumentException("the route returned a row without modifier column '"
                    + spec.modifier().name() + "'; keep the modifier in every row");
        }
        values[columns.size()] = run.loadId;
        values[columns.size() + 1] = Lineage.rowId(spec.targetTable(), key);
        if (extra > 0) {
            values[columns.size() + 2] = values[spec.modifierIndex()];
        }
        return Arrays.asList(values);
    }

    private ProducerTemplate producer(CamelContext context) {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = context.createProducerTemplate();
                }
            }
        }
        return producer;
    }
}
