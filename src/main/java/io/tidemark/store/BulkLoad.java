package io.tidemark.store;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.RuntimeProperty;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.JdbcStatement;
import io.tidemark.source.Column;
import io.tidemark.source.ServerText;
import io.tidemark.sql.Dialect;
import io.tidemark.sql.PgCopy;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLDataException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The server's bulk path for rows going into an empty table (a first load, a full refresh's staging table):
 * on PostgreSQL one {@code COPY ... FROM STDIN} per batch ({@link PgCopy}, the dialect's {@code copyIn}); on MySQL
 * one {@code LOAD DATA LOCAL INFILE} per batch, fed from memory through Connector/J, in the batch's
 * transaction. Values travel as the same text the upsert path binds: binary values as hex (unhexed by the
 * server) and BIT values as numbers. The server turns data errors of a LOCAL load into warnings instead of
 * failing it, so any warning fails the batch, which the upsert path then writes (and dead-letters what it must).
 *
 * <p>The target server never gets a file of this machine. The server names the file it wants in its answer to
 * any statement, and Connector/J sends a statement's in-memory stream only under {@code allowLoadLocalInfile}, which
 * otherwise sends any file the server names. So target connections are opened with it off and
 * {@code allowLoadLocalInfileInPath} at an empty private folder (which makes the driver offer LOCAL loads, without
 * which the server refuses them, and refuse every file); only around the bulk statement, with the batch's stream
 * attached, is it switched on, and it is switched off and the stream detached after, whatever happens.
 */
public final class BulkLoad {

    /** Types whose text form the server reads back exactly; tables with other types use the upsert path. */
    private final JdbcTemplate jdbc;
    private final Dialect dialect;
    private volatile Boolean serverAllows;

    public BulkLoad(DataSource target, Dialect dialect) {
        this.jdbc = new JdbcTemplate(target);
        this.dialect = dialect;
    }

    /** Whether this table's rows can take the bulk path: the target allows LOCAL loads and every type is text-safe. */
    public boolean supports(List<Column> columns) {
        if (serverAllows == null) {
            serverAllows = Boolean.TRUE.equals(jdbc.queryForObject(dialect.catalog().bulkLoadAllowed(), Boolean.class));
        }
        return serverAllows && columns.stream().allMatch(c -> dialect.catalog().bulkTypes().contains(c.dataType()));
    }

    /** Loads rows (the copied columns' values, then load id and row id) into {@code table}. */
    public void load(String table, List<Column> columns, String loadIdColumn, String rowIdColumn,
                     List<List<Object>> rows) {
        String copy = dialect.copyIn(table, columns, loadIdColumn, rowIdColumn);
        if (copy != null) { // PostgreSQL: COPY FROM STDIN on the batch's connection, so in its transaction
            jdbc.execute((ConnectionCallback<Long>) c -> PgCopy.copyIn(c, copy, columns, rows));
            return;
        }
        String sql = statement(dialect, table, columns, loadIdColumn, rowIdColumn);
        jdbc.execute((java.sql.Statement statement) -> {
            JdbcStatement local = statement.unwrap(JdbcStatement.class);
            RuntimeProperty<Boolean> allowed = statement.getConnection().unwrap(JdbcConnection.class).getPropertySet()
                    .getBooleanProperty(PropertyKey.allowLoadLocalInfile);
            // Encoded as the driver sends it: the server parses and inserts the first rows while later ones are encoded.
            local.setLocalInfileInputStream(new Encoded(columns, rows));
            allowed.setValue(true);
            try {
                statement.execute(sql);
            } finally {
                allowed.setValue(false);
                // A connection lost under the load has closed the statement (it is never used again): clearing its
                // stream then would throw and hide the failure that the error policy must see (transient: retried).
                if (!local.isClosed()) {
                    local.setLocalInfileInputStream(null);
                }
            }
            SQLWarning warning = statement.getWarnings();
            if (warning != null) {
                throw new SQLDataException("the bulk load of " + table + " was not exact (" + warning.getMessage()
                        + "); the batch is written row by row instead", "22000", warning.getErrorCode());
            }
            return null;
        });
    }

    static String statement(Dialect dialect, String table, List<Column> columns, String loadIdColumn,
                            String rowIdColumn) {
        return dialect.bulkLoad(table, columns, loadIdColumn, rowIdColumn);
    }

    /** The whole batch as {@link Encoded} streams it, read in small pieces. */
    static byte[] encode(List<Column> columns, List<List<Object>> rows) {
        Encoded encoded = new Encoded(columns, rows);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] piece = new byte[1000];
        for (int n; (n = encoded.read(piece, 0, piece.length)) > 0; ) {
            out.write(piece, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * The rows as LOAD DATA reads them, encoded a few rows at a time as they are read: tab-separated UTF-8 lines;
     * NULL is {@code \N}; backslash, tab, newline and NUL are escaped; binary values are hex, BIT values numbers.
     */
    static final class Encoded extends InputStream {

        private static final int CHUNK = 64 * 1024;

        private final boolean[] bit;
        private final Iterator<List<Object>> rows;
        private byte[] buffer = new byte[CHUNK + 1024];
        private int position;
        private int length;

        Encoded(List<Column> columns, List<List<Object>> rows) {
            this.bit = new boolean[columns.size()];
            for (int i = 0; i < bit.length; i++) {
                bit[i] = columns.get(i).dataType().equals("bit");
            }
            this.rows = rows.iterator();
        }

        @Override
        public int read(byte[] into, int offset, int count) {
            if (count == 0) {
                return 0;
            }
            if (position == length && !fill()) {
                return -1;
            }
            int n = Math.min(count, length - position);
            System.arraycopy(buffer, position, into, offset, n);
            position += n;
            return n;
        }

        @Override
        public int read() {
            if (position == length && !fill()) {
                return -1;
            }
            return buffer[position++] & 0xff;
        }

        @Override
        public void close() {
        }

        /** Encodes the next rows, at least one, until the chunk is full; false at the end of the batch. */
        private boolean fill() {
            position = 0;
            length = 0;
            while (length < CHUNK && rows.hasNext()) {
                row(rows.next());
            }
            return length > 0;
        }

        private void row(List<Object> row) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    ascii('\t');
                }
                Object value = row.get(i);
                if (value == null) {
                    ascii('\\');
                    ascii('N');
                } else if (value instanceof ServerText text) {
                    escaped(text.utf8());
                } else if (value instanceof String text) {
                    text(text);
                } else if (value instanceof byte[] bytes) {
                    plain(i < bit.length && bit[i] ? new BigInteger(1, bytes).toString() : HexFormat.of().formatHex(bytes));
                } else if (value instanceof Boolean b) {
                    ascii(b ? '1' : '0');
                } else if (value instanceof BigDecimal d) {
                    plain(d.toPlainString());
                } else {
                    text(value.toString());
                }
            }
            ascii('\n');
        }

        /** Text that needs no escaping and is ASCII (numbers, hex). */
        private void plain(String text) {
            room(text.length());
            for (int i = 0; i < text.length(); i++) {
                buffer[length++] = (byte) text.charAt(i);
            }
        }

        /** Any text: in UTF-8 as Java encodes it, escaped byte by byte (no UTF-8 sequence holds an ASCII byte). */
        private void text(String text) {
            escaped(text.getBytes(StandardCharsets.UTF_8));
        }

        private void escaped(byte[] utf8) {
            room(utf8.length * 2);
            byte[] b = buffer;
            int n = length;
            for (byte c : utf8) {
                if (c != '\\' && (c & 0xff) > '\n') {
                    b[n++] = c;
                } else {
                    switch (c) {
                        case '\\' -> { b[n++] = '\\'; b[n++] = '\\'; }
                        case '\t' -> { b[n++] = '\\'; b[n++] = 't'; }
                        case '\n' -> { b[n++] = '\\'; b[n++] = 'n'; }
                        case 0 -> { b[n++] = '\\'; b[n++] = '0'; }
                        default -> b[n++] = c;
                    }
                }
            }
            length = n;
        }

        private void ascii(char ch) {
            room(1);
            buffer[length++] = (byte) ch;
        }

        private void room(int bytes) {
            if (length + bytes > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + bytes));
            }
        }
    }
}
