package io.tidemark.run;

import io.tidemark.table.TableRegistry;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Route;
import org.apache.camel.Service;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * A table's route starts only once its table is prepared: just before the route's consumer (its Quartz trigger)
 * starts, a table still waiting for a database is checked and prepared ({@link TableRegistry#prepareWaiting}).
 * While that fails the route does not start, and the supervising route controller
 * ({@code camel.routecontroller.*}) tries again with back-off; health shows the route and the reason meanwhile.
 */
public final class TableStart extends LifecycleStrategySupport {

    private final TableRegistry tables;

    public TableStart(TableRegistry tables) {
        this.tables = tables;
    }

    @Override
    public void onServiceAdd(CamelContext context, Service service, Route route) {
        if (service instanceof Consumer && route != null) {
            tables.prepareWaiting(route.getRouteId());
        }
    }
}
