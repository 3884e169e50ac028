package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Alerts posted to webhooks: once per change of state, reminders while it lasts, never in the way of a sync. */
class AlertsIT {

    private static final String CREATE = "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, "
            + "updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6))";
    private static final String TOKEN = "T0KEN-s3cr3t";

    @Test
    void aTableFailingAtEveryRunAlertsOnceThenRemindsThenSaysItRecoveredAndLagAndDeadLettersAlertToo()
            throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "alerts");
        f.source.execute(CREATE, "INSERT INTO items (id, name) VALUES (1, 'one')");
        Api api = Api.onFreePort();
        try (Receiver receiver = Receiver.answering()) {
            TidemarkApp app = f.app(table("table", "items", "modifier", "updated_at", "schedule", "1s",
                            "maxLag", "3s"))
                    .option(api.portOption()).option("-Dtidemark.retry.attempts=0")
                    .option("-Dtidemark.alerts.webhook-urls=" + receiver.url(TOKEN))
                    .option("-Dtidemark.alerts.reminder-interval=4s").option("-Dtidemark.alerts.check-interval=500ms")
                    .start();
            try {
                TidemarkApp.await(Duration.ofSeconds(60), () -> f.target.count("SELECT COUNT(*) FROM items") == 1,
                        "the first run");
                f.source.execute("RENAME TABLE items TO items_away");
                TidemarkApp.await(Duration.ofSeconds(20), () -> !receiver.events("run_failed").isEmpty(),
                        "the run_failed alert");
                TidemarkApp.await(Duration.ofSeconds(20), () -> receiver.events("run_failed").size() == 2,
                        "a reminder");
                assertTrue(failedRuns(api) >= 3, "the table failed at every run meanwhile: " + failedRuns(api));
                f.source.execute("RENAME TABLE items_away TO items");
                TidemarkApp.await(Duration.ofSeconds(20), () -> !receiver.events("recovered").isEmpty(),
                        "the recovered alert");
                TidemarkApp.await(Duration.ofSeconds(20), () -> !receiver.events("lag_recovered").isEmpty(),
                        "the lag back under maxLag");
                // A value the target refuses (its column narrowed by hand): the row goes to the dead-letter table.
                f.target.execute("ALTER TABLE items MODIFY name VARCHAR(5) NOT NULL");
                f.source.execute("INSERT INTO items (id, name) VALUES (2, 'two'), (3, 'far too long')");
                TidemarkApp.await(Duration.ofSeconds(20), () -> !receiver.events("dead_letters").isEmpty(),
                        "the dead_letters alert");
            } finally {
                app.stop();
            }
            JsonNode first = receiver.events("run_failed").get(0);
            assertEquals("items", first.path("table").asText());
            assertFalse(first.path("reminder").asBoolean());
            assertTrue(first.path("message").asText().contains("items"), first.toString());
            assertTrue(first.path("text").asText().startsWith("Tidemark run failed: items"), first.toString());
            assertTrue(first.hasNonNull("time"), first.toString());
            assertTrue(receiver.events("run_failed").get(1).path("reminder").asBoolean(), "the second is a reminder");
            assertEquals(2, receiver.events("run_failed").size(), "one alert and one reminder, not one per run");
            assertEquals(1, receiver.events("recovered").size());
            assertFalse(receiver.events("lag_over_max").get(0).path("reminder").asBoolean(),
                    "the lag passed the table's maxLag of 3 s while it failed");
            assertTrue(receiver.events("dead_letters").get(0).path("message").asText()
                    .contains("1 rows the target refused"), receiver.events("dead_letters").toString());
            assertEquals(2, f.target.count("SELECT COUNT(*) FROM items"), "the good row of the batch arrived");
            assertFalse(app.output().contains(TOKEN), "the webhook URL's token never appears in the log");
        }
    }

    /** Two instances in a cluster; one is killed: the other announces it once (no reminder, no repeat). */
    @Test
    void anInstanceThatLeavesTheClusterIsAnnouncedOnceByTheOthers() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "alerts_cluster");
        f.source.execute(CREATE, "INSERT INTO items (id, name) VALUES (1, 'one')");
        try (Receiver receiver = Receiver.answering()) {
            java.util.List<TidemarkApp> apps = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int port;
                try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                    port = socket.getLocalPort();
                }
                apps.add(f.app(table("table", "items", "modifier", "updated_at", "schedule", "1s"))
                        .option("-Dtidemark.cluster.enabled=true").option("-Dtidemark.cluster.checkin-interval-ms=1000")
                        .option("-Dcamel.management.port=" + port)
                        .option("-Dtidemark.alerts.webhook-urls=" + receiver.url(TOKEN))
                        .option("-Dtidemark.alerts.reminder-interval=2s").option("-Dtidemark.alerts.check-interval=500ms"));
            }
            apps.get(0).start();
            apps.get(1).start();
            try {
                TidemarkApp.await(Duration.ofSeconds(90), () -> members(f) == 2, "both instances to check in");
                Thread.sleep(3_000); // each has seen the other alive
                apps.get(0).kill();
                TidemarkApp.await(Duration.ofSeconds(60), () -> !receiver.events("instance_left").isEmpty(),
                        "the instance_left alert");
                Thread.sleep(5_000); // longer than the reminder interval: a momentary event is not repeated
            } finally {
                for (TidemarkApp app : apps) {
                    app.stop();
                }
            }
            assertEquals(1, receiver.events("instance_left").size(), receiver.events("instance_left").toString());
            JsonNode left = receiver.events("instance_left").get(0);
            assertTrue(left.path("table").isNull(), left.toString());
            assertTrue(left.path("message").asText().contains("instance " + left.path("instance").asText()
                    + " left the cluster"), left.toString());
        }
    }

    /**
     * A verification that finds differences, or a repair whose deletes the guard refuses, raises verify_differs
     * (by hand, with --verify/--repair, it is logged and counted: webhooks are posted by a running Tidemark).
     */
    @Test
    void aVerificationFindingDifferencesAndARefusedRepairRaiseVerifyDiffers() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "alerts_verify");
        f.source.execute(CREATE, "INSERT INTO items (id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        TidemarkApp app = f.app(table("table", "items", "modifier", "updated_at"));
        assertEquals(0, app.once().exitCode());
        f.source.execute("DELETE FROM items WHERE id IN (2, 3)");

        TidemarkApp.Result verify = app.start("--verify", "items").awaitExit();
        TidemarkApp.Result refused = app.start("--repair", "items").awaitExit();

        assertEquals(1, verify.exitCode(), verify.output());
        assertTrue(verify.output().contains("Alert verify_differs: items: differs: 0 missing, 2 extra"),
                verify.output());
        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("Alert verify_differs: items: ") && refused.output().contains(
                "deletes refused"), refused.output());
    }

    /** Inside a running Tidemark, verify_differs is posted once while it lasts, then verify_equal. */
    @Test
    void aScheduledVerificationWhoseDeletesTheGuardRefusesPostsVerifyDiffersOnceThenVerifyEqual() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "alerts_verify_running");
        f.source.execute(CREATE, "INSERT INTO items (id, name) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                + "SELECT i + 1 FROM n WHERE i < 10) SELECT i, CONCAT('n', i) FROM n");
        try (Receiver receiver = Receiver.answering()) {
            TidemarkApp app = f.app(table("table", "items", "modifier", "updated_at", "schedule", "500ms",
                            "verify", "2s"))
                    .option("-Dtidemark.alerts.webhook-urls=" + receiver.url(TOKEN)).start();
            try {
                TidemarkApp.await(Duration.ofSeconds(60), () -> f.target.count("SELECT COUNT(*) FROM items") == 10,
                        "the first run");
                // half the rows gone at the source: more than the guard lets a repair delete
                f.source.execute("CREATE TABLE kept AS SELECT * FROM items WHERE id > 5",
                        "DELETE FROM items WHERE id > 5");
                TidemarkApp.await(Duration.ofSeconds(60), () -> !receiver.events("verify_differs").isEmpty(),
                        "the verify_differs alert");
                Thread.sleep(5_000); // more verifications, each refusing again
                f.source.execute("INSERT INTO items SELECT * FROM kept");
                TidemarkApp.await(Duration.ofSeconds(60), () -> !receiver.events("verify_equal").isEmpty(),
                        "the verify_equal alert");
            } finally {
                app.stop();
            }
            assertEquals(1, receiver.events("verify_differs").size(), "once, not once per verification");
            assertTrue(receiver.events("verify_differs").get(0).path("message").asText().contains("deletes refused"),
                    receiver.events("verify_differs").toString());
            assertEquals("items", receiver.events("verify_equal").get(0).path("table").asText());
            assertEquals(10, f.target.count("SELECT COUNT(*) FROM items"), "the guard deleted nothing");
        }
    }

    private static long members(SyncFixture f) {
        try {
            return f.target.count("SELECT COUNT(*) FROM _tidemark_qrtz_SCHEDULER_STATE");
        } catch (IllegalStateException notYet) {
            return 0;
        }
    }

    @Test
    void aWebhookThatNeverAnswersNeitherSlowsTheSyncNorHoldsBackTheOtherWebhooks() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "alerts_hang");
        f.source.execute(CREATE, "INSERT INTO items (id, name) VALUES (1, 'one')");
        Api api = Api.onFreePort();
        try (Receiver hanging = Receiver.hanging(); Receiver answering = Receiver.answering()) {
            TidemarkApp app = f.app(table("table", "items", "modifier", "updated_at", "schedule", "1s"))
                    .option(api.portOption()).option("-Dtidemark.retry.attempts=0")
                    .option("-Dtidemark.alerts.webhook-urls=" + hanging.url(TOKEN) + "," + answering.url(TOKEN))
                    .option("-Dtidemark.alerts.timeout-ms=3000").option("-Dtidemark.alerts.retries=1")
                    .option("-Dtidemark.alerts.retry-delay-ms=100").start();
            try {
                TidemarkApp.await(Duration.ofSeconds(60), () -> f.target.count("SELECT COUNT(*) FROM items") == 1,
                        "the first run");
                f.source.execute("RENAME TABLE items TO items_away");
                long broken = System.nanoTime();
                TidemarkApp.await(Duration.ofSeconds(10), () -> !answering.events("run_failed").isEmpty(),
                        "the alert at the webhook that answers");
                // The webhook listed first holds its delivery for 3 s per attempt; runs go on at their pace.
                TidemarkApp.await(Duration.ofSeconds(10), () -> failedRuns(api) >= 3, "three failed runs");
                assertTrue(System.nanoTime() - broken < Duration.ofMillis(5500).toNanos(),
                        "three runs on a 1 s schedule, none waiting for the 3 s webhook");
                assertTrue(hanging.connections() >= 1, "the hanging webhook was called");
                TidemarkApp.await(Duration.ofSeconds(20), () -> metric(api, "tidemark_alerts_failed_total") >= 1,
                        "the failed delivery counted");
            } finally {
                app.stop();
            }
            String log = app.output();
            assertTrue(log.contains("not delivered to webhook 1 of tidemark.alerts.webhook-urls (host 127.0.0.1)"),
                    log);
            assertFalse(log.contains(TOKEN), "the webhook URL's token never appears in the log");
        }
    }

    private static double failedRuns(Api api) {
        return metric(api, "tidemark_runs_total{outcome=\"failed\",table=\"items\"}");
    }

    /** A sample of /observe/metrics by its name and labels as printed; 0 when absent. */
    static double metric(Api api, String series) {
        try {
            Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE)
                    .matcher(api.get("/observe/metrics").body());
            return m.find() ? Double.parseDouble(m.group(1)) : 0;
        } catch (Exception notUpYet) {
            return 0;
        }
    }
}
