package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code fullRefresh: diff}: a table without a modifier kept in step by verify-and-repair (docs/verification.md). */
class DiffRefreshIT {

    @Test
    void afterTheFirstCopyOnlyTheRowsThatDifferTravel() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "diff_refresh");
        f.source.execute("CREATE TABLE codes (id INT PRIMARY KEY, label VARCHAR(40) NULL)",
                "INSERT INTO codes WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
                        + "SELECT i, CONCAT('code ', i) FROM n");
        Api api = Api.onFreePort();
        TidemarkApp app = f.app(table("table", "codes", "fullRefresh", "diff", "schedule", "1s"))
                .option(api.portOption()).start();
        try {
            TidemarkApp.await(Duration.ofSeconds(60), () -> AlertsIT.metric(api,
                    "tidemark_runs_total{outcome=\"ok\",table=\"codes\"}") >= 1, "the first copy");
            String firstLoad = f.target.value("SELECT MIN(_tidemark_load_id) FROM codes");
            assertEquals(1, f.target.count("SELECT COUNT(DISTINCT _tidemark_load_id) FROM codes"), "one copy");

            f.source.execute("UPDATE codes SET label = 'changed' WHERE id IN (10, 2000, 4999)",
                    "DELETE FROM codes WHERE id IN (20, 3000)", "INSERT INTO codes VALUES (6000, 'new')");

            TidemarkApp.await(Duration.ofSeconds(60), () -> f.target.count("SELECT COUNT(*) FROM codes") == 4999
                    && f.target.count("SELECT COUNT(*) FROM codes WHERE label = 'changed'") == 3
                    && f.target.count("SELECT COUNT(*) FROM codes WHERE id = 6000") == 1, "the differences repaired");

            f.assertSameRows("codes", "id", "id", "label");
            assertEquals(4995, f.target.count("SELECT COUNT(*) FROM codes WHERE _tidemark_load_id = '" + firstLoad
                    + "'"), "the rows that did not differ were not copied again");
            assertEquals(4, f.target.count("SELECT COUNT(*) FROM codes c JOIN _tidemark_loads l ON l.load_id = "
                    + "c._tidemark_load_id AND l.status = 'repaired'"), "the rows that differed carry a repair's load");
            long runs = (long) AlertsIT.metric(api, "tidemark_runs_total{outcome=\"ok\",table=\"codes\"}");
            TidemarkApp.await(Duration.ofSeconds(30), () -> AlertsIT.metric(api,
                    "tidemark_runs_total{outcome=\"ok\",table=\"codes\"}") >= runs + 2, "two more runs");
            assertEquals(4995, f.target.count("SELECT COUNT(*) FROM codes WHERE _tidemark_load_id = '" + firstLoad
                    + "'"), "an equal table's runs write nothing");
            assertTrue(app.output().contains("(verification, fullRefresh: diff)"), "its runs log their line");
        } finally {
            app.stop();
        }
    }
}
