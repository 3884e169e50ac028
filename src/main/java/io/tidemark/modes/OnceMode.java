package io.tidemark.modes;

import io.tidemark.status.TableStatus;
import io.tidemark.table.TableRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.MainSupport;
import org.apache.camel.spi.RouteError;

/**
 * {@code --once}: every table runs once, through its own route started from {@code direct:tidemark/<table>} (see
 * {@link io.tidemark.table.Schedule}: no Quartz, no schedule), up to {@value #TABLES_AT_ONCE} tables at a time;
 * this prints one line per table and stops Camel. Exit code 0 when every table succeeded, 1 when one failed (or
 * its route could not start), 2 when Tidemark could not start.
 * <p>
 * The supervising route controller starts the tables' routes after Camel has started, so the runs wait until
 * every table's route has started (or failed to).
 */
public final class OnceMode extends MainListenerSupport {

    /** Tables run at the same time, as many as Quartz's default thread pool ran before. */
    static final int TABLES_AT_ONCE = 10;

    private final MainSupport main;
    private final boolean asked;
    private volatile boolean enabled;
    private volatile int exitCode = 2;

    /** {@code asked}: the command line asked for a one-shot run (the setting tidemark.once can ask too). */
    public OnceMode(MainSupport main, boolean asked) {
        this.main = main;
        this.asked = asked;
    }

    public boolean enabled() {
        return enabled || asked;
    }

    public int exitCode() {
        return exitCode;
    }

    @Override
    public void afterConfigure(BaseMainSupport support) {
        enabled = RunOptions.of(main.getCamelContext()).once();
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
            }
            main.completed();
        }, "tidemark-once");
        waiter.setDaemon(true);
        waiter.start();
    }

    private static int runOnce(CamelContext context, TableRegistry tables, TableStatus status)
            throws InterruptedException {
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
        runAll(context, byRoute.keySet().stream().filter(r -> !notStarted.containsKey(byRoute.get(r))).toList());
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

    /** Each table's run through its route, several at a time; a run's outcome is in {@link TableStatus}. */
    private static void runAll(CamelContext context, List<String> routeIds) throws InterruptedException {
        ExecutorService pool = context.getExecutorServiceManager().newFixedThreadPool(OnceMode.class, "tidemark-once",
                Math.max(1, Math.min(TABLES_AT_ONCE, routeIds.size())));
        try (ProducerTemplate producer = context.createProducerTemplate()) {
            List<Future<?>> runs = new ArrayList<>();
            for (String routeId : routeIds) {
                Route route = context.getRoute(routeId);
                runs.add(pool.submit(() -> producer.send(route.getEndpoint(), exchange -> { })));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a table's run could not be started", e.getCause());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            context.getExecutorServiceManager().shutdownNow(pool);
        }
    }
}
