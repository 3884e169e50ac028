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

    // missing privileges

    @Test
    void aTableCommandDeniedOnMySqlNamesThePrivilegeTheUserAndTheGrantInTheDatabaseGiven() {
        SQLException denied = new SQLException("INSERT command denied to user 'sync'@'10.0.0.5' for table "
                + "'_tidemark_source_columns'", "42000", 1142);
        assertEquals("the database user 'sync'@'10.0.0.5' lacks the INSERT privilege on table "
                        + "'_tidemark_source_columns' of database 'shop'; grant it: GRANT INSERT ON `shop`.* TO "
                        + "'sync'@'10.0.0.5';",
                Failures.missingPrivilege(new RuntimeException(denied), "shop").orElseThrow());
    }

    @Test
    void aTableCommandDeniedOnMariaDbTakesTheDatabaseFromTheMessage() {
        SQLException denied = new SQLException("DROP command denied to user 'sync'@'localhost' for table "
                + "`shop`.`orders__tidemark_new`", "42000", 1142);
        assertEquals("the database user 'sync'@'localhost' lacks the DROP privilege on table 'orders__tidemark_new' "
                        + "of database 'shop'; grant it: GRANT DROP ON `shop`.* TO 'sync'@'localhost';",
                Failures.missingPrivilege(denied, "other").orElseThrow());
    }

    @Test
    void aDatabaseAccessDeniedNamesTheUserAndTheGrants() {
        SQLException denied = new SQLException("Access denied for user 'sync'@'%' to database 'shop'", "42000", 1044);
        assertTrue(Failures.missingPrivilege(denied, "x").orElseThrow().contains(
                "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP ON `shop`.* TO 'sync'@'%'"));
    }

    @Test
    void anyOtherFailureIsNotAMissingPrivilege() {
        assertTrue(Failures.missingPrivilege(new SQLException("Duplicate entry '1' for key 'PRIMARY'", "23000", 1062),
                "shop").isEmpty());
        assertTrue(Failures.missingPrivilege(new SQLException("Access denied for user 'x'@'h' (using password: YES)",
                "28000", 1045), "shop").isEmpty());
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

    // PostgreSQL (PgJDBC: SQLState only, vendor code 0)

    @Test
    void postgresqlDeadlocksLockTimeoutsCancelledStatementsAndShutdownsAreTransient() {
        for (String state : new String[] {"40P01", "55P03", "57014", "57P01", "53300", "08006"}) {
            assertTrue(Failures.isTransient(new SQLException("from PostgreSQL", state, 0)), state);
        }
    }

    @Test
    void aWrongPostgresqlPasswordOrDatabaseIsRefusedForGoodNotRetried() {
        SQLException password = new SQLException("FATAL: password authentication failed for user \"sync\"", "28P01");
        SQLException database = new SQLException("FATAL: database \"shpo\" does not exist", "3D000");
        assertTrue(Failures.isRefused(password));
        assertFalse(Failures.isTransient(new SQLTransientConnectionException("pool timeout", null, password)));
        assertTrue(Failures.isRefused(database));
    }

    @Test
    void postgresqlDataErrorsRejectTheRowAndAMissingTableFailsTheRun() {
        assertTrue(Failures.isRowRejected(new SQLException("ERROR: date/time field value out of range", "22008")));
        assertTrue(Failures.isRowRejected(new SQLException("ERROR: invalid byte sequence for encoding", "22021")));
        assertFalse(Failures.isRowRejected(new SQLException("ERROR: relation \"t\" does not exist", "42P01")));
    }
}
