package io.tidemark.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.source.Column;
import io.tidemark.source.TableShape;
import io.tidemark.sql.Dialect;
import io.tidemark.sql.StoreSql;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How the source declared each column when its target table was last prepared, one row per target table in the
 * target database. It tells a column the source changed from a target column changed by hand: only the first is
 * followed ({@link Widening}); a column narrowed in the target on purpose stays as it is.
 */
final class SourceColumns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final StoreSql sql;
    private final String table;
    private volatile boolean created;

    SourceColumns(JdbcTemplate jdbc, Dialect dialect, String tableName) {
        this.jdbc = jdbc;
        this.sql = dialect.store();
        this.table = tableName;
    }

    /** Column name to declaration as last recorded for {@code target}; empty the first time. */
    Map<String, String> read(String target) {
        create();
        List<String> rows = jdbc.queryForList(sql.readSourceColumns(table), String.class, target);
        if (rows.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(rows.get(0), new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            return Map.of(); // unreadable (edited by hand): as the first time, recorded again below
        }
    }

    /** Records the source's declarations for {@code target}, unless they are those last recorded ({@code seen}). */
    void record(String target, TableShape source, Map<String, String> seen) {
        Map<String, String> declarations = new LinkedHashMap<>();
        source.columns().forEach(c -> declarations.put(c.name(), declaration(c)));
        if (declarations.equals(seen)) {
            return;
        }
        create();
        try {
            jdbc.update(sql.recordSourceColumns(table), target,
                    JSON.writeValueAsString(declarations));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String declaration(Column c) {
        return c.columnType() + (c.nullable() ? " NULL" : " NOT NULL")
                + (c.charset() == null ? "" : " CHARACTER SET " + c.charset() + " COLLATE " + c.collation());
    }

    private void create() {
        if (!created) {
            jdbc.execute(sql.createSourceColumns(table));
            created = true;
        }
    }
}
