package io.tidemark.verify;

import io.tidemark.run.Plan;

import io.tidemark.source.Column;
import io.tidemark.source.RowReader;
import io.tidemark.sql.Dialect;
import io.tidemark.table.TableSpec;
import io.tidemark.verify.Difference.Kind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Compares a table in the source with its copy in the target, chunk by chunk in primary-key order:
 * <ol>
 *   <li>the source names the chunk's last key ({@code LIMIT 1 OFFSET n-1} on the key), then both servers compute, at
 *       the same time, the chunk's row count and the BIT_XOR of each row's hash (see {@link Dialect#rowHash}): one
 *       row per chunk and server crosses the network. The chunk's row count adapts so that these statements take
 *       about {@code chunkTime} (the first chunk is 1,000 rows; each next one at most twice or half as large);</li>
 *   <li>a chunk that differs is halved, and its halves halved, while they differ and hold more than
 *       {@value #SMALL} rows; then both servers list the range's keys and row hashes and the rows are named:
 *       missing, extra or changed. After a chunk that differed, the next chunk (at most {@value #SMALL} rows) is
 *       listed this way at once, without its sums: differences spread over a table would otherwise have each chunk
 *       scanned by its sums, by each halving and by its listing; a chunk listed equal brings the sums back;</li>
 *   <li>each named row is looked up again by its key on both servers; only a row that still differs counts. (A row
 *       can land in different chunks on the two servers when their collations order a text key differently.)</li>
 * </ol>
 * The first chunk has no lower bound and the last no upper bound, so target rows before the source's first key or
 * after its last are compared too. Nothing is written. Where the two servers store JSON differently (MariaDB keeps
 * the text, MySQL a normalised document), JSON columns are hashed here from a canonical form (see
 * {@link JsonCanonical}) instead of by the servers. Between engines (MySQL or MariaDB and PostgreSQL), which render
 * most values differently, every column is hashed here (see {@link Canonical}); each server is spoken to in its own
 * dialect.
 */
public final class Verifier {

    /**
     * A differing range of at most this many rows on either side is compared row by row: both servers list its keys
     * and row hashes once (about 50 bytes a row), which costs less than halving it further, since every halving
     * scans the range again on both servers.
     */
    static final int SMALL = 20_000;
    /** Keys looked up again in one statement. */
    static final int LOOKUP = 100;
    private static final int FIRST_CHUNK = 1000;
    private static final int MAX_CHUNK = 1_000_000;

    private final JdbcTemplate source;
    private final JdbcTemplate target;
    private final Dialect sourceDialect;
    private final Dialect targetDialect;
    private final Duration chunkTime;
    private final int maxDifferences;
    private final Executor parallel;

    public Verifier(DataSource source, DataSource target, Dialect sourceDialect, Dialect targetDialect,
                    Duration chunkTime, int maxDifferences, Executor parallel) {
        this.source = new JdbcTemplate(source);
        this.target = new JdbcTemplate(target);
        this.sourceDialect = sourceDialect;
        this.targetDialect = targetDialect;
        this.chunkTime = chunkTime;
        this.maxDifferences = maxDifferences;
        this.parallel = parallel;
    }

    /**
     * How one table is compared.
     *
     * @param live   the target's soft-delete column (rows where it is set do not count), or null
     * @param inJvm  which columns are hashed here rather than by the servers
     */
    public record Plan(TableSpec spec, String live, InJvm inJvm) {

        List<Column> key() {
            return spec.key();
        }

        /** Columns the servers hash themselves. */
        List<Column> hashed() {
            return spec.copied().stream().filter(c -> !inJvm(c)).toList();
        }

        /** Columns hashed here (read as text). */
        List<Column> jvm() {
            return spec.copied().stream().filter(this::inJvm).toList();
        }

        private boolean inJvm(Column c) {
            return inJvm == InJvm.ALL || inJvm == InJvm.JSON && c.dataType().equals("json");
        }
    }

    /** Which columns are hashed here: none (servers of one kind), JSON ones (MySQL and MariaDB), all (engines). */
    public enum InJvm { NONE, JSON, ALL }

    private record Sum(long rows, long xor) {
    }

    private record Range(List<Object> after, List<Object> upTo) {
        List<Object> parameters() {
            List<Object> p = new ArrayList<>();
            expand(after, p);
            expand(upTo, p);
            return p;
        }
    }

    public Verification verify(Plan plan) {
        long started = System.nanoTime();
        Found found = new Found();
        long sourceRows = 0;
        long targetRows = 0;
        int chunks = 0;
        int rows = FIRST_CHUNK;
        List<Object> after = null;
        boolean listing = false;
        while (true) {
            int size = listing ? Math.min(rows, SMALL) : rows;
            List<Object> upTo = keyAt(source, plan, new Range(after, null), size - 1);
            Range range = new Range(after, upTo);
            long t0 = System.nanoTime();
            Sum[] counted;
            if (listing) { // the chunk before differed: differences may be everywhere, so list this one at once
                counted = compareRows(plan, range, found);
            } else {
                Both<Sum> sums = both(() -> sum(source, plan, range), () -> sum(target, plan, range));
                counted = new Sum[] {sums.source(), sums.target()};
                if (!sums.source().equals(sums.target())) {
                    bisect(plan, range, sums.source(), sums.target(), found);
                }
            }
            long elapsed = System.nanoTime() - t0;
            chunks++;
            sourceRows += counted[0].rows();
            targetRows += counted[1].rows();
            listing = !counted[0].equals(counted[1]);
            if (upTo == null) {
                break;
            }
            after = upTo;
            double factor = Math.max(0.5, Math.min(2.0, chunkTime.toNanos() / (double) Math.max(elapsed, 1)));
            rows = (int) Math.max(SMALL, Math.min(MAX_CHUNK, rows * factor));
        }
        return new Verification(plan.spec().table(), sourceRows, targetRows, chunks,
                Duration.ofNanos(System.nanoTime() - started), found.counts[0], found.counts[1], found.counts[2],
                List.copyOf(found.differences));
    }

    /**
     * After a repair: looks up again, by key on both servers, each row {@code before} named (see {@link #recheck}),
     * instead of comparing the whole table once more. The rest of the table was equal moments ago, and with
     * scattered differences every chunk would have to be compared again. The target's row count is
     * {@code before}'s, corrected for each named row found now present or absent. Only when {@code before} named
     * every difference it found; otherwise the whole table is compared.
     */
    public Verification again(Plan plan, Verification before) {
        if (before.differing() > before.differences().size()) {
            return verify(plan);
        }
        long started = System.nanoTime();
        Found found = new Found();
        long targetRows = before.targetRows();
        List<Difference> named = before.differences();
        List<Difference> nowDiffering = recheck(plan, named.stream().map(Difference::key).toList());
        for (int i = 0; i < named.size(); i++) {
            Difference was = named.get(i);
            Difference now = nowDiffering.get(i);
            boolean wasThere = was.kind() != Kind.MISSING;
            boolean isThere = now == null ? was.kind() != Kind.EXTRA : now.kind() != Kind.MISSING;
            targetRows += (isThere ? 1 : 0) - (wasThere ? 1 : 0);
            if (now != null) {
                found.add(now);
            }
        }
        return new Verification(plan.spec().table(), before.sourceRows(), targetRows, before.chunks(),
                Duration.ofNanos(System.nanoTime() - started), found.counts[0], found.counts[1], found.counts[2],
                List.copyOf(found.differences));
    }

    /** Differences found so far: counts of all, keys of the first {@code maxDifferences}. */
    private final class Found {
        final long[] counts = new long[3];
        final List<Difference> differences = new ArrayList<>();

        void add(Difference d) {
            counts[d.kind().ordinal()]++;
            if (differences.size() < maxDifferences) {
                differences.add(d);
            }
        }
    }

    private void bisect(Plan plan, Range range, Sum inSource, Sum inTarget, Found found) {
        long larger = Math.max(inSource.rows(), inTarget.rows());
        JdbcTemplate side = inSource.rows() >= inTarget.rows() ? source : target;
        List<Object> middle = larger <= SMALL ? null : keyAt(side, plan, range, larger / 2 - 1);
        if (middle == null || range.upTo() != null
                && Difference.identity(middle).equals(Difference.identity(range.upTo()))) {
            compareRows(plan, range, found);
            return;
        }
        for (Range half : List.of(new Range(range.after(), middle), new Range(middle, range.upTo()))) {
            Both<Sum> sums = both(() -> sum(source, plan, half), () -> sum(target, plan, half));
            if (!sums.source().equals(sums.target())) {
                bisect(plan, half, sums.source(), sums.target(), found);
            }
        }
    }

    /**
     * Lists the range's keys and row hashes on both servers and names the rows that still differ by key. Returns
     * each side's row count as a {@link Sum}, the target's with a non-zero xor when any row differed: the two are
     * equal exactly when the range is.
     */
    private Sum[] compareRows(Plan plan, Range range, Found found) {
        Both<Map<String, Keyed>> rows = both(() -> rowHashes(source, plan, range),
                () -> rowHashes(target, plan, range));
        List<Difference> candidates = new ArrayList<>();
        rows.source().forEach((id, row) -> {
            Keyed copy = rows.target().get(id);
            if (copy == null) {
                candidates.add(new Difference(Kind.MISSING, row.key()));
            } else if (!copy.hash().equals(row.hash())) {
                candidates.add(new Difference(Kind.CHANGED, row.key()));
            }
        });
        rows.target().forEach((id, row) -> {
            if (!rows.source().containsKey(id)) {
                candidates.add(new Difference(Kind.EXTRA, row.key()));
            }
        });
        for (Difference now : recheck(plan, candidates.stream().map(Difference::key).toList())) {
            if (now != null) {
                found.add(now);
            }
        }
        long differed = candidates.isEmpty() ? 0 : 1;
        return new Sum[] {new Sum(rows.source().size(), 0), new Sum(rows.target().size(), differed)};
    }

    /**
     * Each row's difference as it is now, looked up again by key on both servers ({@value #LOOKUP} keys a statement,
     * the two servers at the same time); null for a row that no longer differs. In the order of {@code keys}.
     */
    public List<Difference> recheck(Plan plan, List<List<Object>> keys) {
        List<Difference> now = new ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += LOOKUP) {
            List<List<Object>> some = keys.subList(from, Math.min(keys.size(), from + LOOKUP));
            Both<Map<String, String>> hashes = both(() -> hashesByKeys(source, plan, some),
                    () -> hashesByKeys(target, plan, some));
            for (List<Object> key : some) {
                String identity = Difference.identity(key);
                String inSource = hashes.source().get(identity);
                String inTarget = hashes.target().get(identity);
                now.add(Objects.equals(inSource, inTarget) ? null : new Difference(inSource == null ? Kind.EXTRA
                        : inTarget == null ? Kind.MISSING : Kind.CHANGED, key));
            }
        }
        return now;
    }

    /** The hashes of the rows with these keys, by key identity; a row marked deleted (a closed version) is absent. */
    private Map<String, String> hashesByKeys(JdbcTemplate db, Plan plan, List<List<Object>> keys) {
        String live = live(db, plan);
        List<Column> extra = new ArrayList<>(plan.jvm());
        if (live != null) {
            extra.add(softDelete(live));
        }
        String sql = dialect(db).hashedRowsByKeys(table(db, plan), plan.hashed(), extra, plan.key(), keys.size(),
                where(db, plan));
        int width = plan.key().size();
        Map<String, String> hashes = new java.util.HashMap<>();
        db.query(sql, rs -> {
            Object[] row = RowReader.read(rs);
            if (live == null || row[row.length - 1] == null) { // marked deleted: as if absent
                hashes.put(Difference.identity(Arrays.asList(Arrays.copyOf(row, width))), rowHash(plan, row, width));
            }
        }, keys.stream().flatMap(List::stream).toArray());
        return hashes;
    }

    static Column softDelete(String name) {
        return new Column(name, "datetime", "datetime(6)", true, null, null, null, false);
    }

    /**
     * The row's hash: the server's MD5 (at {@code at}) when it hashes every column, else a SHA-256 over it and the
     * canonical text of each JSON column hashed here (which follow it).
     */
    static String rowHash(Plan plan, Object[] row, int at) {
        String server = (String) row[at];
        List<Column> jvm = plan.jvm();
        if (jvm.isEmpty()) {
            return server;
        }
        MessageDigest digest = sha256();
        digest.update(server.getBytes(StandardCharsets.US_ASCII));
        for (int i = 1; i <= jvm.size(); i++) {
            String text = Canonical.text(jvm.get(i - 1), row[at + i]);
            digest.update((byte) '|');
            digest.update(text.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(Arrays.copyOf(digest.digest(), 16));
    }

    private Sum sum(JdbcTemplate db, Plan plan, Range range) {
        if (!plan.jvm().isEmpty()) {
            long xor = 0;
            Map<String, Keyed> rows = rowHashes(db, plan, range);
            for (Keyed row : rows.values()) {
                xor ^= Long.parseUnsignedLong(row.hash().substring(0, 16), 16);
            }
            return new Sum(rows.size(), xor);
        }
        String sql = dialect(db).checksum(table(db, plan), plan.hashed(), plan.key(), range.after() != null,
                range.upTo() != null, live(db, plan), where(db, plan));
        // MySQL's BIT_XOR is unsigned, PostgreSQL's bigint signed: the same 64 bits either way
        return db.queryForObject(sql, (rs, n) -> new Sum(rs.getLong(1), new java.math.BigInteger(rs.getString(2))
                        .longValue()),
                range.parameters().toArray());
    }

    private record Keyed(List<Object> key, String hash) {
    }

    private Map<String, Keyed> rowHashes(JdbcTemplate db, Plan plan, Range range) {
        String sql = dialect(db).rowHashes(table(db, plan), plan.hashed(), plan.key(), plan.jvm(),
                range.after() != null, range.upTo() != null, live(db, plan), where(db, plan));
        int keys = plan.key().size();
        Map<String, Keyed> rows = new LinkedHashMap<>();
        db.query(sql, rs -> {
            Object[] row = RowReader.read(rs);
            List<Object> key = Arrays.asList(Arrays.copyOf(row, keys));
            rows.put(Difference.identity(key), new Keyed(key, rowHash(plan, row, keys)));
        }, range.parameters().toArray());
        return rows;
    }

    private List<Object> keyAt(JdbcTemplate db, Plan plan, Range range, long offset) {
        List<Object> parameters = range.parameters();
        parameters.add(offset);
        List<List<Object>> keys = db.query(dialect(db).keyAt(table(db, plan), plan.key(), range.after() != null,
                range.upTo() != null, live(db, plan), where(db, plan)), (rs, n) -> Arrays.asList(RowReader.read(rs)),
                parameters.toArray());
        return keys.isEmpty() ? null : keys.get(0);
    }

    private Dialect dialect(JdbcTemplate db) {
        return db == target ? targetDialect : sourceDialect;
    }

    private String table(JdbcTemplate db, Plan plan) {
        return db == target ? plan.spec().targetTable() : plan.spec().table();
    }

    /** The target's soft-delete column (its marked rows do not count); the source has none. */
    private String live(JdbcTemplate db, Plan plan) {
        return db == target ? plan.live() : null;
    }

    /**
     * The table's row filter on the source: only the rows it matches are copied, so only they are compared. The
     * target is not filtered (the condition is on source columns): a target row whose source row no longer matches
     * is extra, like a deleted one.
     */
    private String where(JdbcTemplate db, Plan plan) {
        return db == source ? plan.spec().where() : null;
    }

    /** Key values as a keyset condition binds them: k1, k1, k2, k2, ..., kn (see the dialect). */
    private static void expand(List<Object> key, List<Object> parameters) {
        if (key == null) {
            return;
        }
        for (int i = 0; i < key.size(); i++) {
            parameters.add(key.get(i));
            if (i < key.size() - 1) {
                parameters.add(key.get(i));
            }
        }
    }

    private record Both<T>(T source, T target) {
    }

    /** Runs the source's and the target's statement at the same time. */
    private <T> Both<T> both(Supplier<T> inSource, Supplier<T> inTarget) {
        CompletableFuture<T> other = CompletableFuture.supplyAsync(inTarget, parallel);
        T first = inSource.get();
        try {
            return new Both<>(first, other.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
