package io.tidemark.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh source and target database on one server, and the app pointed at them. */
public final class SyncFixture {

    public final Server server;
    public final Database source;
    public final Database target;
    private final Path workDir;

    public SyncFixture(Server server, String name) throws IOException {
        this.server = server;
        this.source = server.newDatabase(name + "_src");
        this.target = server.newDatabase(name + "_tgt");
        this.workDir = Files.createDirectories(Path.of("target", "it-work", name + "-" + server + "-" + System.nanoTime()));
    }

    /** The app with the given templatedRoute entries (see {@link TidemarkApp#table}). */
    public TidemarkApp app(String... tables) throws IOException {
        return new TidemarkApp(workDir, source, target, String.join("\n", tables));
    }

    /** Source and target hold the same rows: fingerprints computed by the server on both sides. */
    public void assertSameRows(String table, String key, String... columns) {
        org.junit.jupiter.api.Assertions.assertEquals(source.fingerprint(table, key, columns),
                target.fingerprint(table, key, columns), table + " differs between source and target");
    }

    public long state(String table, String column) {
        return target.count("SELECT " + column + " FROM _tidemark_state WHERE table_name = '" + table + "'");
    }
}
