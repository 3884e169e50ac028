package io.tidemark.run;

/**
 * What the source says at the start of a run (one query, {@code Dialect.clock}).
 *
 * @param bound     the highest modifier this run reads (the source's clock, or the highest number); null for none
 * @param mark      the highest modifier present at or below the clock: where a copy that starts now ends, so that
 *                  every row written later above it is read; null when no row has one
 * @param invisible rows whose modifier is NULL
 */
public record Clock(Object bound, Object mark, long invisible) {
}
