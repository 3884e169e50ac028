package io.tidemark.sql;

/**
 * The statements that ask a server about itself and its catalog (io.tidemark.source, io.tidemark.status, health,
 * start-up), and the session each pool opens. "The database" is the pool's current database (schema). Parameters
 * are listed beside each statement, in order.
 */
public interface CatalogSql {

    /** What every connection of a pool runs first: sessions in UTC (and on the target, strict about values). */
    String sessionInit(boolean target);

    /** The JDBC driver's settings for a pool of this side (the target's may differ: see the bulk path). */
    default java.util.Map<String, String> driverProperties(boolean target) {
        return java.util.Map.of();
    }

    /** A round trip that reads nothing (health). */
    String ping();

    /** One row: the name of the database (NULL if none). */
    String currentDatabase();

    /** One row: how many columns named {@code ?} the database's table {@code ?} has; parameters table, column. */
    String columnCount();

    /** The names of the database's tables, sorted. No parameters. */
    String tableNames();

    /**
     * The columns of one table in order (parameters: the table's name four times): name, data type, column type,
     * nullable ('YES'/'NO'), character set, collation, generation expression, extra, position in the primary key
     * (NULL if none), then {@code srid}'s column (an expression giving a geometry column's SRID, or NULL).
     */
    String columns(String srid);

    /** The check constraints of one table (name, clause); parameters: the table's name twice. */
    String checkConstraints();

    /**
     * One row, its second column the table's definition as the server prints it (MySQL's SHOW CREATE TABLE), read
     * for exact generation expressions; null when the catalog's expressions are exact already.
     */
    String tableDefinition(String table);

    /** A statement making the next {@link #tableRowsEstimate} read fresh statistics, or null if none is needed. */
    String freshStatistics();

    /** One row: the server's estimate of a table's row count; parameter table. */
    String tableRowsEstimate();

    /**
     * One row: how many rows of {@code table} have {@code modifier} above a value ({@code above}, parameter 1) and at
     * most a value ({@code upTo}, next parameter) and match the table's row filter ({@code where}, or null).
     */
    String countRows(String table, String modifier, boolean above, boolean upTo, String where);

    /** One row: whether the server takes the dialect's bulk load (true/false). */
    String bulkLoadAllowed();

    /**
     * The source data types (a source catalog's names, MySQL's or PostgreSQL's) whose values the bulk path writes
     * exactly into this server: read as the source server's text, or as bytes and bits where {@code Column.binary}
     * or BIT says so. A table with a column of another type is written by the upsert.
     */
    java.util.Set<String> bulkTypes();

    /** Whether the collation named is known for the character set named (both checked as plain words). */
    String collationProbe(String charset, String collation);
}
