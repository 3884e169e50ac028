package io.tidemark.target;

import io.tidemark.source.Catalog;
import io.tidemark.source.Column;
import io.tidemark.source.TableShape;
import io.tidemark.sql.Dialect;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps a target table able to take the source's rows: creates it when missing, adds columns the source
 * gained, adds the lineage columns. It never drops or narrows a column.
 */
public final class TargetSchema {

    private static final Logger LOG = LoggerFactory.getLogger(TargetSchema.class);

    private final Catalog catalog;
    private final JdbcTemplate jdbc;
    private final Dialect dialect;
    private final String loadIdColumn;
    private final String rowIdColumn;

    public TargetSchema(DataSource target, Dialect dialect, String loadIdColumn, String rowIdColumn) {
        this.catalog = new Catalog(target);
        this.jdbc = new JdbcTemplate(target);
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
            TableShape keyed = new TableShape(source.name(), source.columns(), key);
            jdbc.execute(dialect.createTable(table, keyed, loadIdColumn, rowIdColumn));
            LOG.info("Created target table {} with {} columns and primary key {}", table, source.columns().size(), key);
            return Optional.empty();
        }
        TableShape target = existing.get();
        if (!target.primaryKey().equals(key)) {
            return Optional.of("target table '" + table + "' has primary key " + target.primaryKey()
                    + " but rows are matched on " + key + "; give it that primary key, or drop it and let "
                    + "Tidemark create it");
        }
        for (Column column : source.columns()) {
            if (target.column(column.name()).isEmpty()) {
                jdbc.execute(dialect.addColumn(table, column));
                LOG.info("Added column {} {} to target table {}", column.name(), column.columnType(), table);
            }
        }
        addLineage(table, target, loadIdColumn, "VARCHAR(64)");
        addLineage(table, target, rowIdColumn, "VARCHAR(128)");
        return Optional.empty();
    }

    private void addLineage(String table, TableShape target, String column, String type) {
        if (target.column(column).isEmpty()) {
            jdbc.execute("ALTER TABLE " + dialect.quote(table) + " ADD COLUMN " + dialect.quote(column) + " " + type
                    + " NOT NULL DEFAULT ''");
            LOG.info("Added lineage column {} to target table {}", column, table);
        }
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
