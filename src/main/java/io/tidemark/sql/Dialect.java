package io.tidemark.sql;

import io.tidemark.source.Column;
import io.tidemark.source.TableShape;
import java.util.List;

/**
 * Everything Tidemark says in SQL, in one seam. Identifiers are always quoted by {@link #quote};
 * values are always bound parameters ({@code ?}). This interface writes the statements on the user's tables (the
 * fetch, the upsert, target DDL, verification); statements about other things are grouped by concern, each an
 * interface in this package that a dialect provides: {@link #store()} (Tidemark's own tables), {@link #catalog()}
 * (the server and its catalog), {@link #cluster()} (Quartz's tables, the start-up lock). A dialect is chosen
 * from a JDBC URL by {@link Dialects#forUrl}.
 */
public interface Dialect {

    /** The statements on Tidemark's own tables in the target (state, loads, dead letters, pauses, ...). */
    StoreSql store();

    /** The statements that ask the server about itself and its catalog, and each session's set-up. */
    CatalogSql catalog();

    /** What a cluster says in SQL: Quartz's tables in the target and the start-up lock. */
    ClusterSql cluster();

    /** An identifier, quoted so that any name the server accepts is safe in SQL text. */
    String quote(String identifier);

    /** Where a page of changed rows starts. */
    enum From {
        /** every row with a modifier (parameters: none) */
        START,
        /** rows whose modifier is at least a value (parameters: m) */
        VALUE,
        /** rows strictly after a (modifier, key) position (parameters: m, m, then each key column twice but the last) */
        POSITION
    }

    /**
     * One row for a table and its modifier: {@code [bound or NULL, rows the watermark cannot see, highest modifier
     * at or below the bound or NULL]} (see {@code io.tidemark.run.Clock}).
     */
    String clock(String table, Column modifier);

    /**
     * The next page of changed rows, ordered by (modifier, key); the last parameter is the page size.
     *
     * @param bounded true: a parameter before the page size caps the modifier (the clock bound)
     * @param where   the table's row filter (SQL on its columns, no parameters), ANDed with the rest; null: none
     */
    String changedRows(String table, List<Column> columns, Column modifier, List<Column> key, From from,
                       boolean bounded, String where);

