package io.tidemark.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fresh source database and a fresh target database, and the app pointed at them. The source lives on a
 * server in {@link Server.Role#SOURCE}'s zone, the target on another server in {@link Server.Role#TARGET}'s.
 */
public final class SyncFixture {

    /** The source's server kind (also the target's, unless the fixture is a cross pair). */
    public final Server server;
    public final Server targetServer;
    public final Database source;
    public final Database target;
    private final Path workDir;

    /** Source and target on the same kind of server. */
    public SyncFixture(Server server, String name) throws IOException {
        this(server, server, name);
    }

    /** A cross pair: source on one kind of server, target on another (or the same) kind. */
    public SyncFixture(Server sourceServer, Server targetServer, String name) throws IOException {
        this.server = sourceServer;
        this.targetServer = targetServer;
        this.source = sourceServer.newDatabase(name + "_src", Server.Role.SOURCE);
        this.target = targetServer.newDatabase(name + "_tgt", Server.Role.TARGET);
        this.workDir = Files.createDirectories(Path.of("target", "it-work",
                name + "-" + sourceServer + (sourceServer == targetServer ? "" : "-" + targetServer) + "-" + System.nanoTime()));
    }

    /** The app with the given templatedRoute entries (see {@link TidemarkApp#table}). */
    public TidemarkApp app(String... tables) throws IOException {
        return new TidemarkApp(workDir, source, target, String.join("\n", tables));
    }

    /** Source and target hold the same rows: fingerprints computed by the server on both sides. */
    public void assertSameRows(String table, String key, String... columns) {
        if (!source.fingerprint(table, key, columns).equals(target.fingerprint(table, key, columns))) {
            org.junit.jupiter.api.Assertions.fail(table + " differs between source and target:\n"
                    + differences(source.rendered(table, key, columns), target.rendered(table, key, columns)));
        }
    }

    /** The first few rows that differ, as rendered on each side. */
    static String differences(java.util.List<String> source, java.util.List<String> target) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        java.util.Set<String> inTarget = new java.util.HashSet<>(target);
        java.util.Set<String> inSource = new java.util.HashSet<>(source);
        source.stream().filter(r -> !inTarget.contains(r)).limit(5).forEach(r -> lines.add("  source: " + r));
        target.stream().filter(r -> !inSource.contains(r)).limit(5).forEach(r -> lines.add("  target: " + r));
        lines.add("  (" + source.size() + " source rows, " + target.size() + " target rows)");
        return String.join("\n", lines);
    }

    public long state(String table, String column) {
        return target.count("SELECT " + column + " FROM _tidemark_state WHERE table_name = '" + table + "'");
    }

    /** The table's committed row count, 0 before its first commit (or before the state table exists). */
    public long rowsSynced(String table) {
        try {
            String rows = target.value("SELECT rows_synced FROM _tidemark_state WHERE table_name = '" + table + "'");
            return rows == null ? 0 : Long.parseLong(rows);
        } catch (IllegalStateException notYetCreated) {
            return 0;
        }
    }
}
