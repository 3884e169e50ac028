package io.tidemark.sql;

import io.tidemark.source.Column;
import io.tidemark.source.TableShape;
import io.tidemark.sql.mysql.MySqlCatalogSql;
import io.tidemark.sql.mysql.MySqlClusterSql;
import io.tidemark.sql.mysql.MySqlLoadData;
import io.tidemark.sql.mysql.MySqlStoreSql;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The dialect of MySQL 8.0 and MariaDB 10.6+ (one syntax works on both). */
public final class MySqlDialect implements Dialect {

    /** Unicode collations by strength, as MySQL ({@code 0900}) and MariaDB ({@code uca1400}) name them. */
    private static final Pattern UCA = Pattern.compile("(\\w+?)_(?:0900|uca1400|uca1400_nopad)_(ai_ci|as_ci|as_cs)");
    private static final Pattern NO_PAD_BIN = Pattern.compile("(\\w+?)_(?:0900_bin|nopad_bin)");

    private final StoreSql store = new MySqlStoreSql(this);
    private final CatalogSql catalog = new MySqlCatalogSql(this);
    private final ClusterSql cluster = new MySqlClusterSql();

    @Override
    public StoreSql store() {
        return store;
    }

    @Override
    public CatalogSql catalog() {
        return catalog;
    }

    @Override
    public ClusterSql cluster() {
        return cluster;
    }

    @Override
    public String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /**
     * The clock bound keeps a run from racing writers: rows are read only up to the source's own "now", so a
     * row stamped in the future (clock skew, or a value set by hand) waits until its time comes instead of
     * dragging the watermark past rows still being written. Sessions run in UTC, so TIMESTAMP values are
     * compared in UTC; DATETIME values carry the server's wall clock, so the bound is the server's global
     * zone's "now". Numeric modifiers (version counters) have no clock: their bound is the highest value
     * at the start of the run. The third column is the highest modifier present at or below the bound: a first
     * load or resync that starts now ends there, so rows written later above it are read (ties with a larger
     * key, back-dated rows), which the clock reading itself would skip.
     */
    @Override
    public String clock(String table, Column modifier) {
        String bound = switch (modifier.dataType()) {
            case "timestamp" -> "UTC_TIMESTAMP(6)";
            case "datetime" -> "CONVERT_TZ(UTC_TIMESTAMP(6), '+00:00', @@global.time_zone)";
            case "date" -> "DATE(CONVERT_TZ(UTC_TIMESTAMP(6), '+00:00', @@global.time_zone))";
            default -> "(SELECT MAX(" + quote(modifier.name()) + ") FROM " + quote(table) + ")";
        };
        String invisible = modifier.nullable()
                ? "(SELECT COUNT(*) FROM " + quote(table) + " WHERE " + quote(modifier.name()) + " IS NULL)"
                : "0";
        // The mark a copy starting now ends at: the highest value present up to the clock (a number's bound is that)
        String mark = bound.startsWith("(SELECT MAX(") ? bound : "(SELECT MAX(" + quote(modifier.name()) + ") FROM "
                + quote(table) + " WHERE " + quote(modifier.name()) + " <= " + bound + ")";
        return "SELECT " + bound + ", " + invisible + ", " + mark;
    }

    /**
     * Keyset paging on (modifier, key). Worked example, modifier m, key id, batch size 2:
     * <pre>
     *   rows: (m=10,id=1) (m=10,id=2) (m=10,id=3) (m=11,id=4)
     *   page 1: m >= 10                                  -> (10,1) (10,2)   position (10,2)
     *   page 2: m > 10 OR (m = 10 AND id > 2)            -> (10,3) (11,4)   position (11,4)
     * </pre>
     * With {@code m > 10} alone page 2 would skip (10,3): rows sharing a modifier value across a page
     * boundary are exactly where timestamp-only sync tools lose data. The OR form is a range scan on an
     * index (m) or (m, id); the row-constructor form {@code (m, id) > (?, ?)} is a full index scan on MariaDB.
     */
    @Override
    public String changedRows(String table, List<Column> columns, Column modifier, List<Column> key, From from,
                              boolean bounded, String filter) {
        String m = quote(modifier.name());
        String where = switch (from) {
            case START -> m + " IS NOT NULL";
            case VALUE -> m + " >= ?";
            case POSITION -> "(" + m + " > ? OR (" + m + " = ? AND (" + after(key, 0) + ")))";
        };
        if (bounded) {
            where += " AND " + m + " <= ?";
        }
        return "SELECT " + selectList(columns) + " FROM " + quote(table) + " WHERE " + filtered(filter) + where
                + " ORDER BY " + m + ", " + list(key) + " LIMIT ?";
    }

