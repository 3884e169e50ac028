package io.tidemark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidemark.sql.Failures;
import io.tidemark.sql.PositionalParameters;
import io.tidemark.store.TargetTransaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.sql.SqlConstants;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The write-batch route (routes/table-sync.camel.yaml) as Camel runs it, on a real MariaDB 11.4 with the real
 * transaction policy, camel-sql upsert and parameter binding; TableSync's three steps there are stood in for, so
 * that each test decides what they do. One batch, one transaction: the rows and the watermark they advance
 * commit together or not at all.
 */
@CamelMainTest(propertyPlaceholderLocations = "classpath:route-tests.properties",
        properties = "camel.main.routes-include-pattern=file:routes/table-sync.camel.yaml",
        configurationClasses = WriteBatchRouteIT.Beans.class)
class WriteBatchRouteIT {

    static final String UPSERT = "INSERT INTO items (id, v) VALUES (?, ?) ON DUPLICATE KEY UPDATE v = VALUES(v)";

    /** Stands in for TableSync in write-batch: recordBatch writes the watermark row in the batch's transaction. */
    public static final class Steps {
        final DataSource target;
        RuntimeException commitFailure;
        final List<Throwable> salvaged = new ArrayList<>();

        Steps(DataSource target) {
            this.target = target;
        }

        public boolean bulk(Exchange exchange) {
            return false;
        }

        public void bulkLoad(Exchange exchange) {
            throw new AssertionError("not on the bulk path");
        }

        public void transform(Exchange exchange) {
            // no transform route here
        }

        public boolean throughWriter(Exchange exchange) {
            return false;
        }

        public void writeRows(Exchange exchange) {
            throw new AssertionError("not on the writer's path");
        }

        public void recordBatch(Exchange exchange) {
            new JdbcTemplate(target).update("INSERT INTO mark (id, position) VALUES (1, ?) "
                    + "ON DUPLICATE KEY UPDATE position = VALUES(position)", exchange.getMessage().getHeader("position"));
            if (commitFailure != null) {
                throw commitFailure;
            }
        }

        /** Like TableSync.salvage: a row's fault is taken care of here, any other failure goes on to the run. */
        public void salvage(Exchange exchange) throws Exception {
            Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            salvaged.add(failure);
            if (!Failures.isRowRejected(failure)) {
                throw failure;
            }
        }
    }

    public static final class Beans implements CamelConfiguration {
        @Override
        public void configure(CamelContext context) {
            Database db = Server.MARIADB_11_4.newDatabase("write_batch", Server.Role.TARGET);
            db.execute("CREATE TABLE items (id INT PRIMARY KEY, v VARCHAR(5) NOT NULL)",
                    "CREATE TABLE mark (id INT PRIMARY KEY, position INT NOT NULL)");
            DataSource target = new DriverManagerDataSource(db.url(), "root", "");
            context.getRegistry().bind("database", db);
            context.getRegistry().bind("targetDataSource", target);
            context.getRegistry().bind("targetTransaction", new TargetTransaction(target));
            context.getRegistry().bind("positionalParameters", new PositionalParameters());
            context.getRegistry().bind("tableSync", new Steps(target));
        }
    }

    @BeanInject("database")
    Database db;

    @BeanInject("tableSync")
    Steps steps;

    @BeanInject
    ProducerTemplate producer;

    private Exchange write(int position, List<?>... rows) {
        return producer.send("direct:write-batch", exchange -> {
            exchange.getMessage().setHeaders(Map.of(SqlConstants.SQL_QUERY, UPSERT, "position", position));
            exchange.getMessage().setBody(Arrays.asList(rows));
        });
    }

    @Test
    void aBatchAndTheWatermarkItAdvancesAreCommittedTogether() {
        Exchange done = write(2, List.of(1, "a"), List.of(2, "b"));
        assertFalse(done.isFailed(), String.valueOf(done.getException()));
        assertEquals(List.of(List.of("1", "a"), List.of("2", "b")), db.rows("SELECT id, v FROM items ORDER BY id"));
        assertEquals("2", db.value("SELECT position FROM mark"));
        assertTrue(steps.salvaged.isEmpty());
    }

    @Test
    void whenTheWatermarkCannotBeWrittenTheBatchRollsBackAndTheFailureGoesToTheRun() {
        steps.commitFailure = new IllegalStateException("the state row could not be written");
        Exchange done = write(2, List.of(1, "a"), List.of(2, "b"));
        assertSame(steps.commitFailure, done.getException(), "no error handler here: the run's policy decides");
        assertEquals(List.of(steps.commitFailure), steps.salvaged);
        assertEquals(0, db.count("SELECT COUNT(*) FROM items"), "no row of the batch stays");
        assertEquals(0, db.count("SELECT COUNT(*) FROM mark"), "nor the watermark");
    }

    @Test
    void aRowTheTargetRefusesRollsTheWholeBatchBackAndSendsItToSalvage() {
        Exchange done = write(2, List.of(1, "a"), List.of(2, "too long"));
        assertFalse(done.isFailed(), "salvage took care of it");
        assertEquals(1, steps.salvaged.size());
        assertTrue(Failures.isRowRejected(steps.salvaged.get(0)), String.valueOf(steps.salvaged.get(0)));
        assertEquals(0, db.count("SELECT COUNT(*) FROM items"), "the good row waits for salvage to write it");
        assertEquals(0, db.count("SELECT COUNT(*) FROM mark"));
    }
}
