package io.tidemark.source;

import java.util.Locale;
import java.util.Set;

/**
 * One column as the database catalog describes it.
 *
 * @param name          the column name exactly as the catalog spells it
 * @param dataType      the bare type in lower case, e.g. {@code datetime}
 * @param columnType    the full type, e.g. {@code datetime(6)} or {@code int(10) unsigned}
 * @param nullable      whether NULL is allowed
 * @param charset       character set of a text column, else null
 * @param collation     collation of a text column, else null
 * @param generation    the expression of a generated column, else null
 * @param stored        for a generated column: STORED (true) or VIRTUAL (false)
 * @param srid          the spatial reference system a MySQL geometry column is restricted to, else null
 */
public record Column(String name, String dataType, String columnType, boolean nullable,
                     String charset, String collation, String generation, boolean stored, Integer srid) {

    /** MySQL's date/time types, and PostgreSQL's (information_schema's data_type names them in full). */
    private static final Set<String> TEMPORAL = Set.of("date", "datetime", "timestamp", "time", "year",
            "timestamp with time zone", "timestamp without time zone");
    private static final Set<String> NUMERIC = Set.of("tinyint", "smallint", "mediumint", "int", "integer",
            "bigint", "decimal", "numeric", "float", "double", "real");

    public Column {
        dataType = dataType.toLowerCase(Locale.ROOT);
    }

    /** A column without an SRID restriction. */
    public Column(String name, String dataType, String columnType, boolean nullable, String charset, String collation,
                  String generation, boolean stored) {
        this(name, dataType, columnType, nullable, charset, collation, generation, stored, null);
    }

    public Column withCollation(String newCollation) {
        return new Column(name, dataType, columnType, nullable, charset, newCollation, generation, stored, srid);
    }

    public Column withGeneration(String expression) {
        return new Column(name, dataType, columnType, nullable, charset, collation, expression, stored, srid);
    }

    public Column withSrid(Integer newSrid) {
        return new Column(name, dataType, columnType, nullable, charset, collation, generation, stored, newSrid);
    }

    /** MariaDB's JSON: a LONGTEXT with a json_valid check, declared again as JSON. */
    public Column asJson() {
        return new Column(name, "json", "json", nullable, null, null, generation, stored, srid);
    }

    /** Generated columns are never written: the target computes them itself. */
    public boolean generated() {
        return generation != null && !generation.isEmpty();
    }

    public boolean temporal() {
        return TEMPORAL.contains(dataType);
    }

    public boolean numeric() {
        return NUMERIC.contains(dataType);
    }

    /** Values that are numbers: the numeric types, and YEAR (temporal, but its values are whole years). */
    public boolean numberValued() {
        return numeric() || dataType.equals("year");
    }

    public boolean binary() {
        return dataType.equals("binary") || dataType.equals("varbinary") || dataType.endsWith("blob")
                || dataType.equals("bytea");
    }

    /** Types a watermark can be kept on: ordered, and compared exactly on the server. */
    public boolean orderable() {
        return temporal() || numeric() || dataType.endsWith("char") || binary();
    }
}
