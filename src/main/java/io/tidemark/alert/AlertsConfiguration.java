package io.tidemark.alert;

import io.micrometer.core.instrument.MeterRegistry;
import io.tidemark.cluster.ClusterMembers;
import io.tidemark.table.Schedule;
import io.tidemark.table.TableRegistry;
import io.tidemark.status.TableStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.Registry;

/**
 * Wires the alerts (routes/alerts.camel.yaml), after {@code TidemarkConfiguration}: {@code alerts} takes events
 * from anywhere ({@link Alerts#raise}), {@code alertWatch} observes runs, lag and the cluster, {@code webhooks}
 * delivers. Settings: {@code tidemark.alerts.*} in application.properties.
 */
public class AlertsConfiguration implements CamelConfiguration {

    @Override
    @SuppressWarnings("unchecked")
    public void configure(CamelContext context) {
        Registry registry = context.getRegistry();
        String urls = context.getPropertiesComponent().resolveProperty("tidemark.alerts.webhook-urls")
                .orElse(System.getenv("TIDEMARK_ALERTS_WEBHOOK_URLS"));
        List<String> webhookUrls = urls == null ? List.of()
                : Arrays.stream(urls.split(",")).map(String::trim).filter(u -> !u.isEmpty()).toList();
        Supplier<String> instance = registry.lookupByNameAndType("instanceId", Supplier.class);
        ProducerTemplate[] producer = new ProducerTemplate[1];
        Webhooks webhooks = new Webhooks(webhookUrls, () -> {
            synchronized (producer) {
                if (producer[0] == null) {
                    producer[0] = context.createProducerTemplate();
                }
                return producer[0];
            }
        }, registry.lookupByNameAndType("metricsRegistry", MeterRegistry.class), instance);
        Alerts alerts = new Alerts(webhooks, duration(context, "tidemark.alerts.reminder-interval", "1h"),
                Clock.systemUTC());
        registry.bind("webhooks", webhooks);
        registry.bind("alerts", alerts);
        registry.bind("alertWatch", new AlertWatch(alerts, registry.lookupByNameAndType("tableRegistry",
                TableRegistry.class), registry.lookupByNameAndType("tableStatus", TableStatus.class),
                registry.lookupByNameAndType("clusterMembers", ClusterMembers.class), instance));
    }

    private static Duration duration(CamelContext context, String key, String fallback) {
        String text = context.getPropertiesComponent().resolveProperty(key).orElse(fallback).trim();
        Long millis = Schedule.intervalMillis(text);
        if (millis == null) {
            throw new IllegalStateException(key + " '" + text + "' must be a duration such as 30m or 1h");
        }
        return Duration.ofMillis(millis);
    }
}
