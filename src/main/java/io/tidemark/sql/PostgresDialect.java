package io.tidemark.sql;

import io.tidemark.source.Column;
import io.tidemark.source.TableShape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The dialect of PostgreSQL 15 (PgJDBC). Every identifier is quoted, so names keep their case exactly: a table
 * created unquoted as {@code Orders} is {@code orders} in the catalog, which is the name to configure (the catalog
 * query {@link #catalogColumns} also finds it by the folded name). A table may be named {@code schema.table};
 * without a schema it is in the connection's current schema ({@code public}, or the URL's {@code currentSchema}).
 */
public final class PostgresDialect implements Dialect {

    /**
     * Compared as their text in the upsert's "changed?" test: types without an equality operator, and numbers whose
     * equality calls different values equal (-0 = 0 in float, 1.5 = 1.50 in numeric), so a change would be skipped.
     */
    private static final Set<String> NO_EQUALITY = Set.of("json", "xml", "point", "line", "lseg", "box", "path",
            "polygon", "circle", "double precision", "real", "numeric", "double", "float", "decimal");

    @Override
    public String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A table name as SQL: {@code "schema"."table"} when it names a schema, else {@code "table"}. */
    public String table(String table) {
        int dot = table.indexOf('.');
        return dot < 0 ? quote(table) : quote(table.substring(0, dot)) + "." + quote(table.substring(dot + 1));
    }

    /**
     * The bound of a run: {@code clock_timestamp()}, the time of the query ({@code now()} is the transaction's start),
     * read once; a {@code timestamp} (without zone) is the session's wall clock in UTC ({@link #sessionSetup}), so such
     * a modifier must hold UTC times. Numeric modifiers: the highest value. The third column is the highest modifier
     * up to the bound (see {@link MySqlDialect#clock}); both as fetches read values, so lag and the last tick apply.
     */
    @Override
    public String clock(String table, Column modifier) {
        String m = quote(modifier.name());
        String now = switch (modifier.dataType()) {
            case "timestamp with time zone" -> "clock_timestamp()";
            case "timestamp without time zone" -> "CAST(clock_timestamp() AS timestamp(6))";
            case "date" -> "CAST(clock_timestamp() AS date)";
            default -> null;
        };
        String invisible = modifier.nullable()
                ? "(SELECT COUNT(*) FROM " + table(table) + " WHERE " + m + " IS NULL)" : "0";
        if (now == null) {
            String highest = "(SELECT MAX(" + m + ") FROM " + table(table) + ")";
            return "SELECT " + highest + ", " + invisible + ", " + highest;
        }
        String mark = "(SELECT MAX(" + m + ") FROM " + table(table) + " WHERE " + m + " <= clock.bound)";
        return "SELECT " + PostgresTypes.asText(modifier, "clock.bound") + ", " + invisible + ", "
                + PostgresTypes.asText(modifier, mark) + " FROM (SELECT " + now + " AS bound) clock";
    }

    /**
     * Keyset paging on (modifier, key), tie-safe like {@link MySqlDialect#changedRows} (its worked example holds),
     * but as a row comparison: {@code m >= ? AND (m, k) > (?, ?)}. PostgreSQL turns a row comparison into an index
     * condition on an index (m, k), a range scan starting at the position; the OR form
     * {@code m > ? OR (m = ? AND k > ?)} that MySQL ranges on is, on PostgreSQL, a scan of the whole index from its
     * start with a filter (PostgresDialectIT checks both plans). The leading {@code m >= ?} serves an index on m alone.
     * Parameters: m, m, then the key ({@link #afterKey}: k1, ..., kn, each once).
     */
    @Override
    public String changedRows(String table, List<Column> columns, Column modifier, List<Column> key, From from,
                              boolean bounded, String filter) {
        String m = quote(modifier.name());
        String where = switch (from) {
            case START -> m + " IS NOT NULL";
            case VALUE -> m + " >= ?";
            case POSITION -> m + " >= ? AND (" + m + ", " + list(key) + ") > (?, " + marks(key.size()) + ")";
        };
        if (bounded) {
            where += " AND " + m + " <= ?";
        }
        return "SELECT " + selectList(columns) + " FROM " + table(table) + " WHERE " + filtered(filter) + where
                + " ORDER BY " + sortedBy(table, modifier, key) + " LIMIT ?";
    }

    /** The row comparison binds each key column once: k1, ..., kn. */
    @Override
    public List<Object> afterKey(List<Object> key) {
        return List.copyOf(key);
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private String afterRow(List<Column> key) {
        return "(" + list(key) + ") > (" + marks(key.size()) + ")";
    }

    private String after(List<Column> key, int i) {
        String k = quote(key.get(i).name());
        return i == key.size() - 1 ? k + " > ?" : k + " > ? OR (" + k + " = ? AND (" + after(key, i + 1) + "))";
    }

    private String upTo(List<Column> key, int i) {
        String k = quote(key.get(i).name());
        return i == key.size() - 1 ? k + " <= ?" : k + " < ? OR (" + k + " = ? AND (" + upTo(key, i + 1) + "))";
    }

    private static String filtered(String filter) {
        return filter == null ? "" : "(" + filter + ") AND ";
    }

    @Override
    public String keyPage(String table, List<Column> columns, List<Column> key, boolean afterKey, String filter) {
        String where = filter == null ? (afterKey ? afterRow(key) : null)
                : afterKey ? filtered(filter) + afterRow(key) : "(" + filter + ")";
        return "SELECT " + selectList(columns) + " FROM " + table(table) + (where == null ? "" : " WHERE " + where)
                + " ORDER BY " + sortedBy(table, null, key) + " LIMIT ?";
    }

    /**
     * ORDER BY the table's own columns, qualified: an unqualified name would be the select list's column of that name,
     * which may be the value's text ({@link PostgresTypes#read}), sorted as text and by no index.
     */
    private String sortedBy(String table, Column modifier, List<Column> key) {
        List<Column> order = new ArrayList<>(key);
        if (modifier != null) {
            order.add(0, modifier);
        }
        return order.stream().map(c -> table(table) + "." + quote(c.name())).collect(Collectors.joining(", "));
    }

    @Override
    public String rowByKey(String table, List<Column> columns, List<Column> key, String filter) {
        return "SELECT " + selectList(columns) + " FROM " + table(table) + " WHERE " + filtered(filter)
                + byKey(key);
    }

    @Override
    public String filterProbe(String table, String filter) {
        return "SELECT 1 FROM " + table(table) + " WHERE (" + filter + ") LIMIT 0";
    }

    /**
     * {@code INSERT ... ON CONFLICT (key) DO UPDATE}, only where a column differs ({@code IS DISTINCT FROM},
     * NULL-safe):
     * a row re-read unchanged keeps its load id and counts 0 rows; a new row counts 1, a changed row 1 (MySQL
     * counts 2). A table of key columns only has nothing to update: {@code DO NOTHING}. The row id is never updated.
     */
    @Override
    public String upsert(String table, List<Column> columns, List<String> key, String loadIdColumn,
                         String rowIdColumn) {
        return upsert(table, columns, key, List.of(loadIdColumn, rowIdColumn), loadIdColumn);
    }

    /** A version keyed on the source key and its start: the same row read again updates its version in place. */
    @Override
    public String versionUpsert(String table, List<Column> columns, List<String> key, String loadIdColumn,
                                String rowIdColumn, String validFromColumn) {
        List<String> versionKey = new ArrayList<>(key);
        versionKey.add(validFromColumn);
        return upsert(table, columns, versionKey, List.of(loadIdColumn, rowIdColumn, validFromColumn), loadIdColumn);
    }

    /** Only an open version that began before the new one is closed, so a rerun changes nothing. */
    @Override
    public String closeVersion(String table, List<String> key, String validFromColumn, String validToColumn) {
        return "UPDATE " + table(table) + " SET " + quote(validToColumn) + " = ? WHERE " + byNames(key) + " AND "
                + quote(validToColumn) + " IS NULL AND " + quote(validFromColumn) + " < ?";
    }

    /** Never before the version's own start, so that a version never ends before it begins. */
    @Override
    public String closeCurrentVersion(String table, List<String> key, String validFromColumn, String validToColumn) {
        return "UPDATE " + table(table) + " SET " + quote(validToColumn) + " = COALESCE(GREATEST("
                + quote(validFromColumn) + ", ?), " + quote(validFromColumn) + ") WHERE " + byNames(key) + " AND "
                + quote(validToColumn) + " IS NULL";
    }

    @Override
    public String highestModifier(String table, Column modifier) {
        return "SELECT MAX(" + quote(modifier.name()) + ")::text FROM " + table(table);
    }

    private String byNames(List<String> key) {
        return key.stream().map(k -> quote(k) + " = ?").collect(Collectors.joining(" AND "));
    }

    private String upsert(String table, List<Column> columns, List<String> key, List<String> lineage,
                          String loadIdColumn) {
        List<String> names = new ArrayList<>(columns.stream().map(Column::name).toList());
        names.addAll(lineage);
        String insert = "INSERT INTO " + table(table) + " AS t (" + names.stream().map(this::quote)
                .collect(Collectors.joining(", ")) + ") VALUES (" + columns.stream().map(this::parameter)
                .collect(Collectors.joining(", ")) + ", " + marks(lineage.size()) + ") ON CONFLICT ("
                + key.stream().map(this::quote).collect(Collectors.joining(", ")) + ")";
        List<Column> values = columns.stream().filter(c -> !key.contains(c.name())).toList();
        if (values.isEmpty()) {
            return insert + " DO NOTHING";
        }
        List<String> updates = new ArrayList<>();
        updates.add(quote(loadIdColumn) + " = EXCLUDED." + quote(loadIdColumn));
        values.forEach(c -> updates.add(quote(c.name()) + " = EXCLUDED." + quote(c.name())));
        String changed = values.stream().map(c -> comparable("t." + quote(c.name()), c) + " IS DISTINCT FROM "
                + comparable("EXCLUDED." + quote(c.name()), c)).collect(Collectors.joining(" OR "));
        return insert + " DO UPDATE SET " + String.join(", ", updates) + " WHERE " + changed;
    }

    /**
     * A value's placeholder. Connector/J reads a MySQL BIT(1) as a Boolean and a wider BIT as its bytes, neither of
     * which PostgreSQL casts to {@code bit(n)} by itself: a Boolean goes through integer, bytes through their hex as a
     * 64-bit number, whose rightmost n bits are the value (MySQL right-aligns a BIT in its bytes).
     */
    private String parameter(Column c) {
        if (!c.dataType().equals("bit")) {
            return "?";
        }
        String type = PostgresTypes.of("", c);
        return type.equals("bit(1)") || type.equals("bit") ? "CAST(CAST(? AS integer) AS bit(1))"
                : "CAST(CAST(CAST('x' || lpad(encode(?, 'hex'), 16, '0') AS bit(64)) AS bigint) AS " + type + ")";
    }

    private static String comparable(String expression, Column c) {
        return NO_EQUALITY.contains(c.dataType()) ? expression + "::text" : expression;
    }

    /**
     * The target table: each source column with its PostgreSQL type ({@link PostgresTypes}), the lineage columns,
     * the source's key. Generated columns are left out: their expressions are written for the source's engine.
     */
    @Override
    public String createTable(String table, TableShape source, String loadIdColumn, String rowIdColumn) {
        List<String> parts = new ArrayList<>();
        source.columns().stream().filter(c -> !c.generated()).forEach(c -> parts.add(definition(table, c)));
        parts.add(quote(loadIdColumn) + " character varying(64) NOT NULL");
        parts.add(quote(rowIdColumn) + " character varying(128) NOT NULL");
        parts.add("PRIMARY KEY (" + source.primaryKey().stream().map(this::quote).collect(Collectors.joining(", "))
                + ")");
        return "CREATE TABLE " + table(table) + " (\n  " + String.join(",\n  ", parts) + "\n)";
    }

    String definition(String table, Column c) {
        return quote(c.name()) + " " + PostgresTypes.of(table, c) + (c.nullable() ? " NULL" : " NOT NULL");
    }

    /** PostgreSQL columns take the database's collation here: no source collation is carried over. */
    @Override
    public List<String> collations(String collation) {
        return List.of();
    }

    @Override
    public String addColumn(String table, Column column) {
        return "ALTER TABLE " + table(table) + " ADD COLUMN " + definition(table, column);
    }

    /** Widens a column: its new type, then its nullability, in one statement. */
    @Override
    public String modifyColumn(String table, Column column) {
        String c = quote(column.name());
        String type = PostgresTypes.of(table, column);
        return "ALTER TABLE " + table(table) + " ALTER COLUMN " + c + " TYPE " + type + " USING " + c + "::" + type
                + ", ALTER COLUMN " + c + (column.nullable() ? " DROP NOT NULL" : " SET NOT NULL");
    }

    @Override
    public String createLike(String table, String like) {
        return "CREATE TABLE " + table(table) + " (LIKE " + table(like) + " INCLUDING ALL)";
    }

    /**
     * Two renames in one transaction: PostgreSQL's DDL is transactional, so readers see the old table until the
     * commit and the new one after it, never neither. PgJDBC sends both statements before one Sync, which the server
     * runs as one implicit transaction when the connection is in autocommit; inside a transaction they are part of it.
     * The new name of a table in a schema takes no schema ({@code ALTER TABLE s.t RENAME TO u} keeps it in s).
     */
    @Override
    public String swap(String table, String staging, String retired) {
        return "ALTER TABLE " + table(table) + " RENAME TO " + quote(bare(retired)) + "; ALTER TABLE "
                + table(staging) + " RENAME TO " + quote(bare(table));
    }

    private static String bare(String table) {
        return table.substring(table.indexOf('.') + 1);
    }

    @Override
    public String dropIfExists(String table) {
        return "DROP TABLE IF EXISTS " + table(table);
    }

    /**
     * One row's hash, PostgreSQL's own rendering: {@code md5} over each column's text as a quoted literal, NULL as
     * {@code NULL} ({@code quote_nullable}), so neither a text {@code 'N'} nor a {@code |} in a value makes two rows
     * alike; equal between two PostgreSQL servers. Across engines the renderings differ (numbers, times, binaries): there the
     * verifier hashes every column itself, from {@link #verifyText} (io.tidemark.verify.Canonical).
     */
    @Override
    public String rowHash(List<Column> columns) {
        return columns.isEmpty() ? "'-'" : "md5(concat_ws('|', " + columns.stream()
                .map(c -> "quote_nullable(" + quote(c.name()) + "::text)").collect(Collectors.joining(", ")) + "))";
    }

    @Override
    public String verifyText(Column column) {
        return quote(column.name()) + "::text";
    }

    /** The first 64 bits of each hash as a signed bigint, XORed ({@code bit_xor}, PostgreSQL 14+). */
    @Override
    public String checksum(String table, List<Column> hashed, List<Column> key, boolean after, boolean upTo,
                           String live, String where) {
        return "SELECT COUNT(*), COALESCE(bit_xor(('x' || left(" + rowHash(hashed) + ", 16))::bit(64)::bigint), 0)"
                + " FROM " + table(table) + range(key, after, upTo, live, where);
    }

    @Override
    public String rowHashes(String table, List<Column> hashed, List<Column> key, List<Column> extra, boolean after,
                            boolean upTo, String live, String where) {
        StringBuilder select = new StringBuilder("SELECT ").append(list(key)).append(", ").append(rowHash(hashed));
        extra.forEach(c -> select.append(", ").append(verifyText(c)));
        return select + " FROM " + table(table) + range(key, after, upTo, live, where) + " ORDER BY "
                + sortedBy(table, null, key);
    }

    @Override
    public String keyAt(String table, List<Column> key, boolean after, boolean upTo, String live,
                        String where) {
        return "SELECT " + list(key) + " FROM " + table(table) + range(key, after, upTo, live, where)
                + " ORDER BY " + list(key) + " LIMIT 1 OFFSET ?";
    }

    @Override
    public String tableName(String table) {
        return table(table);
    }

    @Override
    public String deleteByKey(String table, List<Column> key) {
        return "DELETE FROM " + table(table) + " WHERE " + byKey(key);
    }

    @Override
    public String markByKey(String table, String column, List<Column> key) {
        return "UPDATE " + table(table) + " SET " + quote(column) + " = ? WHERE " + byKey(key);
    }

    /**
     * Table privileges of the current user (the same names as MySQL's: SELECT, INSERT, UPDATE, DELETE, ...), and
     * CREATE on the current schema as a schema-wide privilege. Privileges through roles are included by
     * information_schema.table_privileges when the role is enabled (PostgreSQL roles inherit by default).
     */
    @Override
    public String privileges() {
        return "SELECT privilege_type, table_schema, table_name FROM information_schema.table_privileges "
                + "WHERE grantee = current_user OR grantee = 'PUBLIC' "
                + "UNION ALL SELECT 'CREATE', current_schema(), NULL "
                + "WHERE has_schema_privilege(current_schema(), 'CREATE')";
    }

    @Override
    public String roles() {
        return "SELECT COUNT(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member "
                + "WHERE r.rolname = current_user";
    }

    /** The bulk path's statement for PgJDBC's CopyManager: rows in COPY's text format, lineage columns last. */
    @Override
    public String copyIn(String table, List<Column> columns, String loadIdColumn, String rowIdColumn) {
        List<String> names = new ArrayList<>(columns.stream().map(c -> quote(c.name())).toList());
        names.add(quote(loadIdColumn));
        names.add(quote(rowIdColumn));
        return "COPY " + table(table) + " (" + String.join(", ", names) + ") FROM STDIN (FORMAT text)";
    }

    private String byKey(List<Column> key) {
        return key.stream().map(k -> quote(k.name()) + " = ?").collect(Collectors.joining(" AND "));
    }

    /** A verification range, bound k1, k1, k2, k2, ..., kn by the verifier like MySQL's (the OR forms). */
    private String range(List<Column> key, boolean after, boolean upTo, String live, String where) {
        List<String> conditions = Stream.of(where == null ? null : "(" + where + ")",
                after ? "(" + after(key, 0) + ")" : null, upTo ? "(" + upTo(key, 0) + ")" : null,
                live == null ? null : quote(live) + " IS NULL").filter(Objects::nonNull).toList();
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** The select list of a fetch: each column as {@link PostgresTypes#read} reads it. */
    @Override
    public String selectList(List<Column> columns) {
        return columns.stream().map(c -> PostgresTypes.read(c, quote(c.name()))).collect(Collectors.joining(", "));
    }

    private String list(List<Column> columns) {
        return columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
    }

    @Override
    public StoreSql store() {
        return new PostgresStoreSql(this);
    }

    @Override
    public CatalogSql catalog() {
        return new PostgresCatalogSql(this);
    }

    @Override
    public ClusterSql cluster() {
        return new PostgresClusterSql();
    }

    @Override
    public String addLineageColumn(String table, String column, int length) {
        return "ALTER TABLE " + table(table) + " ADD COLUMN " + quote(column) + " character varying(" + length
                + ") NOT NULL DEFAULT ''";
    }

    @Override
    public String anyRow(String table) {
        return "SELECT 1 FROM " + table(table) + " LIMIT 1";
    }

    /** None through this seam: PostgreSQL's bulk path is COPY through PgJDBC's CopyManager ({@link #copyIn}). */
    @Override
    public String bulkLoad(String table, List<Column> columns, String loadIdColumn, String rowIdColumn) {
        return null;
    }
}
