package io.tidemark.status;

/** Rows a table wrote in each of the last 60 minutes, for the dashboard's chart (in memory, since start-up). */
final class RowsPerMinute {

    static final int MINUTES = 60;

    private final long[] rows = new long[MINUTES];
    private final long[] minute = new long[MINUTES];

    synchronized void add(long count) {
        long now = System.currentTimeMillis() / 60_000;
        int slot = (int) (now % MINUTES);
        if (minute[slot] != now) {
            minute[slot] = now;
            rows[slot] = 0;
        }
        rows[slot] += count;
    }

    /** The last 60 minutes, oldest first; the current minute last. */
    synchronized long[] lastHour() {
        long now = System.currentTimeMillis() / 60_000;
        long[] series = new long[MINUTES];
        for (int i = 0; i < MINUTES; i++) {
            long m = now - (MINUTES - 1) + i;
            int slot = (int) (m % MINUTES);
            series[i] = minute[slot] == m ? rows[slot] : 0;
        }
        return series;
    }
}
