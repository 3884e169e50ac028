package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * In a cluster, Quartz's tables in the target hold job data as text: nothing there is ever read as a serialized
 * Java object, so whoever can write those tables cannot plant one that runs when read.
 */
class QuartzJobDataIT {

    @Test
    void jobDataIsStoredAsTextAndASerializedObjectPlantedThereIsRemovedUnreadAndTheTableRescheduled() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "quartzdata");
        f.source.execute("CREATE TABLE items (id INT PRIMARY KEY, changed DATETIME(6) NOT NULL)",
                "INSERT INTO items VALUES (1, NOW(6))");
        String routes = table("table", "items", "modifier", "changed", "schedule", "1s", "lag", "0s");
        TidemarkApp first = f.app(routes).option("-Dtidemark.cluster.enabled=true").start();
        try {
            TidemarkApp.await(Duration.ofSeconds(60), () -> f.target.count("SELECT COUNT(*) FROM items") == 1, "the first load");
        } finally {
            first.stop();
        }
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM _tidemark_qrtz_JOB_DETAILS WHERE LEFT(job_data, 2) = X'ACED'"
                + " OR LOCATE('CamelQuartzEndpoint', job_data) = 0"), "job data as text");
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM _tidemark_qrtz_TRIGGERS WHERE LEFT(job_data, 2) = X'ACED'"));

        assertEquals(1, f.target.count("SELECT COUNT(*) FROM _tidemark_qrtz_JOB_DETAILS WHERE job_name = 'items'"),
                "the cluster keeps the job while its instances are down");
        // A serialized object, as an older version or an attacker would have written it.
        Map<String, Object> planted = new HashMap<>(Map.of("payload", new java.awt.Point(1, 2)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(planted);
        }
        f.target.execute("UPDATE _tidemark_qrtz_JOB_DETAILS SET job_data = X'" + HexFormat.of().formatHex(bytes.toByteArray())
                + "' WHERE job_name = 'items'");
        f.source.execute("INSERT INTO items VALUES (2, NOW(6))");
        TidemarkApp second = f.app(routes).option("-Dtidemark.cluster.enabled=true").start();
        try {
            TidemarkApp.await(Duration.ofSeconds(60), () -> f.target.count("SELECT COUNT(*) FROM items") == 2,
                    "the table running again");
        } finally {
            second.stop();
        }
        assertTrue(second.output().contains("Removed the schedule of table items from the cluster's job store: its job "
                + "data was not text"), second.output());
        assertFalse(second.output().contains("Java deserialization refused"), "never even read");
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM _tidemark_qrtz_JOB_DETAILS WHERE LEFT(job_data, 2) = X'ACED'"));
    }
}
