package io.tidemark.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.sql.Dialect;
import io.tidemark.sql.Failures;
import io.tidemark.sql.StoreSql;
import io.tidemark.status.TableStatus;
import io.tidemark.status.TableStatus.Verified;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.OnCamelContextStarting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each table's last verification, kept in the verifications table of the target database so that it outlives a
 * restart: the API, the dashboard and health (a deletion the guard refused keeps the table's readiness DOWN) show it
 * again at start-up, and it is shared by the instances of a cluster. Read at start in scheduler mode (a one-shot,
 * {@code --check}, {@code --verify} or {@code --repair} process neither reads nor creates it); written after each
 * scheduled or requested verification. A failure to keep it is logged and changes nothing else.
 */
public final class LastVerifications implements OnCamelContextStarting {

    private static final Logger LOG = LoggerFactory.getLogger(LastVerifications.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final StoreSql sql;
    private final String table;
    private final TableStatus status;
    private final boolean restore;
    private volatile boolean created;

    /** @param restore whether this process shows the kept verifications at start (scheduler mode) */
    public LastVerifications(DataSource target, Dialect dialect, String verificationsTable, TableStatus status,
                             boolean restore) {
        this.jdbc = new JdbcTemplate(target);
        this.sql = dialect.store();
        this.table = verificationsTable;
        this.status = status;
        this.restore = restore;
    }

    @Override
    public void onContextStarting(CamelContext context) {
        if (!restore) {
            return;
        }
        try {
            create();
            jdbc.query(sql.readVerifications(table), rs -> {
                status.restoreVerification(read(rs.getString(1), rs.getString(2)));
            });
        } catch (RuntimeException e) {
            LOG.warn("The last verifications cannot be read from {}: {}; they show again after the next ones",
                    table, Failures.describe(e));
        }
    }

    /** Keeps {@code v} as its table's last verification. */
    public void keep(Verified v) {
        try {
            create();
            jdbc.update(sql.recordVerification(table), v.table(), write(v));
        } catch (RuntimeException e) {
            LOG.warn("{}: the verification's outcome could not be kept in {}: {}", v.table(), table,
                    Failures.describe(e));
        }
    }

    private void create() {
        if (!created) {
            jdbc.execute(sql.createVerifications(table));
            created = true;
        }
    }

    static String write(Verified v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("started", v.started().toString());
        m.put("durationMs", v.duration().toMillis());
        m.put("rows", v.rows());
        m.put("chunks", v.chunks());
        m.put("missing", v.missing());
        m.put("extra", v.extra());
        m.put("changed", v.changed());
        m.put("copied", v.copied());
        m.put("updated", v.updated());
        m.put("deleted", v.deleted());
        m.put("marked", v.marked());
        m.put("equal", v.equal());
        m.put("refused", v.refused());
        m.put("error", v.error());
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Verified read(String table, String json) {
        try {
            Map<?, ?> m = JSON.readValue(json, Map.class);
            return new Verified(table, Instant.parse((String) m.get("started")),
                    Duration.ofMillis(number(m, "durationMs")), number(m, "rows"), number(m, "chunks"),
                    number(m, "missing"), number(m, "extra"), number(m, "changed"), number(m, "copied"),
                    number(m, "updated"), number(m, "deleted"), number(m, "marked"), Boolean.TRUE.equals(m.get("equal")),
                    (String) m.get("refused"), (String) m.get("error"));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("the kept verification of " + table + " does not read: " + e.getMessage(),
                    e);
        }
    }

    private static long number(Map<?, ?> m, String key) {
        return m.get(key) instanceof Number n ? n.longValue() : 0;
    }
}
