import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The writer of bench/soak.sh: changes about RATE rows a second, spread over tables t01..tNN of the source, for
 * SECONDS seconds. Each statement changes 10 rows of one table picked at random: 4 in 5 statements update rows
 * picked at random among the first ROWS ids (new amount, status and note, updated = NOW(6)), 1 in 5 inserts 10 new
 * rows. Statements are paced on one shared clock and spread over THREADS connections (autocommit).
 *
 * <p>Run as a single-file program: {@code java -cp mysql-connector-j.jar bench/SoakWriter.java URL TABLES ROWS RATE
 * SECONDS THREADS}; logs its progress every 10 s on stderr and prints {@code <rows changed> <statements> <seconds>
 * <errors>} at the end.
 */
public class SoakWriter {

    static final int ROWS_PER_STATEMENT = 10;

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: SoakWriter URL TABLES ROWS_PER_TABLE RATE_ROWS_PER_S SECONDS THREADS");
            System.exit(2);
        }
        String url = args[0];
        int tables = Integer.parseInt(args[1]);
        long rowsPerTable = Long.parseLong(args[2]);
        double rate = Double.parseDouble(args[3]);
        long seconds = Long.parseLong(args[4]);
        int threads = Integer.parseInt(args[5]);

        double statementsPerSecond = rate / ROWS_PER_STATEMENT;
        long statements = (long) (statementsPerSecond * seconds);
        AtomicLong next = new AtomicLong();
        AtomicLong rowsChanged = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();

        Thread[] workers = new Thread[threads];
        for (int w = 0; w < threads; w++) {
            workers[w] = new Thread(() -> {
                Connection c = null;
                Statement s = null;
                long i;
                while ((i = next.getAndIncrement()) < statements) {
                    long due = start + (long) (i * 1e9 / statementsPerSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    String table = String.format(Locale.ROOT, "t%02d", 1 + r.nextInt(tables));
                    StringBuilder sql = new StringBuilder();
                    if (r.nextInt(5) == 0) {
                        sql.append("INSERT INTO ").append(table)
                                .append(" (customer_id, status, amount, note, created, updated) VALUES ");
                        for (int k = 0; k < ROWS_PER_STATEMENT; k++) {
                            sql.append(k == 0 ? "" : ", ").append("(").append(1 + r.nextInt(50000))
                                    .append(", 'new', ").append(r.nextInt(100000) / 100.0)
                                    .append(", 'soak insert ").append(i).append("', NOW(6), NOW(6))");
                        }
                    } else {
                        sql.append("UPDATE ").append(table).append(" SET amount = amount + 1, status = ELT(1 + ")
                                .append(r.nextInt(5)).append(", 'new', 'paid', 'shipped', 'delivered', 'cancelled'), ")
                                .append("note = IF(").append(r.nextInt(4)).append(" = 0, NULL, CONCAT('Zoë soak ', ")
                                .append(i).append(")), updated = NOW(6) WHERE id IN (");
                        for (int k = 0; k < ROWS_PER_STATEMENT; k++) {
                            sql.append(k == 0 ? "" : ", ").append(1 + r.nextLong(rowsPerTable));
                        }
                        sql.append(")");
                    }
                    try {
                        if (c == null) {
                            c = DriverManager.getConnection(url, "root", "");
                            c.setAutoCommit(true);
                            s = c.createStatement();
                        }
                        rowsChanged.addAndGet(s.executeUpdate(sql.toString()));
                        done.incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        System.err.println("soak writer: " + e);
                        try {
                            if (c != null) {
                                c.close();
                            }
                        } catch (Exception ignored) {
                            // reconnect on the next statement
                        }
                        c = null;
                    }
                }
                try {
                    if (c != null) {
                        c.close();
                    }
                } catch (Exception ignored) {
                    // done
                }
            }, "writer-" + w);
            workers[w].start();
        }

        Thread progress = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(10_000);
                    double t = (System.nanoTime() - start) / 1e9;
                    System.err.printf(Locale.ROOT, "soak writer: %.0f s, %d rows changed (%.0f rows/s), %d errors%n",
                            t, rowsChanged.get(), rowsChanged.get() / t, errors.get());
                }
            } catch (InterruptedException e) {
                // finished
            }
        });
        progress.setDaemon(true);
        progress.start();
        for (Thread t : workers) {
            t.join();
        }
        progress.interrupt();
        double t = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%d %d %.1f %d%n", rowsChanged.get(), done.get(), t, errors.get());
    }
}
