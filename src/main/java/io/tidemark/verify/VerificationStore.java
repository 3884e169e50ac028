package io.tidemark.verify;

import io.tidemark.sql.Dialect;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** What repairs leave in the target: a loads row per repair that wrote rows (status {@code repaired}). */
public final class VerificationStore {

    private final JdbcTemplate jdbc;
    private final String loads;

    public VerificationStore(DataSource target, Dialect dialect, String loadsTable) {
        this.jdbc = new JdbcTemplate(target);
        this.loads = dialect.quote(loadsTable);
    }

    /** The repair's load id with the rows it wrote, so that each repaired row's {@code _tidemark_load_id} is found. */
    public void recordLoad(String table, String loadId, String startedAt, long rows) {
        jdbc.update("INSERT INTO " + loads + " (table_name, load_id, started_at, finished_at, rows_written, status) "
                + "VALUES (?, ?, ?, UTC_TIMESTAMP(6), ?, 'repaired')", table, loadId, startedAt, rows);
    }
}
