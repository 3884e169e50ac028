package io.tidemark.modes;

import io.tidemark.table.TableRegistry;
import io.tidemark.table.TableSettings;

import com.zaxxer.hikari.HikariDataSource;
import io.tidemark.sql.DatabaseProbe;
import io.tidemark.sql.Dialect;
import io.tidemark.sql.Failures;
import io.tidemark.sql.Grants;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * {@code --check}: loads the settings and the routes as a start would, reaches both databases and checks every
 * table against their catalogs, then prints one line per table and exits, without starting Camel: no schedule,
 * no HTTP server, nothing created or written. Exit code 0 when everything is fine, 1 when a table has a
 * problem, 2 when the configuration cannot be loaded or a database cannot be reached.
 */
public final class CheckMode {

    private static final long PROBE_TIMEOUT_MS = 5000;

    private CheckMode() {
    }

    public static int run(Main main, PrintStream out) {
        try {
            main.init();
        } catch (Exception e) {
            out.println("configuration: " + messages(e));
            return 2;
        }
        CamelContext context = main.getCamelContext();
        boolean reached = reach("source", context.getRegistry().lookupByNameAndType("sourceDataSource",
                DataSource.class), out) & reach("target", context.getRegistry().lookupByNameAndType("targetDataSource",
                DataSource.class), out);
        if (!reached) {
            out.println("tables: not checked, a database cannot be reached");
            return 2;
        }
        TableRegistry registry = context.getRegistry().lookupByNameAndType("tableRegistry", TableRegistry.class);
        Map<String, List<String>> tables = registry.check();
        if (tables.isEmpty()) {
            out.println("tables: none configured; add a templatedRoute per table to routes/tables.camel.yaml");
            return 1;
        }
        privileges(context, tables);
        tables.forEach((table, problems) -> out.println(table + ": "
                + (problems.isEmpty() ? "OK" : String.join("; ", problems))));
        return tables.values().stream().allMatch(List::isEmpty) ? 0 : 1;
    }

    /**
     * What each table needs its users to be allowed: SELECT on the source table; SELECT, INSERT, UPDATE on the target
     * table, and for a full refresh (which replaces the table through a staging table) CREATE, DROP and ALTER too.
     * A privilege missing is a problem of the table, with the GRANT that gives it.
     */
    private static void privileges(CamelContext context, Map<String, List<String>> tables) {
        Grants source;
        Grants target;
        try {
            source = Grants.read(context.getRegistry().lookupByNameAndType("sourceDataSource", DataSource.class),
                    context.getRegistry().lookupByNameAndType("sourceDialect", Dialect.class));
            target = Grants.read(context.getRegistry().lookupByNameAndType("targetDataSource", DataSource.class),
                    context.getRegistry().lookupByNameAndType("targetDialect", Dialect.class));
        } catch (Exception e) {
            return; // privileges cannot be read here: the tables' runs will say what they lack
        }
        TableRegistry registry = context.getRegistry().lookupByNameAndType("tableRegistry", TableRegistry.class);
        for (TableSettings settings : registry.declaredSettings().values()) {
            List<String> problems = tables.computeIfAbsent(settings.table(), t -> new java.util.ArrayList<>());
            lacking(problems, settings.table(), "source", source, settings.table(), List.of("SELECT"), "");
            lacking(problems, settings.table(), "target", target, settings.targetTable(), settings.incremental()
                    ? List.of("SELECT", "INSERT", "UPDATE")
                    : List.of("SELECT", "INSERT", "UPDATE", "CREATE", "DROP", "ALTER"),
                    settings.incremental() ? "" : " (a full refresh replaces the table through a staging table)");
        }
    }

    private static void lacking(List<String> problems, String table, String which, Grants grants, String on,
                                List<String> needed, String why) {
        List<String> missing = grants.missing(on, needed);
        if (!missing.isEmpty()) {
            String privileges = String.join(", ", missing);
            problems.add("table '" + table + "': the " + which + " user " + grants.user() + " lacks " + privileges
                    + " on " + grants.schema() + "." + on + why + ": GRANT " + privileges + " ON `" + grants.schema()
                    + "`.* TO " + grants.user().replaceAll("^(.*)@([^@]*)$", "'$1'@'$2'"));
        }
    }

    /** Each cause's own message once, outermost first (a YAML error says where it is only in a cause). */
    public static String messages(Throwable e) {
        List<String> messages = new java.util.ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (messages.stream().noneMatch(known -> known.contains(m))) {
                messages.add(m);
            }
        }
        return String.join("\n  caused by: ", messages);
    }

    private static boolean reach(String which, DataSource database, PrintStream out) {
        try {
            Optional<String> down = DatabaseProbe.probe(which, (HikariDataSource) database, PROBE_TIMEOUT_MS);
            if (down.isPresent()) {
                out.println(which + " database: cannot connect: " + down.get());
                return false;
            }
        } catch (IllegalStateException refused) {
            out.println(which + " database: " + refused.getMessage());
            return false;
        }
        try (Connection c = database.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            out.println(which + " database: OK (" + DatabaseProbe.version(meta) + ", database '"
                    + c.getCatalog() + "', user " + meta.getUserName() + ")");
            return true;
        } catch (Exception e) {
            out.println(which + " database: cannot connect: " + Failures.describe(e));
            return false;
        }
    }
}
