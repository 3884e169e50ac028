package io.tidemark.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's catalog (information_schema and pg_catalog), read in the connection's current schema ({@code public},
 * or the URL's {@code currentSchema}); a table named {@code schema.table} is read in that schema. Sessions run in
 * UTC. Columns answer in the layout {@link CatalogSql#columns} describes: PostgreSQL has no character sets or
 * collations to carry over (NULL), its type text is {@code format_type}'s, a generated column's extra is
 * {@code STORED GENERATED} (PostgreSQL 15 has stored generated columns only).
 */
public final class PostgresCatalogSql implements CatalogSql {

    /**
     * The name (bound four times, the first one used) is split at its first dot into schema and table; the table
     * matches as written, else as PostgreSQL folds an unquoted name (lower case), the exact match first.
     */
    private static final String COLUMNS = """
            WITH p AS (SELECT CAST(? AS text) AS name, CAST(? AS text) AS n2, CAST(? AS text) AS n3, CAST(? AS text) AS n4),
            s AS (SELECT CASE WHEN strpos(name, '.') > 0 THEN split_part(name, '.', 1) ELSE current_schema() END AS sch,
                         CASE WHEN strpos(name, '.') > 0 THEN substr(name, strpos(name, '.') + 1) ELSE name END AS tab
                  FROM p),
            t AS (SELECT t.table_schema, t.table_name FROM information_schema.tables t, s
                  WHERE t.table_schema = s.sch AND t.table_name IN (s.tab, lower(s.tab))
                  ORDER BY t.table_name = s.tab DESC LIMIT 1)
            SELECT c.column_name, c.data_type, format_type(a.atttypid, a.atttypmod), c.is_nullable, NULL, NULL,
                   c.generation_expression, CASE WHEN c.is_generated = 'ALWAYS' THEN 'STORED GENERATED' ELSE '' END,
                   (SELECT k.ordinal_position FROM information_schema.table_constraints tc
                    JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema
                     AND k.constraint_name = tc.constraint_name
                    WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = c.table_schema
                      AND tc.table_name = c.table_name AND k.column_name = c.column_name), %s
            FROM information_schema.columns c
            JOIN t ON c.table_schema = t.table_schema AND c.table_name = t.table_name
            JOIN pg_catalog.pg_attribute a ON a.attrelid = format('%%I.%%I', c.table_schema, c.table_name)::regclass
             AND a.attname = c.column_name
            ORDER BY c.ordinal_position""";

    private final PostgresDialect dialect;

    public PostgresCatalogSql(PostgresDialect dialect) {
        this.dialect = dialect;
    }

    /** Run once per pooled session: UTC, so timestamps cross as UTC (PgJDBC would set the JVM's zone). */
    public static String sessionSetup() {
        return "SET TIME ZONE 'UTC'";
    }

    /**
     * PgJDBC's settings for Tidemark's pools: a value bound as a string is typed by the server from its column
     * ({@code stringtype=unspecified}; otherwise a JSON text, a timestamp or a number read as text from MySQL is a
     * {@code character varying} that a json, timestamp or numeric column refuses), and a batch of inserts goes as
     * multi-row statements ({@code reWriteBatchedInserts}, like Connector/J's {@code rewriteBatchedStatements}).
     * Results come as text ({@code binaryTransfer=false}): the bulk path reads a column's bytes as the server's text
     * (ServerText), and PgJDBC would hand a statement prepared on the server its binary form instead.
     */
    public static Map<String, String> driverProperties() {
        return Map.of("stringtype", "unspecified", "reWriteBatchedInserts", "true", "binaryTransfer", "false");
    }

    /**
     * A table's columns in order (parameters: the schema or null for the current one, then the name three times):
     * name, data_type, format_type's text, nullable, generation expression, and whether the column is in the primary
     * key. A name matches as written, else as PostgreSQL folds an unquoted name (lower case), exact match first.
     */
    public static String columns() {
        return "SELECT c.column_name, c.data_type, format_type(a.atttypid, a.atttypmod), c.is_nullable = 'YES', "
                + "c.generation_expression, EXISTS (SELECT 1 FROM information_schema.table_constraints tc "
                + "JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema "
                + "AND k.constraint_name = tc.constraint_name WHERE tc.constraint_type = 'PRIMARY KEY' "
                + "AND tc.table_schema = c.table_schema AND tc.table_name = c.table_name "
                + "AND k.column_name = c.column_name) "
                + "FROM information_schema.columns c "
                + "JOIN pg_catalog.pg_attribute a "
                + "ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass "
                + "AND a.attname = c.column_name "
                + "WHERE c.table_schema = COALESCE(?, current_schema()) AND c.table_name = (SELECT t.table_name "
                + "FROM information_schema.tables t WHERE t.table_schema = c.table_schema "
                + "AND t.table_name IN (?, lower(?)) "
                + "ORDER BY t.table_name = ? DESC LIMIT 1) ORDER BY c.ordinal_position";
    }

    @Override
    public String sessionInit(boolean target) {
        return sessionSetup();
    }

    @Override
    public Map<String, String> driverProperties(boolean target) {
        return driverProperties();
    }

    @Override
    public String ping() {
        return "SELECT 1";
    }

    @Override
    public String currentDatabase() {
        return "SELECT current_database()";
    }

    @Override
    public String columnCount() {
        return "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() "
                + "AND table_name = ? AND column_name = ?";
    }

    @Override
    public String tableNames() {
        return "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1";
    }

    /** {@code srid} is ignored: no PostgreSQL column carries MySQL's SRID restriction (NULL). */
    @Override
    public String columns(String srid) {
        return COLUMNS.formatted("NULL");
    }

    @Override
    public String checkConstraints() {
        return "SELECT cc.constraint_name, cc.check_clause FROM information_schema.check_constraints cc "
                + "JOIN information_schema.table_constraints tc ON tc.constraint_schema = cc.constraint_schema "
                + "AND tc.constraint_name = cc.constraint_name "
                + "WHERE tc.table_schema = current_schema() AND tc.table_name = ? AND tc.table_name = ?";
    }

    /** None needed: information_schema.columns has a generation expression as PostgreSQL parses it. */
    @Override
    public String tableDefinition(String table) {
        return null;
    }

    @Override
    public String freshStatistics() {
        return null;
    }

    /** The planner's estimate (reltuples, -1 before the first ANALYZE, answered as 0). */
    @Override
    public String tableRowsEstimate() {
        return "SELECT CAST(GREATEST(c.reltuples, 0) AS bigint) FROM pg_catalog.pg_class c "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = current_schema() AND c.relname = ?";
    }

    @Override
    public String countRows(String table, String modifier, boolean above, boolean upTo, String where) {
        List<String> conditions = new ArrayList<>();
        if (above) {
            conditions.add(dialect.quote(modifier) + " > ?");
        }
        if (upTo) {
            conditions.add(dialect.quote(modifier) + " <= ?");
        }
        if (where != null) {
            conditions.add("(" + where + ")");
        }
        return "SELECT COUNT(*) FROM " + dialect.table(table)
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
    }

    /**
     * MySQL's types (as MySqlCatalogSql), and PostgreSQL's own whose text COPY reads back as the same value: a
     * PostgreSQL source renders timestamps, dates, times, intervals, uuid, JSON and arrays as text (PostgresTypes.read)
     * and bytea is read as bytes (COPY writes it as hex).
     */
    @Override
    public java.util.Set<String> bulkTypes() {
        return BULK_TYPES;
    }

    private static final java.util.Set<String> BULK_TYPES = java.util.stream.Stream.concat(
            io.tidemark.sql.mysql.MySqlCatalogSql.BULK_TYPES.stream(), java.util.stream.Stream.of("character varying",
                    "character", "double precision", "boolean", "uuid", "jsonb", "bytea", "array", "interval",
                    "timestamp without time zone", "timestamp with time zone", "time without time zone",
                    "time with time zone")).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** COPY FROM STDIN needs no server setting (only INSERT on the table). */
    @Override
    public String bulkLoadAllowed() {
        return "SELECT true";
    }

    /** Collations are not carried over to PostgreSQL (see {@link PostgresDialect#collations}): any is "known". */
    @Override
    public String collationProbe(String charset, String collation) {
        return "SELECT 1";
    }
}
