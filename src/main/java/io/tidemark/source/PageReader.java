package io.tidemark.source;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * Reads pages of a table from the source (see {@link RowReader}), now or ahead: while a batch is written to the
 * target, the next page, which starts after the batch's last row, is read on a second source connection. Reading
 * has no side effect, so a page read ahead and then not used (the run failed, or moved elsewhere) is dropped.
 */
public final class PageReader {

    /**
     * One page's SELECT and its parameters, bound in order; columns marked in {@code asText} (or none, when null)
     * are read as the server's text (see {@link ServerText}).
     */
    public record Page(String sql, List<Object> parameters, boolean[] asText) {

        /** The same statement with equal parameters (byte arrays compared by content). */
        public boolean sameAs(Page other) {
            return sql.equals(other.sql) && Arrays.deepEquals(parameters.toArray(), other.parameters.toArray());
        }
    }

    private final JdbcTemplate source;
    private final ExecutorService readers;

    public PageReader(DataSource source, ExecutorService readers) {
        this.source = new JdbcTemplate(source);
        this.readers = readers;
    }

    /** Starts reading {@code page} on another connection. */
    public CompletableFuture<List<Object[]>> readAhead(Page page) {
        return CompletableFuture.supplyAsync(() -> read(page), readers);
    }

    /** Reads {@code page} now. */
    public List<Object[]> read(Page page) {
        return source.query(page.sql(), (PreparedStatement ps) -> {
            for (int i = 0; i < page.parameters().size(); i++) {
                Object value = page.parameters().get(i);
                if (value == null) {
                    ps.setNull(i + 1, Types.NULL);
                } else {
                    ps.setObject(i + 1, value);
                }
            }
        }, (ResultSetExtractor<List<Object[]>>) rs -> RowReader.readAll(rs, page.asText()));
    }
}