    /** {@code k1 > ? OR (k1 = ? AND (k2 > ? OR (k2 = ? AND k3 > ?)))}: parameters k1, k1, k2, k2, k3. */
    private String after(List<Column> key, int i) {
        String k = quote(key.get(i).name());
        return i == key.size() - 1 ? k + " > ?" : k + " > ? OR (" + k + " = ? AND (" + after(key, i + 1) + "))";
    }

    @Override
    public String keyPage(String table, List<Column> columns, List<Column> key, boolean afterKey, String filter) {
        String where = filter == null ? (afterKey ? after(key, 0) : null)
                : afterKey ? filtered(filter) + "(" + after(key, 0) + ")" : "(" + filter + ")";
        return "SELECT " + selectList(columns) + " FROM " + quote(table) + (where == null ? "" : " WHERE " + where)
                + " ORDER BY " + list(key) + " LIMIT ?";
    }

    @Override
    public String rowByKey(String table, List<Column> columns, List<Column> key, String filter) {
        return "SELECT " + selectList(columns) + " FROM " + quote(table) + " WHERE " + filtered(filter)
                + key.stream().map(k -> quote(k.name()) + " = ?").collect(Collectors.joining(" AND "));
    }

    @Override
    public String filterProbe(String table, String filter) {
        return "SELECT 1 FROM " + quote(table) + " WHERE (" + filter + ") LIMIT 0";
    }

    /**
     * A table's row filter ({@code where}, written by the operator in the tables file) before the keyset condition:
     * {@code (tenant_id = 42) AND <keyset>}. In parentheses, so that an OR in it cannot escape; the keyset part
     * keeps its form, so paging stays tie-safe, and an index on (filter columns, modifier, key) serves both.
     */
    private static String filtered(String filter) {
        return filter == null ? "" : "(" + filter + ") AND ";
    }

    /**
     * The load id changes only when the row's content does: a row re-read unchanged (the lag window) keeps
     * its load id and counts as 0 affected rows. MySQL evaluates assignments left to right, so the load id
     * is compared against the old values before they are overwritten. {@code VALUES(c)} works on MySQL 8.0
     * and MariaDB alike (MySQL's row alias does not exist on MariaDB).
     */
    @Override
    public String upsert(String table, List<Column> columns, List<String> key, String loadIdColumn,
                         String rowIdColumn) {
        return upsert(table, columns, key, List.of(loadIdColumn, rowIdColumn), loadIdColumn);
    }

    /**
     * A version keyed on the source key and its start: the same row read again (a lag window, a batch written
     * again after a crash) with the same modifier value finds its version and updates it in place (no new version).
     */
    @Override
    public String versionUpsert(String table, List<Column> columns, List<String> key, String loadIdColumn,
                                String rowIdColumn, String validFromColumn) {
        List<String> versionKey = new ArrayList<>(key);
        versionKey.add(validFromColumn);
        return upsert(table, columns, versionKey, List.of(loadIdColumn, rowIdColumn, validFromColumn), loadIdColumn);
    }

    /**
     * Only an open version that began before the new one is closed: run again for the same row (a retried batch, a
     * re-read) it finds the new version open and nothing older open, and changes nothing.
     */
    @Override
    public String closeVersion(String table, List<String> key, String validFromColumn, String validToColumn) {
        return "UPDATE " + quote(table) + " SET " + quote(validToColumn) + " = ? WHERE "
                + key.stream().map(k -> quote(k) + " = ?").collect(Collectors.joining(" AND ")) + " AND "
                + quote(validToColumn) + " IS NULL AND " + quote(validFromColumn) + " < ?";
    }

    /** Never before the version's own start, so that a version never ends before it begins. */
    @Override
    public String closeCurrentVersion(String table, List<String> key, String validFromColumn, String validToColumn) {
        return "UPDATE " + quote(table) + " SET " + quote(validToColumn) + " = COALESCE(GREATEST("
                + quote(validFromColumn) + ", ?), " + quote(validFromColumn) + ") WHERE "
                + key.stream().map(k -> quote(k) + " = ?").collect(Collectors.joining(" AND ")) + " AND "
                + quote(validToColumn) + " IS NULL";
    }

