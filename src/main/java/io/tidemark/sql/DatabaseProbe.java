package io.tidemark.sql;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection attempt at start-up, before anything waits on the pool: a database that refuses Tidemark for
 * good (wrong password, unknown database, no access) stops start-up with one line naming the user, the host and
 * the fix, instead of looking like a database that does not answer; one that does not answer is reported within
 * seconds, so Tidemark can start (HTTP server and health first) and let its tables wait.
 */
public final class DatabaseProbe {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseProbe.class);
    private static final Pattern HOST = Pattern.compile("^jdbc:[a-z]+:(?:[a-z:]*)//(?:[^/@?]*@)?([^/?,]+)");

    private DatabaseProbe() {
    }

    /** {@code host:port} of a JDBC URL (port 3306 when none is given), for messages; never user or password. */
    public static String address(String url) {
        Matcher m = HOST.matcher(url);
        if (!m.find()) {
            return "(address not understood in the URL)";
        }
        String host = m.group(1);
        return host.contains(":") && !host.endsWith("]") ? host : host + ":3306";
    }

    /**
     * Connects once ({@code which} is "source" or "target"). Empty when the database answered; the reason when it
     * did not answer (a transient failure). Throws {@link IllegalStateException} with one line for a failure that
     * waiting does not cure.
     */
    public static Optional<String> probe(String which, HikariDataSource pool, long timeoutMs) {
        String address = address(pool.getJdbcUrl());
        LOG.info("Connecting to the {} database at {} as user '{}' ...", which, address, pool.getUsername());
        Properties properties = new Properties();
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("connectTimeout", String.valueOf(timeoutMs));
        properties.setProperty("socketTimeout", String.valueOf(timeoutMs));
        try (Connection ignored = DriverManager.getConnection(pool.getJdbcUrl(), properties)) {
            return Optional.empty();
        } catch (SQLException e) {
            if (Failures.isTransient(e)) {
                return Optional.of(Failures.describe(e) + " (" + which + " database at " + address + ")");
            }
            throw new IllegalStateException(refusal(which, address, pool.getUsername(), e), e);
        }
    }

    /**
     * The server's version as its vendor writes it: Connector/J reports MariaDB 10.x as {@code 5.5.5-10.11.19-MariaDB}
     * (the prefix MariaDB sends to old clients), shown here as {@code 10.11.19-MariaDB}.
     */
    public static String version(DatabaseMetaData meta) throws SQLException {
        String version = meta.getDatabaseProductVersion();
        return version.startsWith("5.5.5-") ? version.substring("5.5.5-".length()) : version;
    }

    /** The one line for a database that refuses: who, where, what it said, and what to do. */
    static String refusal(String which, String address, String user, SQLException e) {
        String variable = which.toUpperCase() + "_DB_";
        int code = e.getErrorCode();
        String fix;
        if (code == 1049) {
            fix = "the database named in " + variable + "URL does not exist there: create it or correct the URL";
        } else if (code == 1044) {
            fix = "grant user '" + user + "' access to that database, or use another user (" + variable + "USER)";
        } else if ("28000".equals(e.getSQLState()) || code == 1045 || code == 1698) {
            fix = "check " + variable + "USER and " + variable + "PASSWORD";
        } else if (code == 1130 || code == 1129) {
            fix = "allow user '" + user + "' to connect from this host, or use another user";
        } else {
            fix = "fix the connection settings (" + variable + "URL, " + variable + "USER, " + variable
                    + "PASSWORD) and start again";
        }
        return which + " database at " + address + " refuses user '" + user + "': SQLState " + e.getSQLState()
                + ", vendor code " + code + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "; "
                + fix;
    }
}
