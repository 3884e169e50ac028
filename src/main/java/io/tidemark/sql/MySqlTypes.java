package io.tidemark.sql;

import io.tidemark.source.Column;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MySQL column type a target table gets for a column read from PostgreSQL (docs/postgresql.md lists the
 * mapping). PostgreSQL's catalog names ({@code information_schema.columns.data_type}) that MySQL's catalog never
 * gives mark such a column; {@code text} without a character set is PostgreSQL's unbounded text. Columns read from
 * MySQL or MariaDB are not this class's business: their type is taken as the catalog gives it.
 */
final class MySqlTypes {

    private static final Pattern LENGTH = Pattern.compile("\\((\\d{1,5})(?:,(\\d{1,3}))?\\)");
    /** The longest utf8mb4 VARCHAR an InnoDB key takes whole (3072 bytes). */
    static final String TEXT_KEY = "varchar(768)";

    private MySqlTypes() {
    }

    /** True for a column whose type is in PostgreSQL's names (point and polygon are MySQL's too: left to it). */
    static boolean fromPostgres(Column c) {
        return switch (c.dataType()) {
            case "integer", "numeric", "boolean", "double precision", "character varying", "character", "bytea", "uuid",
                 "jsonb", "timestamp without time zone", "timestamp with time zone", "time without time zone",
                 "time with time zone", "interval", "array", "user-defined", "inet", "cidr", "macaddr", "macaddr8",
                 "xml", "money", "bit varying", "tsvector", "tsquery", "line", "lseg", "box", "path",
                 "circle", "oid", "pg_lsn", "int4range", "int8range", "numrange", "tsrange", "tstzrange",
                 "daterange" -> true;
            case "text" -> c.charset() == null;
            default -> false;
        };
    }

    /**
     * The MySQL type of a PostgreSQL column; {@code key}: the column is part of the primary key, so an unbounded
     * text becomes the longest VARCHAR a key holds (a longer value is dead-lettered with the server's reason).
     */
    static String of(String table, Column c, boolean key) {
        String type = c.columnType().toLowerCase(Locale.ROOT);
        String length = length(type);
        return switch (c.dataType()) {
            case "integer" -> "int";
            case "numeric" -> length.isEmpty() ? "decimal(65,30)" : "decimal" + length;
            case "boolean" -> "tinyint(1)";
            case "double precision" -> "double";
            case "character varying" -> length.isEmpty() ? (key ? TEXT_KEY : "longtext") : "varchar" + length;
            case "character" -> "char" + length;
            case "text", "user-defined" -> key ? TEXT_KEY : "longtext";
            case "bytea" -> key ? "varbinary(3072)" : "longblob";
            case "uuid" -> "char(36)";
            case "jsonb" -> "json";
            // MySQL's TIMESTAMP ends in 2038: an instant is kept as its UTC time in a DATETIME
            case "timestamp without time zone", "timestamp with time zone" -> "datetime" + (length.isEmpty() ? "(6)"
                    : length);
            case "time without time zone" -> "time" + (length.isEmpty() ? "(6)" : length);
            case "time with time zone", "interval" -> "varchar(64)"; // as PostgreSQL writes them
            case "array", "xml" -> "longtext"; // as PostgreSQL writes it: {1,2,3}
            case "inet", "cidr", "macaddr", "macaddr8" -> "varchar(64)";
            default -> throw new IllegalArgumentException("table " + table + ", column " + c.name() + ": PostgreSQL "
                    + "type " + c.columnType() + " has no MySQL counterpart here; leave the column out of the table's "
                    + "columns, or create the target table yourself");
        };
    }

    private static String length(String type) {
        Matcher m = LENGTH.matcher(type);
        return m.find() ? "(" + m.group(1) + (m.group(2) == null ? "" : "," + m.group(2)) + ")" : "";
    }
}
