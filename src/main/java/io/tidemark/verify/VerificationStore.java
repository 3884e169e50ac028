package io.tidemark.verify;

import io.tidemark.sql.Dialect;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** What repairs leave in the target: a loads row per repair that wrote rows (status {@code repaired}). */
public final class VerificationStore {

    private final JdbcTemplate jdbc;
    private final String sql;

    public VerificationStore(DataSource target, Dialect dialect, String loadsTable) {
        this.jdbc = new JdbcTemplate(target);
        this.sql = dialect.store().repairedLoad(loadsTable);
    }

    /** The repair's load id with the rows it wrote, so that each repaired row's {@code _tidemark_load_id} is found. */
    public void recordLoad(String table, String loadId, String startedAt, long rows) {
        jdbc.update(sql, table, loadId, startedAt, rows);
    }
}
