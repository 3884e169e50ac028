package io.tidemark.status;

import com.zaxxer.hikari.HikariDataSource;
import io.tidemark.sql.Failures;
import io.tidemark.table.TableSettings;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before each retry of a transient failure: logs the table, SQLState, vendor code and "retry n of m", and retires
 * the pools' connections (idle ones at once, those in use when they come back). A server that ended every session
 * (a restart, a failover, an administrator) leaves the pool full of dead connections that were in use a moment ago,
 * which the pool hands out again without checking them: each retry would take one and fail, until the retries run
 * out. The next attempt connects anew instead.
 */
public final class RetryLog implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RetryLog.class);

    private final List<DataSource> pools;

    /** @param pools the source and target pools (others than Hikari's are left alone) */
    public RetryLog(List<DataSource> pools) {
        this.pools = List.copyOf(pools);
    }

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String route = exchange.getFromRouteId();
        LOG.warn("{}: transient failure, retry {} of {}: {}", TableSettings.tableOf(route),
                exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER),
                exchange.getMessage().getHeader(Exchange.REDELIVERY_MAX_COUNTER), Failures.describe(failure));
        for (DataSource pool : pools) {
            if (pool instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
                hikari.getHikariPoolMXBean().softEvictConnections();
            }
        }
    }
}
