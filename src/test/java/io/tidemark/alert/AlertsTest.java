package io.tidemark.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertsTest {

    private final List<Alert> sent = new ArrayList<>();
    private Instant now = Instant.parse("2026-12-05T13:00:00Z");
    private final Alerts alerts = new Alerts(sent::add, Duration.ofMinutes(30), new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void aConditionRaisedAtEveryRunIsSentOnceThenWhenItEnds() {
        for (int run = 0; run < 50; run++) {
            alerts.raise(Condition.RUN_FAILED, "orders", "orders: run failed");
            now = now.plusSeconds(5);
        }
        alerts.clear(Condition.RUN_FAILED, "orders", "orders: runs succeed again");
        alerts.clear(Condition.RUN_FAILED, "orders", "orders: runs succeed again");

        assertEquals(List.of("run_failed", "recovered"), sent.stream().map(Alert::event).toList());
        assertEquals("orders: runs succeed again (after 250 s)", sent.get(1).message());
    }

    @Test
    void aLastingConditionIsRemindedOfOncePerInterval() {
        alerts.raise(Condition.LAG_OVER_MAX, "orders", "orders: lag");
        now = now.plus(Duration.ofMinutes(29));
        alerts.remind();
        assertEquals(1, sent.size(), "no reminder before the interval");
        now = now.plus(Duration.ofMinutes(1));
        alerts.remind();
        alerts.remind();
        now = now.plus(Duration.ofMinutes(30));
        alerts.remind();

        assertEquals(3, sent.size());
        assertTrue(sent.get(1).reminder() && sent.get(2).reminder());
        assertEquals("orders: lag (since 1800 s)", sent.get(1).message());
        assertEquals("Tidemark reminder, lag over max: orders: lag (since 1800 s)", sent.get(1).text());
    }

    @Test
    void eachTableAndConditionHasItsOwnState() {
        alerts.raise(Condition.RUN_FAILED, "orders", "a");
        alerts.raise(Condition.RUN_FAILED, "customers", "b");
        alerts.raise(Condition.DEAD_LETTERS, "orders", "c");
        alerts.clear(Condition.LAG_OVER_MAX, "orders", "never raised");

        assertEquals(List.of("run_failed", "run_failed", "dead_letters"), sent.stream().map(Alert::event).toList());
    }

    @Test
    void aMomentaryEventIsSentEachTimeAndNeverReminded() {
        alerts.raise(Condition.INSTANCE_LEFT, "node-a", "node-a left");
        alerts.raise(Condition.INSTANCE_LEFT, "node-a", "node-a left");
        now = now.plus(Duration.ofHours(2));
        alerts.remind();

        assertEquals(2, sent.size());
    }
}
