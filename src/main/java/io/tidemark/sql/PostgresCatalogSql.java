package io.tidemark.sql;

/**
 * What a PostgreSQL side asks of its server and its pools, beyond the statements on tables: the session, PgJDBC's
 * settings and the catalog query (to become PostgreSQL's {@link CatalogSql}; not wired yet, see docs/postgresql.md).
 */
public final class PostgresCatalogSql {

    private PostgresCatalogSql() {
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
     */
    public static java.util.Map<String, String> driverProperties() {
        return java.util.Map.of("stringtype", "unspecified", "reWriteBatchedInserts", "true");
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
}
