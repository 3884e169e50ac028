package io.tidemark.status;

import io.tidemark.table.TableSettings;

import io.tidemark.sql.Failures;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs each retry of a transient failure: the table, SQLState, vendor code and "retry n of m". */
public final class RetryLog implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RetryLog.class);

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String route = exchange.getFromRouteId();
        LOG.warn("{}: transient failure, retry {} of {}: {}", TableSettings.tableOf(route),
                exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER),
                exchange.getMessage().getHeader(Exchange.REDELIVERY_MAX_COUNTER), Failures.describe(failure));
    }
}
