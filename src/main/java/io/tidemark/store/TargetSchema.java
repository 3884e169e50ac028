package io.tidemark.store;

import io.tidemark.source.Catalog;
import io.tidemark.source.Column;
import io.tidemark.source.TableShape;
import io.tidemark.sql.Dialect;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps a target table able to take the source's rows: creates it when missing, adds columns the source
 * gained, widens columns the source widened (told apart from columns changed by hand in the target by
 * {@link SourceColumns}), adds the lineage columns. It never drops or narrows a column. Columns are declared as the source
 * declares them, adapted where the target is another kind of server (see {@link #adapt}).
 */
public final class TargetSchema {

    private static final Logger LOG = LoggerFactory.getLogger(TargetSchema.class);
    private static final Pattern NAME = Pattern.compile("\\w+");

    private final Catalog catalog;
    private final SourceColumns sourceColumns;
    private final JdbcTemplate jdbc;
    private final Dialect dialect;
    private final String loadIdColumn;
    private final String rowIdColumn;
    private final Map<String, Boolean> collations = new ConcurrentHashMap<>();
    private Boolean mariaDb;

    public TargetSchema(DataSource target, Dialect dialect, String loadIdColumn, String rowIdColumn,
                        String sourceColumnsTable) {
        this.catalog = new Catalog(target, dialect);
        this.jdbc = new JdbcTemplate(target);
        this.sourceColumns = new SourceColumns(jdbc, dialect, sourceColumnsTable);
        this.dialect = dialect;
        this.loadIdColumn = loadIdColumn;
        this.rowIdColumn = rowIdColumn;
    }

    /**
     * Brings {@code table} in line with {@code source} keyed on {@code key}; returns a problem sentence when the
     * existing target cannot take upserts on that key, else empty.
     */
    public Optional<String> prepare(String table, TableShape source, List<String> key) throws SQLException {
        Optional<TableShape> existing = catalog.table(table);
        if (existing.isEmpty()) {
            TableShape keyed = new TableShape(source.name(), source.columns().stream().map(this::adapt).toList(), key);
            jdbc.execute(dialect.createTable(table, keyed, loadIdColumn, rowIdColumn));
            LOG.info("Created target table {} with {} columns and primary key {}", table, source.columns().size(), key);
            sourceColumns.record(table, source, Map.of());
            return Optional.empty();
        }
        TableShape target = existing.get();
        if (!target.primaryKey().equals(key)) {
            return Optional.of(keyMismatch(table, target.primaryKey(), key));
        }
        Map<String, String> seen = sourceColumns.read(table);
        for (Column column : source.columns()) {
            Optional<Column> existingColumn = target.column(column.name());
            if (existingColumn.isEmpty()) {
                jdbc.execute(dialect.addColumn(table, adapt(column)));
                LOG.info("Added column {} {} to target table {}", column.name(), column.columnType(), table);
            } else if (seen.containsKey(column.name())
                    && !seen.get(column.name()).equals(SourceColumns.declaration(column))) {
                follow(table, existingColumn.get(), adapt(column));
            }
        }
        sourceColumns.record(table, source, seen);
        addLineage(table, target, loadIdColumn, 64);
        addLineage(table, target, rowIdColumn, 128);
        return Optional.empty();
    }

    /**
     * A column the source declared anew since the table was last prepared: widened in the target when that keeps
     * every value (see {@link Widening}). A target column changed by hand, with the source's unchanged, is left alone.
     */
    private void follow(String table, Column target, Column source) {
        switch (Widening.of(target, source)) {
            case WIDEN -> {
                Column widened = Widening.widened(target, source);
                jdbc.execute(dialect.modifyColumn(table, widened));
                LOG.info("Widened column {} of target table {} from {}{} to {}{}, as in the source", target.name(),
                        table, target.columnType(), target.nullable() ? "" : " NOT NULL", widened.columnType(),
                        widened.nullable() ? "" : " NOT NULL");
            }
            case DIFFERENT -> LOG.warn("Column {} of target table {} is {} {}, the source's is {} {}: not a widening, so "
                            + "the target column is left as it is and values it refuses go to the dead-letter table. "
                            + "Change it by hand if needed (ALTER TABLE), then replay the table's dead letters",
                    target.name(), table, target.columnType(), charset(target), source.columnType(), charset(source));
            case HOLDS -> { }
        }
    }

    private static String charset(Column c) {
        return c.charset() == null ? "" : "(" + c.charset() + (c.collation() == null ? "" : " " + c.collation()) + ")";
    }

    /** {@link #prepare}'s verdict without changing anything ({@code --check}): a problem sentence, or empty. */
    public Optional<String> check(String table, List<String> key) throws SQLException {
        return catalog.table(table).filter(t -> !t.primaryKey().equals(key))
                .map(t -> keyMismatch(table, t.primaryKey(), key));
    }

    private static String keyMismatch(String table, List<String> targetKey, List<String> key) {
        return "target table '" + table + "' has primary key " + targetKey + " but rows are matched on " + key
                + "; give it that primary key, or drop it and let Tidemark create it";
    }

    /**
     * The source's column as this target server can hold it: a collation it does not know becomes its nearest
     * equivalent there (MySQL's utf8mb4_0900_ai_ci is utf8mb4_unicode_520_nopad_ci on MariaDB 10.11), else the
     * character set's default; an SRID restriction, which only MySQL has, is dropped on MariaDB (the values keep
     * their SRID).
     */
    private Column adapt(Column column) {
        Column adapted = column;
        if (column.collation() != null && !knows(column.charset(), column.collation())) {
            String nearest = dialect.collations(column.collation()).stream().filter(c -> knows(column.charset(), c))
                    .findFirst().orElse(null);
            LOG.warn("Column {}: the target server has no collation {}; using {}", column.name(), column.collation(),
                    nearest == null ? "the default collation of " + column.charset() : nearest);
            adapted = adapted.withCollation(nearest);
        }
        if (column.srid() != null && targetIsMariaDb()) {
            adapted = adapted.withSrid(null);
        }
        return adapted;
    }

    /** Whether the target server has a collation (for that character set); asked once per name. */
    private boolean knows(String charset, String collation) {
        return collations.computeIfAbsent(charset + " " + collation, k -> {
            if (!NAME.matcher(charset).matches() || !NAME.matcher(collation).matches()) {
                return false;
            }
            try {
                jdbc.execute(dialect.catalog().collationProbe(charset, collation));
                return true;
            } catch (DataAccessException unknown) {
                return false;
            }
        });
    }

    private boolean targetIsMariaDb() {
        if (mariaDb == null) {
            try {
                mariaDb = catalog.mariaDb();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the target server's version: " + e.getMessage(), e);
            }
        }
        return mariaDb;
    }

    private void addLineage(String table, TableShape target, String column, int length) {
        if (target.column(column).isEmpty()) {
            jdbc.execute(dialect.addLineageColumn(table, column, length));
            LOG.info("Added lineage column {} to target table {}", column, table);
        }
    }

    /** The target database's name (for messages); "the target database" when it cannot be read. */
    public String database() {
        try {
            String name = jdbc.queryForObject(dialect.catalog().currentDatabase(), String.class);
            return name == null ? "the target database" : name;
        } catch (RuntimeException e) {
            return "the target database";
        }
    }

    public boolean exists(String table) throws SQLException {
        return catalog.table(table).isPresent();
    }

    /** True when the table holds a row after the given key (one index probe). */
    public boolean holdsRowsAfter(String table, List<Column> key, List<Object> keyValues) {
        List<Object> parameters = new ArrayList<>(dialect.afterKey(keyValues));
        parameters.add(1);
        return !jdbc.queryForList(dialect.keyPage(table, key, key, true, null), parameters.toArray()).isEmpty();
    }

    /** True when the table has no rows (one index probe). */
    public boolean isEmpty(String table) {
        return jdbc.queryForList(dialect.anyRow(table)).isEmpty();
    }

    /** An empty table shaped like {@code table}, for a full refresh to fill before the swap. */
    public void createStaging(String staging, String table) {
        jdbc.execute(dialect.dropIfExists(staging));
        jdbc.execute(dialect.createLike(staging, table));
    }

    /** Puts the filled staging table in place of {@code table} in one atomic rename, then drops the old one. */
    public void swap(String table, String staging) {
        String retired = staging + "_old";
        jdbc.execute(dialect.dropIfExists(retired));
        jdbc.execute(dialect.swap(table, staging, retired));
        jdbc.execute(dialect.dropIfExists(retired));
    }
}
