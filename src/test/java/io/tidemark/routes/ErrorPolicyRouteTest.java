package io.tidemark.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidemark.sql.Failures;
import io.tidemark.status.RetryLog;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * The error policy (routes/error-policy.camel.yaml) as Camel runs it, with the real failure classifier and retry
 * log: a test route opts in as a table's route does and fails in the ways a run can.
 */
@CamelMainTest(propertyPlaceholderLocations = "classpath:route-tests.properties",
        properties = "camel.main.routes-include-pattern=file:routes/error-policy.camel.yaml,"
                + "classpath:route-tests/failing-steps.camel.yaml",
        configurationClasses = ErrorPolicyRouteTest.Beans.class)
class ErrorPolicyRouteTest {

    static final SQLException DEADLOCK = new SQLException("Deadlock found", "40001", 1213);
    static final SQLException LOCK_WAIT = new SQLException("Lock wait timeout exceeded", "HY000", 1205);
    static final SQLException UNKNOWN_COLUMN = new SQLException("Unknown column 'x'", "42S22", 1054);

    /** The steps of the test route: each counts its calls; {@code write} fails as told, then succeeds. */
    public static final class Steps {
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();
        final List<Exception> failures = new ArrayList<>();

        public void read() {
            reads.incrementAndGet();
        }

        public void write() throws Exception {
            int call = writes.incrementAndGet();
            if (call <= failures.size()) {
                throw failures.get(call - 1);
            }
        }
    }

    /** Stands in for TableSync at the end of the policy: records each run it is told failed. */
    public static final class RunFailed {
        final List<Throwable> failed = new ArrayList<>();

        public void fail(Exchange exchange) {
            failed.add(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        }
    }

    public static final class Beans implements CamelConfiguration {
        @Override
        public void configure(CamelContext context) {
            context.getRegistry().bind("failures", Failures.INSTANCE);
            context.getRegistry().bind("retryLog", new RetryLog(java.util.List.of()));
            context.getRegistry().bind("tableSync", new RunFailed());
            context.getRegistry().bind("steps", new Steps());
        }
    }

    @BeanInject("steps")
    Steps steps;

    @BeanInject("tableSync")
    RunFailed runFailed;

    @BeanInject
    ProducerTemplate producer;

    private Exchange run() {
        return producer.send("direct:run", exchange -> { });
    }

    @Test
    void aTransientFailureIsRetriedAtTheStepThatFailedAndTheRunGoesOn() {
        steps.failures.addAll(List.of(DEADLOCK, LOCK_WAIT));
        Exchange done = run();
        assertNull(done.getException());
        assertEquals(1, steps.reads.get(), "the step before the failing one ran once");
        assertEquals(3, steps.writes.get(), "two failures, then the write that succeeded");
        assertTrue(runFailed.failed.isEmpty(), "the run did not fail");
    }

    @Test
    void aTransientFailureThatOutlastsTheRetriesFailsTheRunOnceAfterBackingOff() {
        steps.failures.addAll(List.of(LOCK_WAIT, LOCK_WAIT, LOCK_WAIT, LOCK_WAIT, LOCK_WAIT));
        long started = System.nanoTime();
        Exchange done = run();
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(4, steps.writes.get(), "the first write and tidemark.retry.attempts (3) retries");
        assertEquals(1, runFailed.failed.size());
        assertSame(LOCK_WAIT, runFailed.failed.get(0));
        assertFalse(done.isFailed(), "the failure is handled: recorded by run-failed, not thrown at Quartz");
        assertTrue(tookMs >= 40 + 80 + 160, "retries wait 40, 80, 160 ms (first delay, multiplier 2): took " + tookMs);
    }

    @Test
    void aPermanentFailureIsNotRetriedAndFailsTheRun() {
        steps.failures.add(UNKNOWN_COLUMN);
        Exchange done = run();
        assertEquals(1, steps.writes.get(), "not retried");
        assertEquals(List.of(UNKNOWN_COLUMN), runFailed.failed);
        assertFalse(done.isFailed());
    }
}
