package io.tidemark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures are retried (transient) and which stop the run (permanent), and how they are described. */
class FailuresTest {

    private static final String LINK_FAILURE = "Communications link failure\n\n"
            + "The last packet sent successfully to the server was 0 milliseconds ago.";

    // transient

    @Test
    void aLostLinkWithSqlState08S01IsTransient() {
        assertTrue(Failures.isTransient(new SQLException(LINK_FAILURE, "08S01", 0)));
    }

    @Test
    void aDeadlockIsTransientByItsVendorCodeAlone() {
        assertTrue(Failures.isTransient(new SQLException("Deadlock found when trying to get lock", "HY000", 1213)));
    }

    @Test
    void aLockWaitTimeoutIsTransient() {
        assertTrue(Failures.isTransient(new SQLException("Lock wait timeout exceeded", "HY000", 1205)));
    }

    @Test
    void aConnectionLostDuringAQueryIsTransient() {
        assertTrue(Failures.isTransient(new SQLException("Lost connection to MySQL server during query", "HY000", 2013)));
    }

    @Test
    void aSerializationFailureWithSqlState40001IsTransient() {
        assertTrue(Failures.isTransient(new SQLException("Deadlock found", "40001", 0)));
    }

    @Test
    void aTransientConnectionExceptionIsTransient() {
        assertTrue(Failures.isTransient(new SQLTransientConnectionException("pool exhausted")));
    }

    @Test
    void aRefusedConnectionIsTransient() {
        assertTrue(Failures.isTransient(new ConnectException("Connection refused")));
    }

    @Test
    void aTransientSqlExceptionDeepInsideRuntimeExceptionsIsTransient() {
        Throwable wrapped = new RuntimeException("route failed",
                new IllegalStateException("batch failed", new SQLException(LINK_FAILURE, "08S01", 0)));
        assertTrue(Failures.isTransient(wrapped));
    }

    @Test
    void aCauseChainThatPointsAtItselfEnds() {
        RuntimeException loop = new RuntimeException("loop") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };
        assertFalse(Failures.isTransient(loop));
    }

    // permanent

    @Test
    void aDuplicateKeyIsPermanent() {
        assertFalse(Failures.isTransient(new SQLException("Duplicate entry '1' for key 'PRIMARY'", "23000", 1062)));
    }

    @Test
    void dataTooLongIsPermanent() {
        assertFalse(Failures.isTransient(new SQLException("Data too long for column 'name' at row 1", "22001", 1406)));
    }

    @Test
    void aMissingTableIsPermanent() {
        assertFalse(Failures.isTransient(new SQLException("Table 'shop.orders' doesn't exist", "42S02", 1146)));
    }

    @Test
    void aPermanentSqlExceptionInsideARuntimeExceptionIsPermanent() {
        assertFalse(Failures.isTransient(new RuntimeException(
                new SQLException("Duplicate entry '1' for key 'PRIMARY'", "23000", 1062))));
    }

    @Test
    void aFailureWithoutSqlIsPermanent() {
        assertFalse(Failures.isTransient(new IllegalStateException("no such route")));
    }

    @Test
    void anSqlExceptionWithoutSqlStateOrCodeIsPermanent() {
        assertFalse(Failures.isTransient(new SQLException("something")));
    }

    // describe

    @Test
    void anSqlFailureIsDescribedBySqlStateVendorCodeAndMessage() {
        assertEquals("SQLState 23000, vendor code 1062: Duplicate entry '1' for key 'PRIMARY'",
                Failures.describe(new SQLException("Duplicate entry '1' for key 'PRIMARY'", "23000", 1062)));
    }

    @Test
    void aDescriptionKeepsOnlyTheFirstLineOfTheMessage() {
        assertEquals("SQLState 08S01, vendor code 0: Communications link failure",
                Failures.describe(new SQLException(LINK_FAILURE, "08S01", 0)));
    }

    @Test
    void aWrappedSqlFailureIsDescribedByTheSqlException() {
        Throwable wrapped = new RuntimeException("route failed\nsecond line",
                new SQLException("Lock wait timeout exceeded; try restarting transaction\nmore", "HY000", 1205));
        assertEquals("SQLState HY000, vendor code 1205: Lock wait timeout exceeded; try restarting transaction",
                Failures.describe(wrapped));
    }

    @Test
    void aFailureWithoutSqlIsDescribedByItsRootCause() {
        Throwable wrapped = new RuntimeException("outer", new IllegalArgumentException("bad value\nstack details"));
        assertEquals("IllegalArgumentException: bad value", Failures.describe(wrapped));
    }

    @Test
    void aFailureWithoutMessageIsDescribedByItsTypeAlone() {
        assertEquals("NullPointerException: ", Failures.describe(new NullPointerException()));
    }

    @Test
    void aDescriptionNeverContainsALaterLine() {
        String description = Failures.describe(new RuntimeException(new SQLException(
                "Access denied\njdbc:mysql://tidemark:s3cret@db/shop", "28000", 1045)));
        assertFalse(description.contains("\n"), description);
        assertFalse(description.contains("s3cret"), description);
    }

    @Test
    void aConnectionThePoolClosedUnderAStatementIsTransient() {
        assertTrue(Failures.isTransient(new RuntimeException(new java.sql.SQLException("Connection is closed"))));
    }

    @Test
    void aRefusedLoginIsPermanentEvenWhenThePoolReportsItAsATimeout() {
        SQLException denied = new SQLException("Access denied for user 'sync'@'10.0.0.5' (using password: YES)",
                "28000", 1045);
        assertFalse(Failures.isTransient(new SQLTransientConnectionException("tidemark-source - Connection is not "
                + "available, request timed out after 30000ms", "08001", denied)));
        assertFalse(Failures.isTransient(new SQLException("Unknown database 'shop'", "42000", 1049)));
        assertTrue(Failures.isRefused(denied));
        assertTrue(Failures.describe(denied).endsWith("(the database refuses the connection for good: check the user, "
                + "password and database name in the settings)"), Failures.describe(denied));
    }

    @Test
    void aRefusalNamesTheDatabaseItsAddressTheUserAndTheFix() {
        assertEquals("source database at db1:3306 refuses user 'sync': SQLState 28000, vendor code 1045: Access "
                + "denied for user 'sync'@'10.0.0.5' (using password: YES); check SOURCE_DB_USER and SOURCE_DB_PASSWORD",
                DatabaseProbe.refusal("source", "db1:3306", "sync", new SQLException("Access denied for user "
                        + "'sync'@'10.0.0.5' (using password: YES)", "28000", 1045)));
        assertEquals("db1:3306", DatabaseProbe.address("jdbc:mysql://db1/shop?useSSL=false"));
        assertEquals("db2:3307", DatabaseProbe.address("jdbc:mysql://sync:secret@db2:3307/shop"));
    }
}
