package io.tidemark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidemark.cluster.QuartzTables.Create;
import io.tidemark.sql.MySqlDialect;
import io.tidemark.sql.PostgresDialect;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The DDL shipped in the quartz jar, read for a prefix: its CREATE statements only, in order. */
class QuartzTablesTest {

    private static final String SCRIPT = QuartzTables.script(new MySqlDialect().cluster().quartzScript());

    private final List<Create> creates = QuartzTables.statements(SCRIPT, "_tm_q_");

    @Test
    void elevenTablesAreCreatedParentsBeforeTheTablesThatReferToThem() {
        assertEquals(List.of("_tm_q_JOB_DETAILS", "_tm_q_TRIGGERS", "_tm_q_SIMPLE_TRIGGERS", "_tm_q_CRON_TRIGGERS",
                        "_tm_q_SIMPROP_TRIGGERS", "_tm_q_BLOB_TRIGGERS", "_tm_q_CALENDARS", "_tm_q_PAUSED_TRIGGER_GRPS",
                        "_tm_q_FIRED_TRIGGERS", "_tm_q_SCHEDULER_STATE", "_tm_q_LOCKS"),
                creates.stream().filter(c -> !c.index()).map(Create::table).toList());
    }

    @Test
    void twentyIndexesFollowEachOnAPrefixedTable() {
        List<Create> indexes = creates.stream().filter(Create::index).toList();
        assertEquals(20, indexes.size());
        assertTrue(indexes.stream().allMatch(c -> c.table().startsWith("_tm_q_")), indexes.toString());
        assertEquals("CREATE INDEX IDX__tm_q_J_REQ_RECOVERY ON _tm_q_JOB_DETAILS(SCHED_NAME,REQUESTS_RECOVERY)",
                indexes.get(0).sql());
    }

    @Test
    void theScriptsDropsCommentsAndCommitAreLeftOut() {
        for (Create create : creates) {
            String sql = create.sql().toUpperCase(Locale.ROOT);
            assertTrue(sql.startsWith("CREATE "), sql);
            assertFalse(sql.contains("DROP") || sql.contains("COMMIT") || sql.contains("#"), sql);
        }
        assertTrue(SCRIPT.contains("DROP TABLE IF EXISTS QRTZ_FIRED_TRIGGERS"),
                "the shipped script still drops every table first: the reason only CREATE statements are run");
    }

    @Test
    void theOldPrefixIsReplacedEverywhere() {
        assertTrue(creates.stream().noneMatch(c -> c.sql().contains("QRTZ_")));
        assertTrue(creates.get(1).sql().contains("REFERENCES _tm_q_JOB_DETAILS(SCHED_NAME,JOB_NAME,JOB_GROUP)"),
                creates.get(1).sql());
    }

    @Test
    void postgresqlsScriptGivesTheSameElevenTablesAndTwentyIndexes() {
        List<Create> postgres = QuartzTables.statements(QuartzTables.script(
                new PostgresDialect().cluster().quartzScript()), "_tm_q_");
        assertEquals(creates.stream().filter(c -> !c.index()).map(Create::table).toList(),
                postgres.stream().filter(c -> !c.index()).map(Create::table).toList());
        assertEquals(20, postgres.stream().filter(Create::index).count());
        assertTrue(postgres.stream().noneMatch(c -> c.sql().contains("QRTZ_")));
        assertTrue(postgres.get(0).sql().contains("JOB_DATA          BYTEA"), postgres.get(0).sql());
    }
}
