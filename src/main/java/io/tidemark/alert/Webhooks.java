package io.tidemark.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts: each is logged, then queued once per webhook URL on {@code seda:tidemark-alerts}, whose route
 * (routes/alerts.camel.yaml) posts it with Camel's HTTP client, retrying, on its own threads: a sync never waits
 * for a webhook. The URLs may carry tokens: they travel in the {@code CamelHttpUri} header and are never logged;
 * a webhook is named by its position in {@code tidemark.alerts.webhook-urls} and its host.
 */
public final class Webhooks implements Consumer<Alert> {

    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    private static final String QUEUE = "seda:tidemark-alerts";
    private static final String WEBHOOK = "tidemark.webhook";
    private static final String EVENT = "tidemark.event";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> urls;
    private final Supplier<ProducerTemplate> producer;
    private final MeterRegistry meters;
    private final Supplier<String> instance;

    public Webhooks(List<String> urls, Supplier<ProducerTemplate> producer, MeterRegistry meters,
                    Supplier<String> instance) {
        this.urls = List.copyOf(urls);
        this.producer = producer;
        this.meters = meters;
        this.instance = instance;
        // from start-up, so that alerting rules and dashboards find them before the first alert
        meters.counter("tidemark.alerts.delivered").increment(0);
        meters.counter("tidemark.alerts.failed").increment(0);
    }

    @Override
    public void accept(Alert alert) {
        if (alert.event().endsWith("recovered") || alert.event().endsWith("cleared")) {
            LOG.info("Alert {}: {}", alert.event(), alert.message());
        } else {
            LOG.warn("Alert {}{}: {}", alert.event(), alert.reminder() ? " (reminder)" : "", alert.message());
        }
        meters.counter("tidemark.alerts", "event", alert.event()).increment();
        if (urls.isEmpty()) {
            return;
        }
        String body = json(alert);
        for (int i = 0; i < urls.size(); i++) {
            String url = urls.get(i);
            int webhook = i + 1;
            try {
                producer.get().send(QUEUE, exchange -> {
                    exchange.getMessage().setBody(body);
                    exchange.getMessage().setHeader(Exchange.HTTP_URI, url);
                    exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
                    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
                    exchange.setProperty(WEBHOOK, webhook);
                    exchange.setProperty(EVENT, alert.event());
                });
            } catch (RuntimeException queueFull) {
                failed(webhook, alert.event(), queueFull.getClass().getSimpleName() + " (alert queue full)");
            }
        }
    }

    /** The alert as posted: table, event, time, message, and {@code text} for Slack and Teams. */
    String json(Alert alert) {
        ObjectNode node = JSON.createObjectNode();
        node.put("text", alert.text());
        node.put("event", alert.event());
        if (alert.event().startsWith("instance_")) {
            node.putNull("table");
            node.put("instance", alert.subject());
        } else {
            node.put("table", alert.subject());
            node.put("instance", instance.get());
        }
        node.put("time", alert.time().toString());
        node.put("message", alert.message());
        node.put("reminder", alert.reminder());
        return node.toString();
    }

    /** The route's last step: the webhook answered 2xx. */
    public void delivered(Exchange exchange) {
        meters.counter("tidemark.alerts.delivered").increment();
    }

    /** The route's error handler, after the retries: logged (without the URL) and counted; nothing else fails. */
    public void failed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String why = cause == null ? "unknown failure" : cause.getClass().getSimpleName();
        if (cause instanceof org.apache.camel.http.base.HttpOperationFailedException http) {
            why = "HTTP status " + http.getStatusCode();
        }
        failed(exchange.getProperty(WEBHOOK, Integer.class), exchange.getProperty(EVENT, String.class), why);
    }

    private void failed(int webhook, String event, String why) {
        meters.counter("tidemark.alerts.failed").increment();
        LOG.warn("Alert {} not delivered to webhook {} of tidemark.alerts.webhook-urls (host {}): {}; check the URL "
                + "and that the receiver answers", event, webhook, host(urls.get(webhook - 1)), why);
    }

    private static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return "unreadable URL";
        }
    }
}
