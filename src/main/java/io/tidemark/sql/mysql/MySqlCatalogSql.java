package io.tidemark.sql.mysql;

import io.tidemark.sql.CatalogSql;
import io.tidemark.sql.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** MySQL's and MariaDB's information_schema, read for the pool's current database ({@code DATABASE()}). */
public final class MySqlCatalogSql implements CatalogSql {

    /**
     * The columns in order, each with its position in the primary key (NULL if none) and, on MySQL, the SRID a
     * geometry column is restricted to. Table names are also compared as bytes: MariaDB's information_schema
     * compares them case-insensitively, and on Linux {@code Items} and {@code items} are two tables (the plain
     * comparison stays for the server's lookup by name).
     *
     * <p>The key positions come from a subquery naming the schema and table as constants: MariaDB looks up only the
     * tables an information_schema query names by constants, and a LEFT JOIN on {@code k.TABLE_NAME = c.TABLE_NAME}
     * opened every table of every database instead (EXPLAIN: "Open_full_table; Scanned all databases"), 22 ms per
     * call with 200 tables and growing with them, at every start and every run.
     */
    private static final String COLUMNS = """
            SELECT c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE, c.IS_NULLABLE, c.CHARACTER_SET_NAME,
                   c.COLLATION_NAME, c.GENERATION_EXPRESSION, c.EXTRA,
                   (SELECT k.ORDINAL_POSITION FROM information_schema.KEY_COLUMN_USAGE k
                    WHERE k.TABLE_SCHEMA = DATABASE() AND k.TABLE_NAME = ? AND CAST(k.TABLE_NAME AS BINARY) = CAST(? AS BINARY)
                      AND k.CONSTRAINT_NAME = 'PRIMARY' AND k.COLUMN_NAME = c.COLUMN_NAME), %s
            FROM information_schema.COLUMNS c
            WHERE c.TABLE_SCHEMA = DATABASE() AND c.TABLE_NAME = ? AND CAST(c.TABLE_NAME AS BINARY) = CAST(? AS BINARY)
            ORDER BY c.ORDINAL_POSITION""";

    /** MariaDB's JSON is LONGTEXT with a check constraint named after the column: {@code json_valid(`c`)}. */
    private static final String CHECKS = """
            SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS
            WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ? AND CAST(TABLE_NAME AS BINARY) = CAST(? AS BINARY)""";

    private final Dialect dialect;

    public MySqlCatalogSql(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Sessions read and write in UTC; the target is strict, and keeps zero dates the source may hold. */
    @Override
    public String sessionInit(boolean target) {
        return target ? "SET time_zone = '+00:00', "
                + "sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION,NO_AUTO_VALUE_ON_ZERO'"
                : "SET time_zone = '+00:00'";
    }

    /**
     * The target's pool: LOCAL loads offered to the server, no file ever sent (see io.tidemark.store.BulkLoad): the
     * folder allowed is created empty, readable by this user only, and removed at exit.
     */
    @Override
    public Map<String, String> driverProperties(boolean target) {
        if (!target) {
            return Map.of();
        }
        try {
            Path nothing = Files.createTempDirectory("tidemark-no-local-files",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            nothing.toFile().deleteOnExit();
            return Map.of("allowLoadLocalInfile", "false", "allowLoadLocalInfileInPath", nothing.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the empty folder that keeps LOAD DATA LOCAL from reading "
                    + "files: " + e.getMessage() + "; check that java.io.tmpdir (" + System.getProperty("java.io.tmpdir")
                    + ") is writable", e);
        }
    }

    @Override
    public String ping() {
        return "SELECT 1";
    }

    @Override
    public String currentDatabase() {
        return "SELECT DATABASE()";
    }

    @Override
    public String columnCount() {
        return "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = ? AND COLUMN_NAME = ?";
    }

    @Override
    public String tableNames() {
        return "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1";
    }

    /** {@code srid}: {@code c.SRS_ID} on MySQL, {@code NULL} on MariaDB (which has no such column). */
    @Override
    public String columns(String srid) {
        return COLUMNS.formatted(srid);
    }

    @Override
    public String checkConstraints() {
        return CHECKS;
    }

    @Override
    public String tableDefinition(String table) {
        return "SHOW CREATE TABLE " + dialect.quote(table);
    }

    /** MySQL 8 caches information_schema's statistics for a day unless told otherwise; MariaDB has no such setting. */
    @Override
    public String freshStatistics() {
        return "SET SESSION information_schema_stats_expiry = 0";
    }

    @Override
    public String tableRowsEstimate() {
        return "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?";
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
        return "SELECT COUNT(*) FROM " + dialect.quote(table)
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
    }

    /** MySQL's own types, and PostgreSQL's whose text LOAD DATA reads as the same value. */
    @Override
    public java.util.Set<String> bulkTypes() {
        return BULK_TYPES;
    }

    public static final java.util.Set<String> BULK_TYPES = java.util.Set.of("tinyint", "smallint", "mediumint", "int",
            "integer", "bigint", "decimal", "numeric", "float", "double", "real", "char", "varchar", "tinytext", "text",
            "mediumtext", "longtext", "enum", "set", "date", "time", "datetime", "timestamp", "year", "json",
            "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "bit");

    @Override
    public String bulkLoadAllowed() {
        return "SELECT @@local_infile = 1";
    }

    @Override
    public String collationProbe(String charset, String collation) {
        return "SELECT CONVERT('' USING " + charset + ") COLLATE " + collation;
    }
}
