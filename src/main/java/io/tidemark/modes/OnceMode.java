package io.tidemark.modes;

import io.tidemark.status.TableStatus;
import io.tidemark.table.TableRegistry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.MainSupport;
import org.apache.camel.spi.RouteError;
import org.quartz.SchedulerException;

/**
 * {@code --once}: every table's trigger fires once (see {@link Schedule}); this waits until each table has
 * finished that run in the normal routes, prints one line per table and stops Camel. Exit code 0 when every
 * table succeeded, 1 when one failed (or its route could not start), 2 when Tidemark could not start.
 * <p>
 * The supervising route controller starts the tables' routes after Camel has started, so Quartz is held back
 * until every table's route has started (or failed to): a single fire that came before its route's consumer would
 * find no consumer and be lost, and this would wait for it forever.
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
    public void afterConfigure(BaseMainSupport support) {
        CamelContext context = main.getCamelContext();
        enabled = Boolean.parseBoolean(context.resolvePropertyPlaceholders("{{tidemark.once:false}}"));
        if (enabled) {
            context.getComponent("quartz", QuartzComponent.class).setAutoStartScheduler(false);
        }
    }

    @Override
    public void afterStart(BaseMainSupport support) {
        if (!enabled) {
            return;
        }
        CamelContext context = main.getCamelContext();
        TableRegistry tables = context.getRegistry().lookupByNameAndType("tableRegistry", TableRegistry.class);
        TableStatus status = context.getRegistry().lookupByNameAndType("tableStatus", TableStatus.class);
        Thread waiter = new Thread(() -> {
            try {
                exitCode = runOnce(context, tables, status);
            } catch (InterruptedException e) {
                return;
            } catch (SchedulerException e) {
                System.err.println("Tidemark could not start its scheduler: " + e.getMessage());
                exitCode = 2;
            }
            main.completed();
        }, "tidemark-once");
        waiter.setDaemon(true);
        waiter.start();
    }

    private static int runOnce(CamelContext context, TableRegistry tables, TableStatus status)
            throws InterruptedException, SchedulerException {
        Map<String, String> byRoute = new TreeMap<>(tables.tablesByRouteId());
        Map<String, String> notStarted = new LinkedHashMap<>(); // table -> why its route could not start
        while (true) {
            notStarted.clear();
            boolean settled = true;
            for (Map.Entry<String, String> table : byRoute.entrySet()) {
                Route route = context.getRoute(table.getKey());
                RouteError error = route == null ? null : route.getLastError();
                if (error != null && error.getPhase() == RouteError.Phase.START) {
                    notStarted.put(table.getValue(), String.valueOf(error.getException().getMessage()));
                } else if (route == null || !route.getCamelContext().getRouteController()
                        .getRouteStatus(table.getKey()).isStarted()) {
                    settled = false;
                }
            }
            if (settled) {
                break;
            }
            Thread.sleep(50);
        }
        context.getComponent("quartz", QuartzComponent.class).getScheduler().start();
        while (!byRoute.values().stream().allMatch(t -> notStarted.containsKey(t) || status.of(t).isPresent()
                || status.paused(t))) {
            Thread.sleep(50);
        }
        boolean allOk = true;
        for (String table : byRoute.values().stream().sorted().toList()) {
            if (notStarted.containsKey(table)) {
                allOk = false;
                System.out.printf("%s: FAILED, its route could not start - %s%n", table, notStarted.get(table));
                continue;
            }
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
        return allOk ? 0 : 1;
    }
}
