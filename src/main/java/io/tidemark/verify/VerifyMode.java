package io.tidemark.verify;

import io.tidemark.CommandLine;
import io.tidemark.sql.Failures;
import io.tidemark.table.TableRegistry;
import io.tidemark.table.TableRegistry.Checked;
import java.io.PrintStream;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * {@code --verify [table ...]} and {@code --repair [table ...] [--force]}: load the settings and routes as a start
 * would, without starting Camel (no schedule, no HTTP server), compare each named table (all when none is named)
 * and, with {@code --repair}, repair it and compare again; one line per table. Exit code 0 when every table is equal
 * (afterwards), 1 when one differs, 2 when the configuration, a table's settings or a database is unusable.
 * {@code --verify} writes nothing to either database.
 */
public final class VerifyMode {

    private VerifyMode() {
    }

    /** Whether the command line asks for this mode. */
    public static boolean wanted(CommandLine line) {
        return line.mode() == CommandLine.Mode.VERIFY || line.mode() == CommandLine.Mode.REPAIR;
    }

    public static int run(Main main, CommandLine line, PrintStream out) {
        boolean repair = line.mode() == CommandLine.Mode.REPAIR;
        boolean force = line.has(CommandLine.Option.FORCE);
        List<String> named = new ArrayList<>(line.tables(repair ? CommandLine.Option.REPAIR : CommandLine.Option.VERIFY));
        try {
            main.init();
        } catch (Exception e) {
            out.println("configuration: " + e.getMessage());
            return 2;
        }
        CamelContext context = main.getCamelContext();
        for (String which : List.of("source", "target")) {
            try (Connection c = context.getRegistry().lookupByNameAndType(which + "DataSource", DataSource.class)
                    .getConnection()) {
                c.isValid(5);
            } catch (Exception e) {
                out.println(which + " database: cannot connect: " + Failures.describe(e));
                return 2;
            }
        }
        List<Checked> tables = context.getRegistry().lookupByNameAndType("tableRegistry", TableRegistry.class).checked();
        Verifications verifications = context.getRegistry().lookupByNameAndType("verifications", Verifications.class);
        List<String> configured = tables.stream().map(t -> String.valueOf(t.parameters().get("table"))).toList();
        int status = 0;
        for (String table : named) {
            if (!configured.contains(table)) {
                out.println(table + ": not a configured table; tables in routes/tables.camel.yaml: " + configured);
                status = 2;
            }
        }
        for (Checked table : tables) {
            String name = String.valueOf(table.parameters().get("table"));
            if (!named.isEmpty() && !named.contains(name)) {
                continue;
            }
            if (table.spec() == null) {
                out.println(name + ": cannot " + (repair ? "repair" : "verify") + ": "
                        + String.join("; ", table.problems()));
                status = 2;
                continue;
            }
            try {
                Deletes deletes = table.spec().settings().deletes();
                Verifications.Outcome outcome = repair ? verifications.repair(table.spec(), deletes, force)
                        : verifications.verify(table.spec(), deletes);
                out.println(outcome.line());
                status = Math.max(status, outcome.equal() ? 0 : 1);
            } catch (Exception e) {
                out.println(name + ": cannot " + (repair ? "repair" : "verify") + ": " + Failures.describe(e));
                status = 2;
            }
        }
        return status;
    }
}
