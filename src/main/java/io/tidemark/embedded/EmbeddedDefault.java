package io.tidemark.embedded;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: when no database is configured ({@code tidemark.source.url=embedded}), Tidemark starts
 * an embedded MariaDB with a demo source database whose rows keep changing ({@link MariaDbDemoWorkload}) and an empty
 * target database, so that a fresh checkout shows rows flowing with one command.
 */
public final class EmbeddedDefault {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDefault.class);
    private static final String EMBEDDED = "embedded";

    /** JDBC URLs of the demo's source and target databases. */
    public record Urls(String sourceUrl, String targetUrl) {
    }

    private EmbeddedDefault() {
    }

    public static boolean isEmbedded(String url) {
        return EMBEDDED.equalsIgnoreCase(url.trim());
    }

    /**
     * The demo is for neither database being set: one URL without the other is a mistake (rows would go to, or come
     * from, the demo), and {@code --check} checks the user's databases, so it never starts the demo.
     */
    public static void requireBothOrNeither(String sourceUrl, String targetUrl, boolean check) {
        boolean source = isEmbedded(sourceUrl);
        boolean target = isEmbedded(targetUrl);
        if (source != target) {
            String missing = source ? "SOURCE_DB_URL" : "TARGET_DB_URL";
            String given = source ? "TARGET_DB_URL" : "SOURCE_DB_URL";
            throw new IllegalStateException(missing + " is not set (tidemark." + (source ? "source" : "target")
                    + ".url), but " + given + " is: set both to use your databases, or neither for the embedded demo");
        }
        if (source && check) {
            throw new IllegalStateException("SOURCE_DB_URL and TARGET_DB_URL are not set: --check checks your "
                    + "databases and does not start the embedded demo; set both and check again");
        }
    }

    /** Starts the server and the demo writer (the configuration does, once); both stop with the process. */
    public static Urls start() {
        Path dir = Path.of(System.getProperty("tidemark.embedded.dir", ".tidemark/embedded"));
        try {
            LOG.info("Neither SOURCE_DB_URL nor TARGET_DB_URL set: starting the embedded demo (MariaDB 11.4 in {})", dir.toAbsolutePath());
            EmbeddedMariaDb server = EmbeddedMariaDb.start(dir);
            server.createDatabase("demo_source");
            server.createDatabase("demo_target");
            MariaDbDemoWorkload workload = MariaDbDemoWorkload.forUrl(server.jdbcUrl("demo_source"),
                    EmbeddedMariaDb.USER, "");
            workload.prepare();
            workload.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                workload.stop();
                server.stop();
            }, "tidemark-embedded-stop"));
            return new Urls(server.jdbcUrl("demo_source"), server.jdbcUrl("demo_target"));
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded demo database in " + dir.toAbsolutePath()
                    + ": " + e.getMessage() + "; set SOURCE_DB_URL and TARGET_DB_URL to use your own databases", e);
        }
    }
}
