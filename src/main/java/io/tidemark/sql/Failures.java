package io.tidemark.sql;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

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

    /** The bean the error policy asks: {@code isTransient(${exception})}. */
    public static final Failures INSTANCE = new Failures();

    private Failures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                if (state.startsWith("08") || state.equals("40001") || TRANSIENT_CODES.contains(sql.getErrorCode())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A one-line description for logs and the state table: SQLState, vendor code and message, no URL. */
    public static String describe(Throwable failure) {
        SQLException sql = null;
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && sql == null) {
                sql = s;
            }
            root = t;
        }
        if (sql != null) {
            return "SQLState " + sql.getSQLState() + ", vendor code " + sql.getErrorCode() + ": " + firstLine(sql.getMessage());
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
