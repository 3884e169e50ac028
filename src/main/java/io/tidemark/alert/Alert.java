package io.tidemark.alert;

import java.time.Instant;

/**
 * One alert to deliver.
 *
 * @param event    {@link Condition#event} or {@link Condition#endedEvent}
 * @param subject  the table (or, for an instance event, the instance id)
 * @param time     when it was raised
 * @param message  what happened and what to do, for people
 * @param reminder true when the condition was announced before and still lasts
 */
public record Alert(String event, String subject, Instant time, String message, boolean reminder) {

    /** The line chat webhooks (Slack, Teams) display as is. */
    public String text() {
        return "Tidemark " + (reminder ? "reminder, " : "") + event.replace('_', ' ') + ": " + message;
    }
}
