package io.tidemark.store;

import javax.sql.DataSource;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import java.util.function.Consumer;

/**
 * A route policy that runs its steps in one transaction on the target database. camel-sql and
 * {@link StateStore} both reach the target through Spring's {@code DataSourceUtils}, so the batch's upsert and
 * the watermark it advances share one connection and commit or roll back together.
 */
public final class TargetTransaction implements Policy {

    private final TransactionTemplate transaction;

    public TargetTransaction(DataSource target) {
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(target));
    }

    /** Runs {@code work} in one target transaction (savepoints available through its status). */
    public void run(Consumer<TransactionStatus> work) {
        transaction.executeWithoutResult(work);
    }

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
        // nothing to prepare
    }

    @Override
    public Processor wrap(Route route, Processor processor) {
        return exchange -> {
            try {
                transaction.executeWithoutResult(status -> {
                    try {
                        processor.process(exchange);
                    } catch (Exception e) {
                        exchange.setException(e);
                    }
                    if (exchange.getException() != null) {
                        status.setRollbackOnly();
                    }
                });
            } catch (TransactionException rollbackFailed) {
                // A connection lost mid-batch cannot roll back either: the batch's own failure is what the error
                // policy must see (it is transient), not "Connection is closed" from the rollback.
                if (exchange.getException() == null) {
                    throw rollbackFailed;
                }
            }
        };
    }
}
