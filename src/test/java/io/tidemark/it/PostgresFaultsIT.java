package io.tidemark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tidemark.it.servers.MariaDb10Server;
import io.tidemark.it.servers.PostgresServer;
import io.tidemark.it.servers.Servers;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults with a PostgreSQL 15 target (MariaDB 10.11 source), as CrashRecoveryIT and ConnectionLossIT inflict them on
 * MySQL pairs: a SIGKILL in the middle of a first load through COPY, and every connection of the app terminated
 * by the server in the middle of a run. Each batch's rows and the watermark they advance commit together.
 */
class PostgresFaultsIT {

    private static final int ROWS = 40_000;

    private static MariaDb10Server mariaDb;
    private static PostgresServer postgres;

    @BeforeAll
    static void start() {
        assumeTrue(MariaDb10Server.available() && PostgresServer.available(), "needs mariadb-server, postgresql-15");
        mariaDb = MariaDb10Server.start("+05:30");
        postgres = PostgresServer.start("America/Sao_Paulo");
    }

    @AfterAll
    static void stop() {
        Servers.closeAll(mariaDb, postgres);
    }

    /** A source table of {@link #ROWS} rows and an empty target database, both named {@code name}. */
    private static Database[] pair(String name) {
        mariaDb.createDatabase(name);
        Database source = new Database(mariaDb.jdbcUrl(name));
        source.execute("CREATE TABLE events (id INT PRIMARY KEY, payload VARCHAR(100) NOT NULL, "
                        + "updated_at DATETIME(6) NOT NULL, KEY (updated_at))",
                "INSERT INTO events WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + ROWS
                        + ") SELECT i, REPEAT('x', 1 + i % 90), NOW(6) - INTERVAL 1 HOUR FROM n");
        return new Database[] {source, new Database(postgres.appDatabase(name))};
    }

    private static long rowsSynced(Database target) {
        try {
            String rows = target.value("SELECT rows_synced FROM _tidemark_state WHERE table_name = 'events'");
            return rows == null ? 0 : Long.parseLong(rows);
        } catch (IllegalStateException notYetCreated) {
            return 0;
        }
    }

    private static void assertSame(Database source, Database target) {
        String rows = "SELECT id, payload FROM events ORDER BY id";
        assertTrue(source.rows(rows).equals(target.rows(rows)), "events differs between source and target");
        assertEquals(ROWS, rowsSynced(target));
        assertEquals(0, target.count("SELECT COUNT(*) FROM _tidemark_dead_letters"));
    }

    @Test
    void aProcessKilledInTheMiddleOfAFirstLoadThroughCopyResumesAndEndsIdentical() throws Exception {
        Database[] db = pair("crash");
        TidemarkApp app = TidemarkApp.without("postgres-crash", db[0], db[1], TidemarkApp.table("table", "events",
                "modifier", "updated_at", "batchSize", "500", "schedule", "1s")).option("-Dtidemark.bulk.batch-rows=1");
        app.start();
        try {
            TidemarkApp.await(Duration.ofSeconds(90), () -> rowsSynced(db[1]) > 0, "a first batch");
        } finally {
            app.kill();
        }
        long committed = rowsSynced(db[1]);
        assertTrue(committed < ROWS, "killed before the end of the load (" + committed + " rows)");
        assertEquals(committed, db[1].count("SELECT COUNT(*) FROM events"), "the rows are the watermark's, exactly");

        TidemarkApp.Result rest = app.once();

        assertEquals(0, rest.exitCode(), rest.output());
        assertSame(db[0], db[1]);
    }

    @Test
    void connectionsTerminatedMidRunAreRetriedAndEveryRowArrivesCountedOnce() throws Exception {
        Database[] db = pair("terminated");
        TidemarkApp app = TidemarkApp.without("postgres-terminated", db[0], db[1], TidemarkApp.table("table",
                        "events", "modifier", "updated_at", "batchSize", "100", "schedule", "2s"))
                .option("-Dtidemark.retry.first-delay-ms=100").option("-Dtidemark.bulk.batch-rows=1");
        app.start();
        try {
            int cuts = 0;
            while (cuts < 5 && rowsSynced(db[1]) < ROWS) {
                if (rowsSynced(db[1]) > 0) {
                    // The server ends every session of the app, as an administrator or a failover would.
                    try (Connection c = postgres.connect("terminated"); Statement s = c.createStatement()) {
                        s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                + "WHERE datname = 'terminated' AND pid <> pg_backend_pid()");
                    }
                    cuts++;
                }
                Thread.sleep(300);
            }
            TidemarkApp.await(Duration.ofSeconds(120), () -> rowsSynced(db[1]) >= ROWS
                    && db[1].count("SELECT COUNT(*) FROM events") == ROWS, "every row");
        } finally {
            app.stop();
        }
        assertSame(db[0], db[1]);
        assertTrue(app.output().contains("events: transient failure, retry 1 of 5"), app.output());
        assertFalse(app.output().contains("run failed"), app.output());
    }
}
