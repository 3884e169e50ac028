package io.tidemark.table;

import io.tidemark.run.ModifierValues;
import io.tidemark.source.Catalog;
import io.tidemark.source.Column;
import io.tidemark.source.TableShape;
import io.tidemark.sql.Dialect;
import io.tidemark.store.TargetSchema;
import io.tidemark.store.Write;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One table check: a table's settings against the source catalog (and the target's), giving the validated table
 * ({@link TableSpec}) or the problems that prevent one, each a sentence naming the table and what to do. The same
 * check serves start-up and tables waiting for a database ({@link TableRegistry}), live edits ({@link TablesFile}),
 * {@code --check}, {@code --verify}, and drift (source columns changed since, {@link #drifted}).
 */
final class TableCheck {

    private final Catalog source;
    private final Dialect dialect;
    private final TargetSchema targetSchema;
    /** The parameters routes/table-sync.camel.yaml declares: the only names a table may set (none known: any). */
    private volatile List<String> parameterNames = List.of();

    TableCheck(Catalog source, Dialect dialect, TargetSchema targetSchema) {
        this.source = source;
        this.dialect = dialect;
        this.targetSchema = targetSchema;
    }

    void parameterNames(List<String> names) {
        this.parameterNames = List.copyOf(names);
    }

    /** One table's settings, or null with the problems added, its parameter names checked against the template. */
    TableSettings settings(Map<String, Object> parameters, List<String> problems) {
        int before = problems.size();
        if (!parameterNames.isEmpty()) {
            problems.addAll(TableSettings.unknownNames(parameters, parameterNames));
        }
        TableSettings settings = TableSettings.parse(parameters, problems);
        return problems.size() > before ? null : settings;
    }

    /**
     * True when the source table's columns (those the table copies) differ from those {@code spec} was checked with;
     * one catalog query. Throws when the table is gone from the source.
     */
    boolean drifted(TableSpec spec) throws SQLException {
        Optional<TableShape> shape = source.table(spec.table());
        if (shape.isEmpty()) {
            throw new IllegalStateException("table '" + spec.table() + "' no longer exists in the source database");
        }
        return !selected(spec.settings(), shape.get()).equals(spec.source());
    }

    /** Checks settings against the catalogs; with {@code prepare}, also creates or amends the target table. */
    Optional<TableSpec> resolve(TableSettings settings, List<String> problems, boolean prepare)
            throws SQLException {
        String table = settings.table();
        Optional<TableShape> found = source.table(table);
        if (found.isEmpty()) {
            problems.add("table '" + table + "' does not exist in the source database; tables there: "
                    + source.tableNames());
            return Optional.empty();
        }
        TableShape shape = found.get();
        List<String> valid = shape.copied().stream().map(Column::name).toList();
        int before = problems.size();
        List<String> keyNames = settings.primaryKey().isEmpty() ? shape.primaryKey() : settings.primaryKey();
        if (keyNames.isEmpty()) {
            problems.add("table '" + table + "' has no primary key and none is given: set primaryKey to the "
                    + "column(s) that identify a row, from " + valid);
        }
        List<Column> key = new ArrayList<>();
        for (String name : keyNames) {
            Optional<Column> column = shape.column(name).filter(c -> !c.generated());
            column.ifPresentOrElse(key::add, () -> problems.add("table '" + table + "': primaryKey column '" + name
                    + "' is not a column of the source table; valid columns: " + valid));
        }
        Column modifier = null;
        Object lag = null;
        if (settings.modifier() != null) {
            modifier = shape.column(settings.modifier()).filter(c -> !c.generated()).orElse(null);
            if (modifier == null) {
                problems.add("table '" + table + "': modifier column '" + settings.modifier()
                        + "' is not a column of the source table; valid columns: " + valid);
            } else if (!(modifier.temporal() || modifier.numeric())) {
                problems.add("table '" + table + "': modifier column '" + modifier.name() + "' is "
                        + modifier.columnType() + "; a modifier must be a date/time or numeric column that grows "
                        + "on every change");
            } else {
                try {
                    lag = ModifierValues.parseLag(modifier, settings.lag() != null ? settings.lag()
                            : modifier.numberValued() ? "0" : "5s");
                } catch (IllegalArgumentException e) {
                    problems.add("table '" + table + "': lag " + e.getMessage());
                }
            }
        }
        problems.addAll(settings.selection().problems(table, shape, always(settings, shape)));
        List<String> keyColumns = key.stream().map(Column::name).toList();
        if (problems.size() > before) {
            if (!prepare && !key.isEmpty() && key.size() == keyNames.size()) { // --check reports every problem
                targetSchema.check(settings.targetTable(), keyColumns).ifPresent(problems::add);
            }
            return Optional.empty();
        }
        if (settings.selection().where() != null) {
            Optional<String> refused = source.refuses(dialect.filterProbe(table, settings.selection().where()));
            if (refused.isPresent()) {
                problems.add("table '" + table + "': the source refuses where '" + settings.selection().where()
                        + "': " + refused.get() + "; write a condition on the table's columns, e.g. tenant_id = 42; "
                        + "valid columns: " + shape.columnNames());
                return Optional.empty();
            }
        }
        shape = selected(settings, shape);
        Write write = settings.write();
        List<String> targetKey = write.targetKey(keyColumns, modifier);
        Optional<String> targetProblem = prepare
                ? targetSchema.prepare(settings.targetTable(), write.targetShape(shape, modifier), targetKey)
                : targetSchema.check(settings.targetTable(), targetKey);
        if (targetProblem.isPresent()) {
            problems.add(targetProblem.get());
            return Optional.empty();
        }
        return Optional.of(new TableSpec(settings, shape, List.copyOf(key), modifier, lag));
    }

    /** The key (configured and the source's own) and the modifier: copied whatever the selection says. */
    private static List<String> always(TableSettings settings, TableShape shape) {
        List<String> always = new ArrayList<>(settings.primaryKey());
        always.addAll(shape.primaryKey());
        if (settings.modifier() != null) {
            always.add(settings.modifier());
        }
        return always;
    }

    /** The source table as this table copies it: only its selected columns (columns / excludeColumns). */
    static TableShape selected(TableSettings settings, TableShape shape) {
        return settings.selection().apply(shape, always(settings, shape));
    }
}