    /**
     * The parameters of the "after this key" condition of {@link #changedRows} ({@code POSITION}) and
     * {@link #keyPage}, in the order it binds them: k1, k1, k2, k2, ..., kn.
     */
    default List<Object> afterKey(List<Object> key) {
        List<Object> parameters = new java.util.ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            parameters.add(key.get(i));
            if (i < key.size() - 1) {
                parameters.add(key.get(i));
            }
        }
        return parameters;
    }

    /** The next page of rows in primary-key order (first load and full refresh); afterKey false for the first. */
    String keyPage(String table, List<Column> columns, List<Column> key, boolean afterKey, String where);

    /** One row by its key (parameters: each key column), for replaying a dead letter from the source. */
    String rowByKey(String table, List<Column> columns, List<Column> key, String where);

    /** A query that reads no row but makes the server check a table's row filter (start-up and --check). */
    String filterProbe(String table, String where);

    /** Insert a row, or update it where the key exists; lineage columns last, row id never updated. */
    String upsert(String table, List<Column> columns, List<String> key, String loadIdColumn, String rowIdColumn);

    /**
     * Insert a version of a row (write: scd2), or update it where that version exists: like {@link #upsert} with
     * {@code validFromColumn} (bound last, the row's modifier value) added to the key.
     */
    String versionUpsert(String table, List<Column> columns, List<String> key, String loadIdColumn,
                         String rowIdColumn, String validFromColumn);

    /**
     * Close a row's open version that began before a new one (parameters: the new version's start, each key column,
     * the new version's start again).
     */
    String closeVersion(String table, List<String> key, String validFromColumn, String validToColumn);

    /**
     * Close a row's current version because the row is gone from the source (a repair's deletes), at a point of
     * the modifier's scale (parameter first; NULL keeps the version's own start), then each key column.
     */
    String closeCurrentVersion(String table, List<String> key, String validFromColumn, String validToColumn);

    /** One row: the highest modifier value in a table, as text (NULL when it has no row). */
    String highestModifier(String table, Column modifier);

    /** Create a target table shaped like the source (generated columns included) plus lineage columns. */
    String createTable(String table, TableShape source, String loadIdColumn, String rowIdColumn);

    /** A collation, then its nearest equivalents, for a target server that does not know it; best first. */
    List<String> collations(String collation);

    /** Add one column to an existing target table. */
    String addColumn(String table, Column column);

    /** Adds a lineage column (text up to {@code length} characters, '' in the rows already there). */
    String addLineageColumn(String table, String column, int length);

    /** One row if the table has any (one index probe). No parameters. */
    String anyRow(String table);

    /**
     * The server's bulk load of a batch into {@code table}: the copied columns' values as tab-separated text (binary
     * values as hex, BIT values as numbers), then load id and row id; null when the dialect has no bulk path.
     */
    String bulkLoad(String table, List<Column> columns, String loadIdColumn, String rowIdColumn);

    /**
     * The bulk path as {@code COPY ... FROM STDIN} for {@link PgCopy} (same columns and order as {@link #bulkLoad}),
     * or null when the dialect's bulk path is the statement {@link #bulkLoad} gives.
     */
    default String copyIn(String table, List<Column> columns, String loadIdColumn, String rowIdColumn) {
        return null;
    }

    /** Declares an existing column anew (to widen it). */
    String modifyColumn(String table, Column column);

    /** An empty copy of a table's definition under another name. */
    String createLike(String table, String like);

    /** Atomically put {@code staging} in place of {@code table}, keeping the old one as {@code retired}. */
    String swap(String table, String staging, String retired);

    String dropIfExists(String table);

    // Verification (io.tidemark.verify): both servers hash their own rows; a key range is "after" a key (exclusive)
    // and/or "up to" a key (inclusive), each bound binding k1, k1, k2, k2, ..., kn like a keyset page.

    /**
     * The text of one row's hash, an MD5 in hex over the given columns rendered identically by MySQL 8.0 and
     * MariaDB (NULL distinct from every value, '' included).
     */
    String rowHash(List<Column> columns);

    /**
     * A column the verifier hashes itself ({@code extra} below), as it reads it: as the driver reads it from MySQL,
     * as the server's text from PostgreSQL (see io.tidemark.verify.Canonical). With no column to hash,
     * {@link #rowHash} is a constant.
     */
    String verifyText(Column column);

    /**
     * One row per key range: {@code [row count, BIT_XOR of the first 64 bits of each row's hash]}.
     *
     * @param live  a column that must be NULL for a row to count (rows marked deleted), or null
     * @param where the table's row filter (the source side of a table with {@code where}), or null: rows it does
     *              not match do not count, as they are not copied
     */
    String checksum(String table, List<Column> hashed, List<Column> key, boolean after, boolean upTo, String live,
                    String where);

    /** The rows of a key range in key order: each key column, the row's hash, then each of {@code extra} as read. */
    String rowHashes(String table, List<Column> hashed, List<Column> key, List<Column> extra, boolean after,
                     boolean upTo, String live, String where);

    /** The key of the row {@code ?} rows into a key range (offset parameter last). */
    String keyAt(String table, List<Column> key, boolean after, boolean upTo, String live, String where);

    /**
     * The rows with any of {@code keys} keys: each key column, the row's hash, then each of {@code extra} as read
     * (parameters: each key's columns, key after key). With a row filter ({@code where}, or null) only rows it
     * matches. Verification looks named rows up again this way, many keys a statement.
     */
    default String hashedRowsByKeys(String table, List<Column> hashed, List<Column> extra, List<Column> key,
                                    int keys, String where) {
        return hashedRowsByKeys(table, hashed, extra, List.of(), key, keys, false, where);
    }

    /**
     * Like {@link #hashedRowsByKeys(String, List, List, List, int, String)}, then each of {@code columns} as a fetch
     * reads them ({@link #selectList}); with {@code forUpdate} the rows found (and, for keys not found, the gaps
     * where they would be) are locked until the transaction ends. A repair locks and reads its rows this way.
     */
    default String hashedRowsByKeys(String table, List<Column> hashed, List<Column> extra, List<Column> columns,
                                    List<Column> key, int keys, boolean forUpdate, String where) {
        java.util.function.Function<List<Column>, String> names = list -> list.stream()
                .map(c -> quote(c.name())).collect(java.util.stream.Collectors.joining(", "));
        String one = key.stream().map(k -> quote(k.name()) + " = ?")
                .collect(java.util.stream.Collectors.joining(" AND "));
        String any = key.size() == 1 ? names.apply(key) + " IN (" + String.join(", ", java.util.Collections.nCopies(
                keys, "?")) + ")" : String.join(" OR ", java.util.Collections.nCopies(keys, "(" + one + ")"));
        String read = extra.stream().map(c -> ", " + verifyText(c)).collect(java.util.stream.Collectors.joining());
        return "SELECT " + names.apply(key) + ", " + rowHash(hashed) + read
                + (columns.isEmpty() ? "" : ", " + selectList(columns)) + " FROM " + tableName(table) + " WHERE "
                + (where == null ? "" : "(" + where + ") AND ") + "(" + any + ")" + (forUpdate ? " FOR UPDATE" : "");
    }

    /** Columns as a fetch reads them ({@link #changedRows}, {@link #keyPage}): the select list, without FROM. */
    String selectList(List<Column> columns);

    /**
     * A page of one key range of a parallel first load: {@link #keyPage} with the range's bounds on the first key
     * column ANDed to the row filter. Parameters: the lower bound (when {@code low}: first key column at least it),
     * the upper bound (when {@code high}: first key column below it), then {@link #afterKey}, then the page size.
     */
    default String keyRangePage(String table, List<Column> columns, List<Column> key, boolean afterKey, boolean low,
                                boolean high, String where) {
        String first = quote(key.get(0).name());
        List<String> parts = new java.util.ArrayList<>();
        if (where != null) {
            parts.add("(" + where + ")");
        }
        if (low) {
            parts.add(first + " >= ?");
        }
        if (high) {
            parts.add(first + " < ?");
        }
        return keyPage(table, columns, key, afterKey, parts.isEmpty() ? null : String.join(" AND ", parts));
    }

    /** One row: the lowest and highest value of a key column, NULLs for an empty table (filtered by {@code where}). */
    default String keyBounds(String table, Column column, String where) {
        String k = quote(column.name());
        return "SELECT MIN(" + k + "), MAX(" + k + ") FROM " + tableName(table)
                + (where == null ? "" : " WHERE (" + where + ")");
    }

    /** A table's name as the statements above render it (quoted; PostgreSQL qualifies it with its schema). */
    default String tableName(String table) {
        return quote(table);
    }

    /** Deletes one row by its key. */
    String deleteByKey(String table, List<Column> key);

    /** Sets (parameter first) or clears a row's soft-delete column, by its key. */
    String markByKey(String table, String column, List<Column> key);

    /**
     * The current user's privileges, one row each: privilege, schema (NULL: every schema; may hold LIKE wildcards)
     * and table (NULL: every table of the schema). No parameters.
     */
    String privileges();

    /** One row: how many roles the current user has (their privileges are not in {@link #privileges()}). */
    String roles();
}
