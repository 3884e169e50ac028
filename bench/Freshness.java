import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Locale;

/**
 * Scenario 5 of bench/run.sh: how long a change committed in the source takes to become visible in the target.
 *
 * <p>A writer changes RATE rows a second in the source table for SECONDS seconds: one autocommit UPDATE of 10 rows
 * every 10 ms (paced on one clock), stamping each row with the statement's number in {@code seq} (and a note and
 * {@code updated = NOW(6)} as any application would). It walks the table's ids in order, so a row is written
 * again only after ROWS / RATE seconds. Its commit time is the moment the server acknowledged the UPDATE.
 *
 * <p>A reader polls the target every POLL_MS: it reads the ids written since the oldest write it has not yet seen
 * (a primary-key range) and records, for every write, the first poll whose result shows the row with that
 * statement's number or a later one. Visibility time is when that poll's result came back, so a delay is
 * overstated by up to one poll (and the query's own time), never understated. A write never seen within
 * DRAIN seconds after the writer stops counts as infinitely late.
 *
 * <p>Run as a single-file program: {@code java -cp mysql-connector-j.jar bench/Freshness.java SOURCE_URL TARGET_URL
 * TABLE ROWS RATE SECONDS POLL_MS DRAIN}; prints {@code writes seen p50_ms p95_ms p99_ms max_ms writes_per_s} on
 * stdout (delays in ms; "inf" when a write was never seen), progress on stderr.
 */
public class Freshness {

    static final int ROWS_PER_STATEMENT = 10;

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            System.err.println("usage: Freshness SOURCE_URL TARGET_URL TABLE ROWS RATE SECONDS POLL_MS DRAIN_S");
            System.exit(2);
        }
        String sourceUrl = args[0];
        String targetUrl = args[1];
        String table = args[2];
        int rows = Integer.parseInt(args[3]);
        double rate = Double.parseDouble(args[4]);
        int seconds = Integer.parseInt(args[5]);
        long pollMs = Long.parseLong(args[6]);
        long drainS = Long.parseLong(args[7]);

        double statementsPerSecond = rate / ROWS_PER_STATEMENT;
        int statements = (int) (statementsPerSecond * seconds);
        long[] committed = new long[statements];   // nanoTime of the server's acknowledgement, per statement
        long[] visible = new long[statements * ROWS_PER_STATEMENT]; // nanoTime of the poll that saw it, per write
        Arrays.fill(committed, Long.MAX_VALUE);
        int[] acknowledged = {0};                  // statements acknowledged so far (guarded by committed)

        // ids follow the writes: write w (statement w / 10) is to id (w % rows) + 1
        long start = System.nanoTime();
        Thread writer = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(sourceUrl, "root", "");
                 PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET seq = ?, amount = amount + 1,"
                         + " note = CONCAT('fresh ', ?), updated = NOW(6) WHERE id BETWEEN ? AND ?")) {
                c.setAutoCommit(true);
                for (int s = 0; s < statements; s++) {
                    long due = start + (long) (s * 1e9 / statementsPerSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    long first = ((long) s * ROWS_PER_STATEMENT) % rows + 1; // rows is a multiple of 10: no wrap
                    update.setLong(1, s);
                    update.setLong(2, s);
                    update.setLong(3, first);
                    update.setLong(4, first + ROWS_PER_STATEMENT - 1);
                    update.executeUpdate();
                    long ack = System.nanoTime();
                    synchronized (committed) {
                        committed[s] = ack;
                        acknowledged[0] = s + 1;
                    }
                }
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
        }, "writer");
        writer.start();

        long lastLog = start;
        try (Connection c = DriverManager.getConnection(targetUrl, "root", "");
             PreparedStatement read = c.prepareStatement("SELECT id, seq FROM " + table + " WHERE id BETWEEN ? AND ?")) {
            c.setAutoCommit(true);
            int oldest = 0; // the oldest write not seen yet
            long writerDone = 0;
            long[] seqOf = new long[rows + 1];
            while (oldest < visible.length) {
                int acked;
                synchronized (committed) {
                    acked = acknowledged[0];
                }
                int newest = acked * ROWS_PER_STATEMENT; // writes below this are committed
                if (newest > oldest) {
                    // the ids of writes oldest .. newest - 1 (at most the whole table; two ranges when they wrap)
                    int span = Math.min(newest - oldest, rows);
                    int lo = oldest % rows + 1;
                    int hi = lo + span - 1;
                    Arrays.fill(seqOf, -1);
                    query(read, lo, Math.min(hi, rows), seqOf);
                    if (hi > rows) {
                        query(read, 1, hi - rows, seqOf);
                    }
                    long now = System.nanoTime();
                    for (int w = oldest; w < newest; w++) {
                        if (visible[w] == 0 && seqOf[w % rows + 1] >= w / ROWS_PER_STATEMENT) {
                            visible[w] = now;
                        }
                    }
                    while (oldest < newest && visible[oldest] != 0) {
                        oldest++;
                    }
                    // a write overwritten before it was seen: the row moved on, its own version was never visible
                    while (oldest < newest && newest - oldest > rows) {
                        oldest++;
                    }
                }
                long now = System.nanoTime();
                if (!writer.isAlive() && writerDone == 0) {
                    writerDone = now;
                }
                if (writerDone != 0 && now - writerDone > drainS * 1_000_000_000L) {
                    break;
                }
                if (now - lastLog > 10_000_000_000L) {
                    System.err.printf(Locale.ROOT, "freshness: %d of %d statements written, oldest unseen write %d%n",
                            acked, statements, oldest);
                    lastLog = now;
                }
                Thread.sleep(pollMs);
            }
        }
        writer.join();

        long[] delays = new long[visible.length];
        int seen = 0;
        for (int w = 0; w < visible.length; w++) {
            long ack = committed[w / ROWS_PER_STATEMENT];
            delays[w] = visible[w] == 0 ? Long.MAX_VALUE : Math.max(0, visible[w] - ack);
            if (visible[w] != 0) {
                seen++;
            }
        }
        Arrays.sort(delays);
        double wallS = (committed[statements - 1] - start) / 1e9;
        System.out.printf(Locale.ROOT, "%d %d %s %s %s %s %.0f%n", visible.length, seen, ms(pct(delays, 50)),
                ms(pct(delays, 95)), ms(pct(delays, 99)), ms(delays[delays.length - 1]), visible.length / wallS);
    }

    static void query(PreparedStatement read, int lo, int hi, long[] seqOf) throws Exception {
        read.setInt(1, lo);
        read.setInt(2, hi);
        try (ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                seqOf[rs.getInt(1)] = rs.getLong(2);
            }
        }
    }

    static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
    }

    static String ms(long nanos) {
        return nanos == Long.MAX_VALUE ? "inf" : String.format(Locale.ROOT, "%.0f", nanos / 1e6);
    }
}
