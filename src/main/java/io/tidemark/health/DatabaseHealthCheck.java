package io.tidemark.health;

import com.zaxxer.hikari.HikariDataSource;
import io.tidemark.sql.DatabaseProbe;
import io.tidemark.sql.Dialect;
import io.tidemark.sql.Failures;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one database: a real round trip ({@code SELECT 1}) that must answer within a few seconds,
 * not the pool's opinion. The details never include the URL or credentials.
 */
public final class DatabaseHealthCheck extends AbstractHealthCheck {

    private static final long TIMEOUT_SECONDS = 3;

    private final DataSource dataSource;
    private final String ping;
    /** Which database and where, for messages: "target database at db2:3306". */
    private final String where;

    public DatabaseHealthCheck(String which, DataSource dataSource, Dialect dialect) {
        super("tidemark", "database:" + which);
        this.dataSource = dataSource;
        this.ping = dialect.catalog().ping();
        this.where = which + " database at " + (dataSource instanceof HikariDataSource pool
                ? DatabaseProbe.address(pool.getJdbcUrl()) : "(unknown address)");
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long start = System.nanoTime();
        try {
            CompletableFuture.runAsync(this::roundTrip).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            builder.detail("round.trip.ms", (System.nanoTime() - start) / 1_000_000).up();
        } catch (TimeoutException e) {
            builder.message(where + ": no answer within " + TIMEOUT_SECONDS + " s").down();
        } catch (Exception e) {
            builder.message(where + ": " + Failures.describe(e)).down();
        }
    }

    private void roundTrip() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout((int) TIMEOUT_SECONDS);
            s.execute(ping);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
