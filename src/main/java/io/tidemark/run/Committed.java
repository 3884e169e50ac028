package io.tidemark.run;

/**
 * A table's committed state, as far as planning its next run goes.
 *
 * @param succeeded some run of the table ended well (the state table's {@code last_success} is set)
 */
public record Committed(Phase phase, Position position, long rowsSynced, boolean succeeded) {
}
