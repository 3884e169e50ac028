package io.tidemark.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.sql.Dialect;
import io.tidemark.sql.StoreSql;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dead-letter table: rows the target rejected (a value it cannot hold, a constraint only the target has),
 * each with its full content as JSON, its key, the table, the load id, the error and the attempt count. The
 * watermark moves past a dead-lettered row because the row is kept here; {@code --replay <table>} writes
 * such rows again from the source and removes them once written.
 */
public final class DeadLetters {

    /** One dead-lettered row: its id here and its key values as stored text. */
    public record Letter(long id, List<String> key, int attempts) {
    }

    /** One dead-lettered row in full, as the API shows it; {@code content} is the row as a JSON object. */
    public record Row(long id, List<String> key, Object content, String error, int attempts, String loadId,
                      String firstFailedAt, String lastFailedAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final StoreSql sql;
    private final String table;
    /** Per target table: whether it has dead letters, so runs of tables without any send no statement about them. */
    private final Map<String, Boolean> pending = new java.util.concurrent.ConcurrentHashMap<>();

    public DeadLetters(DataSource target, Dialect dialect, String deadLetterTable) {
        this.jdbc = new JdbcTemplate(target);
        this.sql = dialect.store();
        this.table = deadLetterTable;
    }

    public void createTable() {
        jdbc.execute(sql.createDeadLetters(table));
    }

    /**
     * Records a rejected row, one dead letter per table and key: a key already there gets the row's new content and
     * error and one more attempt (a row inside the lag window is rejected again at every run). Called inside the
     * batch's transaction (one run per table at a time). True when the key is new here.
     */
    public boolean add(String targetTable, List<String> key, Map<String, Object> row, String loadId, String error) {
        pending.put(targetTable, true);
        int again = jdbc.update(sql.rejectAgain(table),
                json(row), loadId, error, targetTable, json(key));
        if (again > 0) {
            return false;
        }
        jdbc.update(sql.reject(table), targetTable, json(key), json(row), loadId, error);
        return true;
    }

    /** Whether the table has dead letters (asked once per table, then kept up to date here). */
    public boolean any(String targetTable) {
        return pending.computeIfAbsent(targetTable, t -> count(t) > 0);
    }

    /**
     * Rows written at last: their dead letters are resolved and leave the table, except those this load (re)wrote,
     * which are rejections of this very batch. Called inside the batch's transaction.
     */
    public void resolve(String targetTable, List<List<String>> keys, String loadId) {
        for (int from = 0; from < keys.size(); from += 1000) {
            List<List<String>> some = keys.subList(from, Math.min(keys.size(), from + 1000));
            List<Object> parameters = new java.util.ArrayList<>(List.of(targetTable, loadId));
            some.forEach(k -> parameters.add(json(k)));
            int resolved = jdbc.update(sql.resolve(table, some.size()), parameters.toArray());
            if (resolved > 0) {
                pending.remove(targetTable); // asked again next time
            }
        }
    }

    public List<Letter> of(String targetTable) {
        return jdbc.query(sql.lettersOf(table),
                (rs, n) -> new Letter(rs.getLong(1), StateStore.decode(rs.getString(2)), rs.getInt(3)), targetTable);
    }

    /** A page of a table's dead letters, oldest first. */
    public List<Row> page(String targetTable, long offset, int limit) {
        return jdbc.query(sql.letterPage(table),
                (rs, n) -> new Row(rs.getLong(1), StateStore.decode(rs.getString(2)), parse(rs.getString(3)),
                        rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8)),
                targetTable, limit, offset);
    }

    /** Dead letters per target table (tables without any are absent). */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.query(sql.letterCounts(table),
                rs -> { counts.put(rs.getString(1), rs.getLong(2)); });
        return counts;
    }

    public long count(String targetTable) {
        Long n = jdbc.queryForObject(sql.letterCount(table), Long.class, targetTable);
        return n == null ? 0 : n;
    }

    /** The row was written at last (or no longer exists in the source): it leaves the dead-letter table. */
    public void remove(long id) {
        jdbc.update(sql.removeLetter(table), id);
        pending.clear();
    }

    /** A replay failed again. */
    public void failedAgain(long id, String loadId, String error) {
        jdbc.update(sql.replayFailed(table), loadId, error, id);
    }

    private static Object parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
