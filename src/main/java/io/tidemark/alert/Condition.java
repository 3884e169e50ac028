package io.tidemark.alert;

/**
 * What an alert is about. A lasting condition (a table whose runs fail) is announced once when it begins, reminded
 * of while it lasts, and announced again when it ends; a momentary one (an instance left) only once. To add an
 * event, add a constant here and call {@link Alerts#raise} and {@link Alerts#clear} where it is seen.
 */
public enum Condition {
    /** A table's run failed after its retries; ends with {@code recovered} at its next successful run. */
    RUN_FAILED("run_failed", "recovered"),
    /** No successful run of a table for longer than its maxLag. */
    LAG_OVER_MAX("lag_over_max", "lag_recovered"),
    /** Rows of a table are in the dead-letter table (the target refused them). */
    DEAD_LETTERS("dead_letters", "dead_letters_cleared"),
    /**
     * A verification found the target differing from the source, or the mass-delete guard refused a repair's deletes
     * (see docs/verification.md); ends when a verification of the table finds it equal.
     */
    VERIFY_DIFFERS("verify_differs", "verify_equal"),
    /** A member of the cluster stopped checking in (an event, not a state: no reminder). */
    INSTANCE_LEFT("instance_left", null);

    /** The event sent when the condition begins (and in reminders). */
    public final String event;
    /** The event sent when it ends; null for a momentary condition. */
    public final String endedEvent;

    Condition(String event, String endedEvent) {
        this.event = event;
        this.endedEvent = endedEvent;
    }

    public boolean lasting() {
        return endedEvent != null;
    }
}
