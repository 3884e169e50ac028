package io.tidemark.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two lineage values written beside every row: the load id of the run that wrote it (dlt's format:
 * epoch seconds with microseconds, e.g. {@code 1763702000.123456}, unique and increasing in this process)
 * and a row id derived from the primary key, so it never changes for a given row.
 */
public final class Lineage {

    private static final AtomicLong LAST_MICROS = new AtomicLong();
    /** One digest per thread, reset for each row: looking up SHA-256 for every row cost more than hashing it. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(Lineage::sha256);
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private Lineage() {
    }

    public static String nextLoadId() {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        long id = LAST_MICROS.updateAndGet(last -> Math.max(last + 1, micros));
        return String.format("%d.%06d", id / 1_000_000L, id % 1_000_000L);
    }

    /** 22 URL-safe characters: the first 128 bits of SHA-256 over the table and its key values. */
    public static String rowId(String table, List<Object> key) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        digest.update(table.getBytes(StandardCharsets.UTF_8));
        for (Object value : key) {
            digest.update((byte) 0);
            digest.update(text(value).getBytes(StandardCharsets.UTF_8));
        }
        byte[] hash = digest.digest();
        return BASE64.encodeToString(java.util.Arrays.copyOf(hash, 16));
    }

    /** The text form of a key or modifier value as it is kept in the state table. */
    public static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(value);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