    @Override
    public String highestModifier(String table, Column modifier) {
        return "SELECT CAST(MAX(" + quote(modifier.name()) + ") AS CHAR) FROM " + quote(table);
    }

    private String upsert(String table, List<Column> columns, List<String> key, List<String> lineage,
                          String loadIdColumn) {
        List<String> names = new ArrayList<>(columns.stream().map(Column::name).toList());
        names.addAll(lineage);
        String unchanged = columns.stream().map(c -> quote(c.name()) + " <=> VALUES(" + quote(c.name()) + ")")
                .collect(Collectors.joining(" AND "));
        List<String> updates = new ArrayList<>();
        updates.add(quote(loadIdColumn) + " = IF(" + unchanged + ", " + quote(loadIdColumn) + ", VALUES("
                + quote(loadIdColumn) + "))");
        columns.stream().map(Column::name).filter(n -> !key.contains(n))
                .forEach(n -> updates.add(quote(n) + " = VALUES(" + quote(n) + ")"));
        return "INSERT INTO " + quote(table) + " (" + names.stream().map(this::quote).collect(Collectors.joining(", "))
                + ") VALUES (" + String.join(", ", java.util.Collections.nCopies(names.size(), "?"))
                + ") ON DUPLICATE KEY UPDATE " + String.join(", ", updates);
    }

    @Override
    public String createTable(String table, TableShape source, String loadIdColumn, String rowIdColumn) {
        List<String> parts = new ArrayList<>();
        source.columns().forEach(c -> parts.add(MySqlTypes.fromPostgres(c)
                ? quote(c.name()) + " " + MySqlTypes.of(table, c, source.primaryKey().contains(c.name()))
                + (c.nullable() ? " NULL" : " NOT NULL") : definition(table, c)));
        parts.add(quote(loadIdColumn) + " VARCHAR(64) NOT NULL");
        parts.add(quote(rowIdColumn) + " VARCHAR(128) NOT NULL");
        parts.add("PRIMARY KEY (" + source.primaryKey().stream().map(this::quote).collect(Collectors.joining(", "))
                + ")");
        return "CREATE TABLE " + quote(table) + " (\n  " + String.join(",\n  ", parts) + "\n)";
    }

    @Override
    public String addColumn(String table, Column column) {
        return "ALTER TABLE " + quote(table) + " ADD COLUMN " + definition(table, column);
    }

    @Override
    public String addLineageColumn(String table, String column, int length) {
        return "ALTER TABLE " + quote(table) + " ADD COLUMN " + quote(column) + " VARCHAR(" + length
                + ") NOT NULL DEFAULT ''";
    }

    @Override
    public String anyRow(String table) {
        return "SELECT 1 FROM " + quote(table) + " LIMIT 1";
    }

    /** {@code LOAD DATA LOCAL INFILE} of a stream the driver sends from memory (see {@link MySqlLoadData}). */
    @Override
    public String bulkLoad(String table, List<Column> columns, String loadIdColumn, String rowIdColumn) {
        return MySqlLoadData.statement(this, table, columns, loadIdColumn, rowIdColumn);
    }

    @Override
    public String modifyColumn(String table, Column column) {
        return "ALTER TABLE " + quote(table) + " MODIFY COLUMN " + definition(table, column);
    }

    /**
     * A column as the source defines it; defaults are left out because Tidemark writes every column. No collation
     * means the character set's default (the target knows none close to the source's, see {@link #collations}).
     * The catalog's text (type, character set, collation, expression) is checked first (see {@link DdlText}).
     */
    String definition(String table, Column c) {
        if (MySqlTypes.fromPostgres(c)) {
            return quote(c.name()) + " " + MySqlTypes.of(table, c, false) + (c.nullable() ? " NULL" : " NOT NULL");
        }
        StringBuilder sql = new StringBuilder(quote(c.name())).append(' ')
                .append(DdlText.type(table, c.name(), c.columnType()));
        if (c.srid() != null) {
            sql.append(" SRID ").append(c.srid());
        }
        if (c.charset() != null) {
            sql.append(" CHARACTER SET ").append(DdlText.name(table, c.name(), "character set", c.charset()));
            if (c.collation() != null) {
                sql.append(" COLLATE ").append(DdlText.name(table, c.name(), "collation", c.collation()));
            }
        }
        if (c.generated()) {
            sql.append(" GENERATED ALWAYS AS (").append(DdlText.expression(table, c.name(), c.generation()))
                    .append(c.stored() ? ") STORED" : ") VIRTUAL");
        }
        if (!c.generated()) { // MariaDB rejects NULL/NOT NULL on a generated column
            sql.append(c.nullable() ? " NULL" : " NOT NULL");
        }
        return sql.toString();
    }

