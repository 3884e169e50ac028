package io.tidemark.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Turns what is observed (a run failed, a run succeeded, ...) into alerts, once per change of state: a table that
 * fails at every run raises one {@code run_failed}, then a reminder every {@code reminderInterval} while it lasts,
 * then one {@code recovered}. Observations arrive from run outcomes and from {@link AlertWatch}'s periodic check.
 */
public final class Alerts {

    private record Key(Condition condition, String subject) {
    }

    /** A lasting condition in progress: since when, and when it was last announced. */
    private record Active(Instant since, Instant announced, String message) {
    }

    private final Map<Key, Active> active = new ConcurrentHashMap<>();
    private final Consumer<Alert> delivery;
    private final Duration reminderInterval;
    private final Clock clock;

    public Alerts(Consumer<Alert> delivery, Duration reminderInterval, Clock clock) {
        this.delivery = delivery;
        this.reminderInterval = reminderInterval;
        this.clock = clock;
    }

    /** The condition holds for the subject: announced if it did not hold before (a momentary one, always). */
    public void raise(Condition condition, String subject, String message) {
        Instant now = clock.instant();
        if (!condition.lasting()) {
            delivery.accept(new Alert(condition.event, subject, now, message, false));
            return;
        }
        Key key = new Key(condition, subject);
        boolean[] began = {false};
        active.compute(key, (k, old) -> {
            if (old != null) {
                return new Active(old.since(), old.announced(), message);
            }
            began[0] = true;
            return new Active(now, now, message);
        });
        if (began[0]) {
            delivery.accept(new Alert(condition.event, subject, now, message, false));
        }
    }

    /** The condition no longer holds: announced with its ended event if it held. */
    public void clear(Condition condition, String subject, String message) {
        Active was = active.remove(new Key(condition, subject));
        if (was != null) {
            Instant now = clock.instant();
            delivery.accept(new Alert(condition.endedEvent, subject, now, message + " (after "
                    + Duration.between(was.since(), now).toSeconds() + " s)", false));
        }
    }

    /** Whether the condition holds for the subject. */
    public boolean holds(Condition condition, String subject) {
        return active.containsKey(new Key(condition, subject));
    }

    /** Sends a reminder of every condition last announced longer than the reminder interval ago. */
    public void remind() {
        Instant now = clock.instant();
        active.forEach((key, state) -> {
            if (!state.announced().plus(reminderInterval).isAfter(now)
                    && active.replace(key, state, new Active(state.since(), now, state.message()))) {
                delivery.accept(new Alert(key.condition().event, key.subject(), now, state.message() + " (since "
                        + Duration.between(state.since(), now).toSeconds() + " s)", true));
            }
        });
    }

    /** A subject that no longer exists (a table removed from the tables file): its conditions are forgotten. */
    public void forget(String subject) {
        active.keySet().removeIf(k -> k.subject().equals(subject));
    }
}
