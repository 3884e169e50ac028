package io.tidemark.embedded;

import com.mysql.cj.jdbc.MysqlDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo source of the embedded default: keeps three tables in {@code demo_source} of the embedded MariaDB
 * changing, in its SQL.
 * {@code customers} and {@code orders} carry an {@code updated_at} modifier column (incremental
 * sync); {@code countries} has none (full refresh). All values are sent as bound parameters.
 */
public final class MariaDbDemoWorkload implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MariaDbDemoWorkload.class);

    // InnoDB appends the primary key to every secondary index: KEY (updated_at) acts as (updated_at, id).
    private static final String[] DDL = {
        "CREATE TABLE IF NOT EXISTS customers (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
            + " name VARCHAR(100) NOT NULL, email VARCHAR(200) NULL, country CHAR(2),"
            + " updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),"
            + " KEY ix_customers_updated_at (updated_at))",
        "CREATE TABLE IF NOT EXISTS orders (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
            + " customer_id BIGINT NOT NULL, amount DECIMAL(12,2) NOT NULL, status VARCHAR(20) NOT NULL,"
            + " note VARCHAR(200) NULL, created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),"
            + " updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),"
            + " KEY ix_orders_updated_at (updated_at))",
        "CREATE TABLE IF NOT EXISTS countries (code CHAR(2) PRIMARY KEY, name VARCHAR(100))"};
    private static final String[][] COUNTRIES = {{"DE", "Germany"}, {"FR", "France"}, {"IT", "Italy"},
        {"ES", "Spain"}, {"NL", "Netherlands"}, {"GB", "United Kingdom"}, {"US", "United States"},
        {"CA", "Canada"}, {"JP", "Japan"}, {"BR", "Brazil"}};
    /** Countries the writer adds and removes again; the seeded ten stay. */
    private static final String[][] EXTRA_COUNTRIES = {{"NO", "Norway"}, {"PT", "Portugal"}, {"NZ", "New Zealand"}};
    private static final String[] FIRST = {"Ada", "Bo", "Chen", "Dana", "Emil", "Fatima", "Gus", "Hana", "Ivo", "Zoë"};
    private static final String[] LAST = {"Meyer", "Rossi", "Tanaka", "Silva", "Novak", "Dubois", "Smith", "O'Neil"};
    private static final String[] STATUSES = {"NEW", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"};

    private final DataSource dataSource;
    private ScheduledExecutorService writer;

    public MariaDbDemoWorkload(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Convenience for a Connector/J URL such as {@code EmbeddedMariaDb.jdbcUrl("demo_source")}. */
    public static MariaDbDemoWorkload forUrl(String jdbcUrl, String user, String password) {
        MysqlDataSource ds = new MysqlDataSource();
        ds.setURL(jdbcUrl);
        ds.setUser(user);
        ds.setPassword(password);
        return new MariaDbDemoWorkload(ds);
    }

    /** Creates missing tables; seeds 10 countries, 200 customers and 400 orders into empty tables. */
    public void prepare() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String ddl : DDL) {
                st.execute(ddl);
            }
            c.setAutoCommit(false);
            if (count(c, "countries") == 0) {
                for (String[] country : COUNTRIES) {
                    exec(c, "INSERT INTO countries (code, name) VALUES (?, ?)", country[0], country[1]);
                }
            }
            if (count(c, "customers") == 0) {
                insertCustomers(c, 200);
            }
            if (count(c, "orders") == 0) {
                insertOrders(c, 400);
            }
            c.commit();
        }
    }

    /** Prepares the tables, then changes rows every second on a daemon thread until {@link #stop()}. */
    public synchronized void start() throws SQLException {
        if (writer != null) {
            return;
        }
        prepare();
        writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tidemark-demo-workload");
            t.setDaemon(true);
            return t;
        });
        writer.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (Exception e) { // must not escape: it would cancel the schedule
                LOG.warn("Demo workload round failed: {}", e.toString());
            }
        }, 1, 1, TimeUnit.SECONDS);
        LOG.info("Demo workload started: every second it inserts 2 customers and 5 orders, updates 3 orders"
            + " and 1 customer (bumping updated_at) and now and then adds or removes a country");
    }

    /** One round of changes in one transaction; public so that tests can drive it directly. */
    public void tick() throws SQLException {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                insertCustomers(c, 2);
                insertOrders(c, 5);
                // updated_at is set explicitly: ON UPDATE only fires when another column really changes.
                for (int i = 0; i < 3; i++) {
                    exec(c, "UPDATE orders SET status = ?, note = ?, updated_at = CURRENT_TIMESTAMP(6) WHERE id = ?",
                        pick(STATUSES), rnd.nextBoolean() ? null : "changed #" + rnd.nextInt(1000), anyId(c, "orders"));
                }
                exec(c, "UPDATE customers SET email = ?, updated_at = CURRENT_TIMESTAMP(6) WHERE id = ?",
                    "user" + rnd.nextInt(100_000) + "@example.org", anyId(c, "customers"));
                if (rnd.nextInt(10) == 0) { // toggle a country: delete it if present, insert it otherwise
                    String[] country = pick(EXTRA_COUNTRIES);
                    if (exec(c, "DELETE FROM countries WHERE code = ?", country[0]) == 0) {
                        exec(c, "INSERT INTO countries (code, name) VALUES (?, ?)", country[0], country[1]);
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Stops the writer thread, waiting up to 5 s for a running round. Safe to call repeatedly. */
    public synchronized void stop() {
        if (writer != null) {
            writer.shutdown();
            try {
                writer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writer = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void insertCustomers(Connection c, int n) throws SQLException {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            exec(c, "INSERT INTO customers (name, email, country) VALUES (?, ?, ?)", pick(FIRST) + " " + pick(LAST),
                rnd.nextInt(5) == 0 ? null : "user" + rnd.nextInt(100_000) + "@example.com", pick(COUNTRIES)[0]);
        }
    }

    private static void insertOrders(Connection c, int n) throws SQLException {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long customers = single(c, "SELECT COALESCE(MAX(id), 1) FROM customers");
        for (int i = 0; i < n; i++) {
            exec(c, "INSERT INTO orders (customer_id, amount, status, note) VALUES (?, ?, 'NEW', ?)",
                1 + rnd.nextLong(customers), BigDecimal.valueOf(rnd.nextLong(500, 50_000), 2), // 5.00 .. 499.99
                rnd.nextInt(4) == 0 ? "gift wrap" : null);
        }
    }

    /** Runs one statement with bound parameters (null binds SQL NULL); returns the update count. */
    private static int exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** A random id in 1..MAX(id); the writer never deletes customers or orders, so it exists. */
    private static long anyId(Connection c, String table) throws SQLException {
        return 1 + ThreadLocalRandom.current().nextLong(single(c, "SELECT COALESCE(MAX(id), 1) FROM " + table));
    }

    private static long count(Connection c, String table) throws SQLException {
        return single(c, "SELECT COUNT(*) FROM " + table);
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static <T> T pick(T[] values) {
        return values[ThreadLocalRandom.current().nextInt(values.length)];
    }
}
