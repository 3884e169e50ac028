package io.tidemark.table;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.MainSupport;

/**
 * {@code --once}: every table's trigger fires once (see {@link Schedule}); this waits until each table has
 * finished that run in the normal routes, prints one line per table and stops Camel. Exit code 0 when every
 * table succeeded, 1 when one failed, 2 when Tidemark could not start.
 */
public final class OnceMode extends MainListenerSupport {

    private final MainSupport main;
    private volatile boolean enabled;
    private volatile int exitCode = 2;

    public OnceMode(MainSupport main) {
        this.main = main;
    }

    public boolean enabled() {
        return enabled || Boolean.getBoolean("tidemark.once");
    }

    public int exitCode() {
        return exitCode;
    }

    @Override
    public void afterStart(BaseMainSupport support) {
        CamelContext context = main.getCamelContext();
        enabled = Boolean.parseBoolean(context.resolvePropertyPlaceholders("{{tidemark.once:false}}"));
        if (!enabled) {
            return;
        }
        TableRegistry tables = context.getRegistry().lookupByNameAndType("tableRegistry", TableRegistry.class);
        TableStatus status = context.getRegistry().lookupByNameAndType("tableStatus", TableStatus.class);
        Thread waiter = new Thread(() -> {
            List<String> names = tables.all().stream().map(TableSpec::table).sorted().toList();
            while (!names.stream().allMatch(t -> status.of(t).isPresent() || status.paused(t))) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
            boolean allOk = true;
            for (String table : names) {
                if (status.of(table).isEmpty()) {
                    System.out.printf("%s: paused, skipped%n", table);
                    continue;
                }
                TableStatus.Run run = status.of(table).orElseThrow().last();
                allOk &= run.ok();
                System.out.printf("%s: %s, %d rows, %.2f s%s%s%n", table, run.ok() ? "ok" : "FAILED", run.rows(),
                        run.duration().toMillis() / 1000.0,
                        run.deadLetters() > 0 ? ", " + run.deadLetters() + " dead letters" : "",
                        run.ok() ? "" : " - " + run.error());
            }
            exitCode = allOk ? 0 : 1;
            main.completed();
        }, "tidemark-once");
        waiter.setDaemon(true);
        waiter.start();
    }
}
