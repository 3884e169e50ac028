package io.tidemark.sql;

import java.net.ConnectException;
import org.apache.camel.Exchange;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that decides whether a failure is transient (retry with back-off: the same statement can
 * succeed later) or permanent (stop the run and report), from SQLState and MySQL/MariaDB vendor codes.
 */
public final class Failures {

    /**
     * 1040 too many connections, 1053 server shutdown, 1205 lock wait timeout, 1213 deadlock,
     * 1317 query interrupted, 1927 connection killed (MariaDB), 2002/2003 cannot connect, 2006 gone away,
     * 2013 lost connection, 3024 max execution time exceeded.
     */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1040, 1053, 1205, 1213, 1317, 1927, 2002, 2003,
            2006, 2013, 3024);

    /**
     * PostgreSQL's transient SQLStates beyond class 08 and 40001: 40P01 deadlock, 53300 too many connections,
     * 55P03 lock not available, 57014 statement cancelled (a timeout), 57P01/57P02 server shutting down, 57P03 server
     * starting.
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("40P01", "53300", "55P03", "57014", "57P01", "57P02",
            "57P03");

    /** PostgreSQL refusing a connection for good: 28P01 wrong password, 3D000 no such database. */
    private static final Set<String> REFUSED_STATES = Set.of("28000", "28P01", "3D000");

    /** 1142: "INSERT command denied to user 'u'@'h' for table 't'" (MariaDB: {@code `db`.`t`}; MySQL 8.1+: 'db.t'). */
    private static final Pattern TABLE_DENIED = Pattern.compile(
            "(\\w+(?: \\w+)*) command denied to user '([^']*)'@'([^']*)' for table [`']?([^`'.]+)(?:[`']?\\.[`']?([^`']+))?[`']?");
    /** 1044: "Access denied for user 'u'@'h' to database 'db'". */
    private static final Pattern DATABASE_DENIED = Pattern.compile(
            "Access denied for user '([^']*)'@'([^']*)' to database '([^']*)'");

    /** The bean the error policy asks ({@code ref: failures}, {@link #transientFailure}). */
    public static final Failures INSTANCE = new Failures();

    private Failures() {
    }

    /** For the error policy's onWhen: is the exchange's failure transient? */
    public boolean transientFailure(Exchange exchange) {
        return isTransient(failure(exchange));
    }

    /** The failure being handled: in EXCEPTION_CAUGHT while an onException's onWhen is evaluated. */
    private static Throwable failure(Exchange exchange) {
        Throwable failure = exchange.getException();
        return failure != null ? failure : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    /**
     * Connection failures that waiting does not cure, even when a pool reports them as a timeout: 1044 no access
     * to the database, 1045/1698 access denied (SQLState 28000), 1049 unknown database, 1129/1130 host blocked or
     * not allowed, 1251/2059 authentication method, 1820/1862 password expired, 3118 account locked.
     */
    private static final Set<Integer> REFUSED_CODES = Set.of(1044, 1045, 1049, 1129, 1130, 1251, 1698, 1820, 1862,
            2059, 3118);

    /** Does the database refuse the connection for good (credentials, database name, access)? */
    public static boolean isRefused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && (REFUSED_STATES.contains(String.valueOf(sql.getSQLState()))
                    || REFUSED_CODES.contains(sql.getErrorCode()))) {
                return true;
            }
        }
        return false;
    }

    public static boolean isTransient(Throwable failure) {
        if (isRefused(failure)) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                if (state.startsWith("08") || state.equals("40001") || TRANSIENT_STATES.contains(state)
                        || TRANSIENT_CODES.contains(sql.getErrorCode())) {
                    return true;
                }
                // HikariCP's answer for a connection the pool closed under a statement (killed, evicted): no
                // SQLState, but the next attempt gets a new connection.
                if (state.isEmpty() && String.valueOf(sql.getMessage()).toLowerCase().contains("connection is closed")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Errors a single row causes, so the batch is split to find it and the row is dead-lettered: SQLState
     * class 22 (data exception) and 23 (constraint), and MySQL's data codes that come with HY000: 1048 NULL in
     * NOT NULL, 1062 duplicate unique value, 1264 out of range, 1265 truncated, 1292 bad date/time, 1366 bad
     * value, 1406 too long, 1416 bad geometry, 1452 foreign key, 1690 out of range, 3140 bad JSON,
     * 3819/4025 check constraint. Anything else (a missing table or column, no privilege) fails the run.
     */
    private static final Set<Integer> ROW_CODES = Set.of(1048, 1062, 1264, 1265, 1292, 1366, 1406, 1416, 1452,
            1690, 3140, 3819, 4025);

    public static boolean isRowRejected(Throwable failure) {
        if (isTransient(failure)) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                if (state.startsWith("22") || state.startsWith("23") || ROW_CODES.contains(sql.getErrorCode())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * When the failure is a privilege the database user lacks: which one, for whom, and the GRANT that fixes it.
     * {@code database} is the database the statement ran in, for the GRANT when the server's message does not say.
     */
    public static Optional<String> missingPrivilege(Throwable failure, String database) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getMessage() != null) {
                Matcher table = TABLE_DENIED.matcher(sql.getMessage());
                if (sql.getErrorCode() == 1142 && table.find()) {
                    String privilege = table.group(1).toUpperCase();
                    String db = table.group(5) != null ? table.group(4) : database;
                    String name = table.group(5) != null ? table.group(5) : table.group(4);
                    String account = "'" + table.group(2) + "'@'" + table.group(3) + "'";
                    return Optional.of("the database user " + account + " lacks the " + privilege
                            + " privilege on table '" + name + "' of database '" + db + "'; grant it: GRANT "
                            + privilege + " ON `" + db + "`.* TO " + account + ";");
                }
                Matcher db = DATABASE_DENIED.matcher(sql.getMessage());
                if (sql.getErrorCode() == 1044 && db.find()) {
                    String account = "'" + db.group(1) + "'@'" + db.group(2) + "'";
                    return Optional.of("the database user " + account + " has no privilege on database '"
                            + db.group(3) + "'; grant what it needs, e.g. for the target: GRANT SELECT, INSERT, "
                            + "UPDATE, DELETE, CREATE, ALTER, DROP ON `" + db.group(3) + "`.* TO " + account
                            + "; for the source: GRANT SELECT ON `" + db.group(3) + "`.* TO " + account + ";");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A one-line description for logs and the state table: the innermost SQLException's SQLState, vendor code
     * and message (what the server said, not a pool's wrapper), never a URL.
     */
    public static String describe(Throwable failure) {
        SQLException sql = null;
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s) {
                sql = s; // the innermost one says what the server said
            }
            root = t;
        }
        if (sql != null) {
            return "SQLState " + sql.getSQLState() + ", vendor code " + sql.getErrorCode() + ": " + firstLine(sql.getMessage())
                    + (isRefused(sql) ? " (the database refuses the connection for good: check the user, password "
                    + "and database name in the settings)" : "");
        }
        return root.getClass().getSimpleName() + ": " + firstLine(root.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