    @Override
    public String createLike(String table, String like) {
        return "CREATE TABLE " + quote(table) + " LIKE " + quote(like);
    }

    @Override
    public String swap(String table, String staging, String retired) {
        return "RENAME TABLE " + quote(table) + " TO " + quote(retired) + ", " + quote(staging) + " TO " + quote(table);
    }

    @Override
    public String dropIfExists(String table) {
        return "DROP TABLE IF EXISTS " + quote(table);
    }

    /** information_schema names the grantee 'user'@'host'; CURRENT_USER() says user@host. */
    private static final String GRANTEE = "CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', "
            + "SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')";

    @Override
    public String privileges() {
        return "SELECT PRIVILEGE_TYPE, NULL, NULL FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = " + GRANTEE
                + " UNION ALL SELECT PRIVILEGE_TYPE, TABLE_SCHEMA, NULL FROM information_schema.SCHEMA_PRIVILEGES "
                + "WHERE GRANTEE = " + GRANTEE
                + " UNION ALL SELECT PRIVILEGE_TYPE, TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLE_PRIVILEGES "
                + "WHERE GRANTEE = " + GRANTEE;
    }

    @Override
    public String roles() {
        return "SELECT COUNT(*) FROM information_schema.APPLICABLE_ROLES";
    }

    /**
     * The collation, then its nearest equivalents under the names the other servers use: MySQL 8.0 calls its
     * UCA 9.0.0 collations {@code *_0900_*} (NO PAD), MariaDB 10.10+ has UCA 14.0.0 as {@code *_uca1400_nopad_*}
     * and {@code *_uca1400_*} (PAD SPACE; 11.4.5 also accepts MySQL's names, 10.11 does not), MariaDB 10.6-10.9
     * neither, only {@code *_unicode_520_*} and {@code *_nopad_bin}. NO PAD first where the source has it: it
     * decides whether 'a' and 'a ' are one key or two.
     */
    @Override
    public List<String> collations(String collation) {
        List<String> names = new ArrayList<>(List.of(collation));
        Matcher uca = UCA.matcher(collation);
        Matcher bin = NO_PAD_BIN.matcher(collation);
        if (uca.matches()) {
            String charset = uca.group(1);
            String strength = uca.group(2);
            names.addAll(List.of(charset + "_0900_" + strength, charset + "_uca1400_nopad_" + strength,
                    charset + "_uca1400_" + strength));
            names.addAll(strength.equals("as_cs") ? List.of(charset + "_nopad_bin", charset + "_bin")
                    : List.of(charset + "_unicode_520_nopad_ci", charset + "_unicode_520_ci"));
        } else if (bin.matches()) {
            names.addAll(List.of(bin.group(1) + "_0900_bin", bin.group(1) + "_nopad_bin", bin.group(1) + "_bin"));
        } else if (collation.endsWith("_general_nopad_ci")) {
            names.add(collation.replace("_general_nopad_ci", "_general_ci"));
        }
        return names.stream().distinct().toList();
    }

    /**
     * Each column rendered as text the server derives from the stored value, the same on MySQL 8.0 and MariaDB and
     * in any session zone (sessions run in UTC, so a TIMESTAMP is its UTC text): FLOAT widened to DOUBLE (its own
     * text has 6 digits), a DOUBLE zero as {@code 0} (MariaDB 10.11 stores -0 as 0, so the sign of a zero is not
     * compared), BIT as a number, ENUM and SET as their bytes and index, text, binary, JSON and spatial values as
     * the hex of their bytes, everything else (numbers, DECIMAL, dates and times) as CONCAT renders it. NULL is
     * {@code N}, which no rendering produces; the separator {@code |} appears in none either.
     */
    @Override
    public String rowHash(List<Column> columns) {
        return columns.isEmpty() ? "'-'" : "MD5(CONCAT_WS('|', " + columns.stream().map(c -> "IFNULL(" + rendered(c)
                + ", 'N')").collect(Collectors.joining(", ")) + "))";
    }

