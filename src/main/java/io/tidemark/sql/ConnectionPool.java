package io.tidemark.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/**
 * Builds the HikariCP pool of one database (source or target). Every session runs in UTC, so TIMESTAMP values
 * cross as UTC text; the driver is told to hand back exact types (a TINYINT(1) is a number, a YEAR is a year).
 *
 * @param maximumSize        connections at most (seed: POOL_SIZE + MAX_OVERFLOW)
 * @param minimumIdle        connections kept open when idle (seed: POOL_SIZE)
 * @param connectionTimeoutMs how long a run waits for a free connection (seed: POOL_TIMEOUT, in ms)
 * @param maxLifetimeMs      connections are replaced after this long (seed: POOL_RECYCLE, in ms)
 * @param idleTimeoutMs      idle connections above minimumIdle close after this long
 */
public record ConnectionPool(int maximumSize, int minimumIdle, long connectionTimeoutMs, long maxLifetimeMs,
                             long idleTimeoutMs) {

    private static final Map<String, String> DRIVER_PROPERTIES = Map.ofEntries(
            // Keep each connection's parsed statements: otherwise Connector/J parses the SQL text of every statement
            // again, which was a sixth of the CPU of idle runs with 200 tables (a run sends the same few statements).
            Map.entry("cachePrepStmts", "true"),
            Map.entry("prepStmtCacheSize", "500"),
            Map.entry("prepStmtCacheSqlLimit", "8192"),
            Map.entry("tinyInt1isBit", "false"),
            Map.entry("yearIsDateType", "false"),
            Map.entry("rewriteBatchedStatements", "true"),
            Map.entry("useUnicode", "true"),
            Map.entry("characterEncoding", "UTF-8"),
            // Results in utf8mb4, converted by the server. Left to itself Connector/J decodes a latin1 column with
            // Java's windows-1252, which turns bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D into U+FFFD, so a latin1 value
            // holding them could not be written back; the server maps every latin1 byte to a character and back.
            Map.entry("characterSetResults", "UTF-8"),
            // No file of this machine for a server that asks (LOAD DATA LOCAL), whatever a URL says: these override
            // the URL's. Only the target's pool lets its bulk statement answer, from memory (see BulkLoad).
            Map.entry("allowLoadLocalInfile", "false"),
            Map.entry("allowUrlInLocalInfile", "false"));

    /** Opens the pool; its gauges (active, idle, pending, max connections) go to {@code meters}. */
    public HikariDataSource open(String name, String url, String user, String password, String initSql,
                                 MeterRegistry meters) {
        return open(name, url, user, password, initSql, meters, Map.of());
    }

    /** The same, with further driver properties for this pool only. */
    public HikariDataSource open(String name, String url, String user, String password, String initSql,
                                 MeterRegistry meters, Map<String, String> driverProperties) {
        HikariConfig config = new HikariConfig();
        config.setMetricRegistry(meters);
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maximumSize);
        config.setMinimumIdle(minimumIdle);
        config.setConnectionTimeout(connectionTimeoutMs);
        config.setMaxLifetime(maxLifetimeMs);
        config.setIdleTimeout(idleTimeoutMs);
        config.setConnectionInitSql(initSql);
        // Start even when the database is down: runs fail and retry, health shows it.
        config.setInitializationFailTimeout(-1);
        DRIVER_PROPERTIES.forEach(config::addDataSourceProperty);
        driverProperties.forEach(config::addDataSourceProperty);
        return new HikariDataSource(config);
    }

    /** A JDBC URL fit for logs: no user info, no password parameter. */
    public static String redact(String url) {
        return url.replaceAll("//[^/@]*@", "//")
                .replaceAll("(?i)([a-z]*(password\\d*|pwd))=[^&;]*", "$1=***");
    }
}
