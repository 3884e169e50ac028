package io.tidemark.store;

import io.tidemark.status.TableStatus;
import io.tidemark.table.TableRegistry;
import io.tidemark.table.TableSpec;

import io.tidemark.sql.Dialect;
import io.tidemark.sql.StoreSql;
import io.tidemark.sql.Failures;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.OnCamelContextStarting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Paused tables: a row per paused table in the paused table of the target database, so that a pause survives a
 * restart and holds on every instance of a cluster. The route template asks {@link #paused} each time a table's
 * trigger fires, and a paused table's run stops there; a run already in flight finishes.
 */
public final class Pauses implements OnCamelContextStarting {

    private static final Logger LOG = LoggerFactory.getLogger(Pauses.class);

    private final JdbcTemplate jdbc;
    private final StoreSql sql;
    private final String table;
    private final TableRegistry tables;
    private final TableStatus status;
    private volatile boolean created;

    public Pauses(DataSource target, Dialect dialect, String pausedTable, TableRegistry tables, TableStatus status) {
        this.jdbc = new JdbcTemplate(target);
        this.sql = dialect.store();
        this.table = pausedTable;
        this.tables = tables;
        this.status = status;
    }

    /**
     * Creates the paused table at start (not in {@code --check}, which starts nothing). When the target does not
     * answer, the tables wait for it (see {@link TableRegistry}), and the paused table is created at first use.
     */
    @Override
    public void onContextStarting(CamelContext context) {
        try {
            all().forEach(name -> status.markPaused(name, true));
        } catch (RuntimeException e) {
            if (!Failures.isTransient(e)) {
                throw e;
            }
            LOG.warn("The paused tables cannot be read yet, the target database does not answer: {}",
                    Failures.describe(e));
        }
    }

    private void create() {
        if (!created) {
            jdbc.execute(sql.createPaused(table));
            created = true;
        }
    }

    /** The route template's question when a table's trigger fires: true stops the run before it begins. */
    public boolean paused(Exchange exchange) {
        TableSpec spec = tables.byRouteId().get(exchange.getFromRouteId());
        boolean paused = spec != null && isPaused(spec.table());
        if (paused) {
            LOG.debug("{}: paused, run skipped", spec.table());
        }
        return paused;
    }

    /** Asks the paused table (another instance may have paused it), and notes the answer for health. */
    public boolean isPaused(String name) {
        create();
        boolean paused = !jdbc.queryForList(sql.isPaused(table), name).isEmpty();
        status.markPaused(name, paused);
        return paused;
    }

    public Set<String> all() {
        create();
        return new HashSet<>(jdbc.queryForList(sql.allPaused(table), String.class));
    }

    public void pause(String name) {
        create();
        jdbc.update(sql.pause(table), name);
        status.markPaused(name, true);
    }

    public void resume(String name) {
        create();
        jdbc.update(sql.resume(table), name);
        status.markPaused(name, false);
    }
}
