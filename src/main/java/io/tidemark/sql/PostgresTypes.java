package io.tidemark.sql;

import io.tidemark.source.Column;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL column type a target table gets for a source column (docs/postgresql.md lists the mapping).
 * A column read from MySQL or MariaDB carries that server's catalog names ({@code int(10) unsigned},
 * {@code datetime(6)}, {@code enum('a','b')}); a column read from PostgreSQL carries information_schema's
 * {@code data_type} ({@code integer}, {@code timestamp with time zone}, {@code ARRAY}) and {@code format_type}'s text
 * as its column type, which is PostgreSQL DDL already. The two vocabularies share only names that mean the same
 * type on both (date, numeric, text, json, bigint, smallint), so one switch serves both.
 */
final class PostgresTypes {

    private static final Pattern LENGTH = Pattern.compile("\\((\\d{1,5})(?:,(\\d{1,3}))?\\)");
    /** format_type's text: {@code character varying(20)}, {@code timestamp(6) with time zone}, {@code integer[]}. */
    private static final Pattern PG_TYPE = Pattern.compile(
            "[a-z][a-z0-9_ ]{0,62}(?:\\(\\d{1,5}(?:,\\d{1,3})?\\))?(?: with(?:out)? time zone)?(?:\\[\\])*");

    private PostgresTypes() {
    }

    /** The PostgreSQL type for a source column; spatial types are refused with a message naming the column. */
    static String of(String table, Column c) {
        String type = c.columnType().toLowerCase(Locale.ROOT);
        boolean unsigned = type.contains("unsigned");
        return switch (c.dataType()) {
            // MySQL / MariaDB: the smallest PostgreSQL integer that holds every value, unsigned ones included
            case "tinyint" -> "smallint";
            case "smallint" -> unsigned ? "integer" : "smallint";
            case "mediumint" -> "integer";
            case "int" -> unsigned ? "bigint" : "integer";
            case "bigint" -> unsigned ? "numeric(20,0)" : "bigint";
            case "decimal" -> "numeric" + length(type);
            case "float" -> "real";
            case "double" -> "double precision";
            case "bit" -> "bit" + length(type);
            case "year" -> "smallint";
            case "datetime" -> "timestamp" + length(type);
            case "timestamp" -> "timestamp" + length(type) + " with time zone";
            case "time" -> "interval" + length(type); // MySQL's TIME is -838:59:59 to 838:59:59; PostgreSQL's 0-24 h
            case "char", "varchar" -> (c.dataType().equals("char") ? "character" : "character varying") + length(type);
            case "tinytext", "mediumtext", "longtext", "enum", "set" -> "text";
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> "bytea";
            case "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
                 "geometrycollection" -> throw new IllegalArgumentException("table " + table + ", column " + c.name()
                    + ": spatial type " + c.columnType() + " has no PostgreSQL counterpart without PostGIS; leave the "
                    + "column out of the table's columns, or sync it to a MySQL target");
            // PostgreSQL (and the names both share): format_type's text is the type
            default -> pgType(table, c);
        };
    }

    private static String pgType(String table, Column c) {
        String type = c.columnType().toLowerCase(Locale.ROOT);
        if (c.dataType().equals("user-defined")) {
            return "text"; // an enum or domain of the source database: its values as text
        }
        if (!PG_TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("table " + table + ", column " + c.name() + ": the source catalog gives "
                    + "the type '" + c.columnType() + "', which is not a column type Tidemark can create in "
                    + "PostgreSQL; create the target table yourself with the type you want");
        }
        return type;
    }

    /**
     * How a fetch reads a PostgreSQL column ({@code quoted}: its quoted name): values whose Java object would shift or
     * not bind elsewhere are read as the server's text. A timestamp as {@code YYYY-MM-DD HH:MI:SS.US}, a
     * {@code timestamptz} as that in UTC (no JVM zone applies; MySQL reads the text back exactly); dates, times,
     * intervals, uuid, JSON, arrays, network and user-defined types as their text. An infinite timestamp stays
     * {@code infinity}, which a MySQL target refuses as a row error (a dead letter), rather than becoming NULL as
     * {@code to_char} alone would make it. Columns of other engines' names are read as they are.
     */
    static String read(Column c, String quoted) {
        String text = switch (c.dataType()) {
            case "timestamp with time zone" -> "CASE WHEN isfinite(" + quoted + ") THEN to_char(" + quoted
                    + " AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') ELSE " + quoted + "::text END";
            case "timestamp without time zone" -> "CASE WHEN isfinite(" + quoted + ") THEN to_char(" + quoted
                    + ", 'YYYY-MM-DD HH24:MI:SS.US') ELSE " + quoted + "::text END";
            case "date", "time without time zone", "time with time zone", "interval", "uuid", "json", "jsonb",
                 "array", "inet", "cidr", "macaddr", "macaddr8", "xml", "user-defined" -> quoted + "::text";
            default -> null;
        };
        return text == null ? quoted : text + " AS " + quoted;
    }

    /** A date/time modifier's value as {@link #read} reads it: timestamps as UTC text with six fractional digits. */
    static String asText(Column modifier, String value) {
        return switch (modifier.dataType()) {
            case "timestamp with time zone" -> "to_char(" + value + " AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')";
            case "timestamp without time zone" -> "to_char(" + value + ", 'YYYY-MM-DD HH24:MI:SS.US')";
            default -> value + "::text";
        };
    }

    /** {@code (6)} or {@code (10,2)} as the column type has it, else nothing. */
    private static String length(String type) {
        Matcher m = LENGTH.matcher(type);
        if (!m.find()) {
            return "";
        }
        return "(" + m.group(1) + (m.group(2) == null ? "" : "," + m.group(2)) + ")";
    }
}