    @Override
    public String verifyText(Column column) { // FLOAT as the sync reads it: its own text has 6 digits
        return column.dataType().equals("float") ? "CAST(" + quote(column.name()) + " AS DOUBLE)" : quote(column.name());
    }

    private String rendered(Column column) {
        String c = quote(column.name());
        return switch (column.dataType()) {
            case "float" -> "CONCAT(CAST(" + c + " AS DOUBLE))";
            case "double", "real" -> "IF(" + c + " = 0, '0', CONCAT(" + c + "))";
            case "bit" -> "CONCAT(" + c + " + 0)";
            case "enum", "set" -> "CONCAT(HEX(" + c + "), '#', " + c + " + 0)";
            case "json" -> "HEX(CAST(" + c + " AS CHAR CHARACTER SET utf8mb4))";
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "numeric", "year", "date",
                 "time", "datetime", "timestamp" -> "CONCAT(" + c + ")";
            default -> "HEX(" + c + ")"; // text, binary, spatial
        };
    }

    @Override
    public String checksum(String table, List<Column> hashed, List<Column> key, boolean after, boolean upTo,
                           String live, String where) {
        return "SELECT COUNT(*), COALESCE(BIT_XOR(CAST(CONV(LEFT(" + rowHash(hashed) + ", 16), 16, 10) AS UNSIGNED)), 0)"
                + " FROM " + quote(table) + range(key, after, upTo, live, where);
    }

    @Override
    public String rowHashes(String table, List<Column> hashed, List<Column> key, List<Column> extra, boolean after,
                            boolean upTo, String live, String where) {
        StringBuilder select = new StringBuilder("SELECT ").append(list(key)).append(", ").append(rowHash(hashed));
        extra.forEach(c -> select.append(", ").append(verifyText(c)));
        return select + " FROM " + quote(table) + range(key, after, upTo, live, where) + " ORDER BY " + list(key);
    }

    @Override
    public String keyAt(String table, List<Column> key, boolean after, boolean upTo, String live,
                        String where) {
        return "SELECT " + list(key) + " FROM " + quote(table) + range(key, after, upTo, live, where)
                + " ORDER BY " + list(key) + " LIMIT 1 OFFSET ?";
    }

    @Override
    public String deleteByKey(String table, List<Column> key) {
        return "DELETE FROM " + quote(table) + " WHERE " + byKey(key);
    }

    @Override
    public String markByKey(String table, String column, List<Column> key) {
        return "UPDATE " + quote(table) + " SET " + quote(column) + " = ? WHERE " + byKey(key);
    }

    private String byKey(List<Column> key) {
        return key.stream().map(k -> quote(k.name()) + " = ?").collect(Collectors.joining(" AND "));
    }

    /**
     * A key range: after a key (exclusive, see {@link #after}) and up to a key (inclusive, the mirror image:
     * {@code k1 < ? OR (k1 = ? AND k2 <= ?)}), both range scans on the primary key; the table's row filter first
     * (see {@link #filtered}).
     */
    private String range(List<Column> key, boolean after, boolean upTo, String live, String where) {
        List<String> conditions = new ArrayList<>();
        if (where != null) {
            conditions.add("(" + where + ")");
        }
        if (after) {
            conditions.add("(" + after(key, 0) + ")");
        }
        if (upTo) {
            conditions.add("(" + upTo(key, 0) + ")");
        }
        if (live != null) {
            conditions.add(quote(live) + " IS NULL");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private String upTo(List<Column> key, int i) {
        String k = quote(key.get(i).name());
        return i == key.size() - 1 ? k + " <= ?" : k + " < ? OR (" + k + " = ? AND (" + upTo(key, i + 1) + "))";
    }

    /**
     * The select list of a fetch. A FLOAT is read as DOUBLE: the server prints a FLOAT with 6 significant digits
     * (16777217 comes back as 16777200), a DOUBLE with the shortest digits that read back to the same bits, and
     * a DOUBLE written to a FLOAT column is that FLOAT again.
     */
    @Override
    public String selectList(List<Column> columns) {
        return columns.stream().map(c -> c.dataType().equals("float")
                ? "CAST(" + quote(c.name()) + " AS DOUBLE) AS " + quote(c.name()) : quote(c.name()))
                .collect(Collectors.joining(", "));
    }

    private String list(List<Column> columns) {
        return columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
    }
}
