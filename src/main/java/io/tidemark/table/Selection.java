package io.tidemark.table;

import io.tidemark.source.Column;
import io.tidemark.source.TableShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What of a source table is copied: its columns ({@code columns}: only these; {@code excludeColumns}: all but these;
 * neither: all) and its rows ({@code where}: a condition the source evaluates). The key and the modifier are
 * always copied. Columns the source gains later follow the same rule: with {@code columns} they are not copied,
 * with {@code excludeColumns} they are unless excluded.
 *
 * @param columns        the columns to copy besides the key and the modifier; empty: see excludeColumns
 * @param excludeColumns columns never copied, never read from the source
 * @param where          SQL condition on the source table's columns; null: every row
 */
public record Selection(List<String> columns, List<String> excludeColumns, String where) {

    public static final Selection ALL = new Selection(List.of(), List.of(), null);

    /** Reads {@code columns}, {@code excludeColumns} and {@code where}; problems are added naming the table. */
    static Selection parse(String table, Map<String, Object> parameters, List<String> problems) {
        List<String> columns = names(table, "columns", parameters, problems);
        List<String> exclude = names(table, "excludeColumns", parameters, problems);
        if (!columns.isEmpty() && !exclude.isEmpty()) {
            problems.add("table '" + table + "': give either columns (the columns to copy) or excludeColumns (the "
                    + "columns not to copy), not both");
        }
        Object whereValue = parameters.get("where");
        String where = whereValue == null || whereValue.toString().isBlank() ? null : whereValue.toString().trim();
        if (where != null && where.contains("?")) {
            problems.add("table '" + table + "': where '" + where + "' contains '?': write values as literals, "
                    + "e.g. tenant_id = 42");
        }
        if (where != null && where.contains(";")) {
            problems.add("table '" + table + "': where '" + where + "' contains ';': give one condition, e.g. "
                    + "deleted = 0 AND tenant_id = 42");
        }
        return new Selection(columns, exclude, where);
    }

    private static List<String> names(String table, String parameter, Map<String, Object> parameters,
                                      List<String> problems) {
        Object value = parameters.get(parameter);
        if (value == null || value.toString().isBlank()) {
            return List.of();
        }
        List<String> names = Arrays.stream(value.toString().split(",", -1)).map(String::trim).toList();
        if (names.stream().anyMatch(String::isEmpty)) {
            problems.add("table '" + table + "': " + parameter + " '" + value + "' has an empty column name; write "
                    + "the columns separated by commas, e.g. 'id,name,email'");
        }
        return names;
    }

    /**
     * Sentences for names that are not columns of the source table (listing the valid ones), and for an excluded
     * column that is always copied ({@code always}: the key and the modifier).
     */
    List<String> problems(String table, TableShape shape, Collection<String> always) {
        List<String> problems = new ArrayList<>();
        List<String> valid = shape.columnNames();
        for (String name : columns) {
            if (!valid.contains(name)) {
                problems.add("table '" + table + "': columns names '" + name + "', which is not a column of the "
                        + "source table" + Spelling.closest(name, valid).map(c -> " (did you mean '" + c + "'?)")
                        .orElse("") + "; valid columns: " + valid);
            }
        }
        for (String name : excludeColumns) {
            if (!valid.contains(name)) {
                problems.add("table '" + table + "': excludeColumns names '" + name + "', which is not a column of "
                        + "the source table" + Spelling.closest(name, valid).map(c -> " (did you mean '" + c
                        + "'?)").orElse("") + "; valid columns: " + valid);
            } else if (always.contains(name)) {
                problems.add("table '" + table + "': excludeColumns names '" + name + "', a key or modifier column, "
                        + "which is always copied; remove it from excludeColumns");
            }
        }
        return problems;
    }

    /** The source table as copied: only the selected columns, the key and modifier always among them. */
    TableShape apply(TableShape shape, Collection<String> always) {
        if (columns.isEmpty() && excludeColumns.isEmpty()) {
            return shape;
        }
        List<Column> kept = shape.columns().stream().filter(c -> always.contains(c.name())
                || (columns.isEmpty() ? !excludeColumns.contains(c.name()) : columns.contains(c.name()))).toList();
        return new TableShape(shape.name(), kept, shape.primaryKey());
    }
}
