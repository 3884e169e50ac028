package io.tidemark.source;

import java.util.List;
import java.util.Optional;

/** A table as the catalog describes it: its columns in order and its primary key. */
public record TableShape(String name, List<Column> columns, List<String> primaryKey) {

    public TableShape {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The columns Tidemark copies: every column except generated ones. */
    public List<Column> copied() {
        return columns.stream().filter(c -> !c.generated()).toList();
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }
}
