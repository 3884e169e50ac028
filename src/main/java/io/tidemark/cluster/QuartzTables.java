package io.tidemark.cluster;

import io.tidemark.sql.ClusterSql;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Quartz's job-store tables in the target database when they are missing, from the DDL for the server
 * that ships inside the quartz jar (MySQL's: {@code tables_mysql_innodb.sql}), with {@code QRTZ_} replaced by the
 * configured prefix. The script also drops
 * every table first and ends with {@code commit}: only its CREATE statements are run, and an index only on a table
 * created here. Instances starting together take turns ({@link StartupLock}), so only one of them creates.
 */
public final class QuartzTables {

    private static final Logger LOG = LoggerFactory.getLogger(QuartzTables.class);
    private static final Pattern CREATE_TABLE = Pattern.compile("(?is)CREATE\\s+TABLE\\s+(\\w+).*");
    private static final Pattern CREATE_INDEX = Pattern.compile("(?is)CREATE\\s+INDEX\\s+\\w+\\s+ON\\s+(\\w+)\\s*\\(.*");

    /** One CREATE statement of the script and the table it creates or indexes. */
    record Create(String table, boolean index, String sql) {
    }

    private final DataSource target;
    private final String prefix;
    private final ClusterSql sql;

    public QuartzTables(DataSource target, String prefix, ClusterSql sql) {
        this.target = target;
        this.prefix = prefix;
        this.sql = sql;
    }

    /** The script's CREATE statements in order, for this prefix; comments, DROPs and the final commit left out. */
    static List<Create> statements(String script, String prefix) {
        StringBuilder code = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("#") && !trimmed.startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        List<Create> creates = new ArrayList<>();
        for (String statement : code.toString().split(";")) {
            String sql = statement.trim().replace("QRTZ_", prefix);
            Matcher table = CREATE_TABLE.matcher(sql);
            Matcher index = CREATE_INDEX.matcher(sql);
            if (table.matches()) {
                creates.add(new Create(table.group(1), false, sql));
            } else if (index.matches()) {
                creates.add(new Create(index.group(1), true, sql));
            }
        }
        return creates;
    }

    /** The DDL script at {@code path} in the class path (Quartz ships one per server, see {@link ClusterSql}). */
    static String script(String path) {
        try (InputStream in = QuartzTables.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the class path (it ships in the quartz jar)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    /** Creates the tables that are missing, and their indexes; leaves existing tables as they are. */
    public void createMissing() {
        List<Create> creates = statements(script(sql.quartzScript()), prefix);
        try (Connection c = target.getConnection()) {
            Set<String> existing = existing(c);
            Set<String> created = new HashSet<>();
            for (Create create : creates) {
                String table = create.table().toLowerCase(Locale.ROOT);
                if (create.index() ? created.contains(table) : !existing.contains(table)) {
                    try (Statement s = c.createStatement()) {
                        s.execute(create.sql());
                    }
                    if (!create.index()) {
                        created.add(table);
                    }
                }
            }
            if (!created.isEmpty()) {
                LOG.info("Created Quartz's cluster tables in the target database: {}", created);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create Quartz's tables (prefix " + prefix + ") in the target "
                    + "database: " + e.getMessage() + "; the target user needs CREATE and INDEX there", e);
        }
    }

    /** Names (lower case) of the tables with this prefix in the target database. */
    private Set<String> existing(Connection c) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(sql.tablesLike())) {
            s.setString(1, prefix.toLowerCase(Locale.ROOT).replace("_", "!_") + "%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }
}
