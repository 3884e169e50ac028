package io.tidemark.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The real application, as users run it: {@code java -jar target/tidemark.jar} in its own JVM, in a working
 * directory holding the project's own routes (table-sync, error-policy, api, ...) and a test's tables.camel.yaml.
 */
public final class TidemarkApp {

    /**
     * The app's JVM runs in a zone with daylight saving time, unlike the servers (see {@link Server.Role}): a value
     * that passed through a Java date type would shift, or fail on wall-clock times that zone skips or repeats.
     * A later {@link #option} {@code -Duser.timezone=...} overrides it.
     */
    public static final String ZONE = "America/New_York";

    private final Path workDir;
    private final Database source;
    private final Database target;
    private final List<String> extraOptions = new ArrayList<>();
    private boolean launcher;
    private Process process;
    private Path log;

    public TidemarkApp(Path workDir, Database source, Database target, String tablesYaml) throws IOException {
        this.workDir = workDir;
        this.source = source;
        this.target = target;
        Path routes = Files.createDirectories(workDir.resolve("routes"));
        try (var files = Files.list(Path.of("routes"))) { // every route file of the project but its tables
            for (Path file : files.filter(p -> p.toString().endsWith(".camel.yaml")
                    && !p.getFileName().toString().equals("tables.camel.yaml")).toList()) {
                Files.copy(file, routes.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(routes.resolve("tables.camel.yaml"), tablesYaml);
    }

    /**
     * The app without databases of the test's (a null database's variables are not set), in its own directory
     * under target/it-work.
     */
    public static TidemarkApp without(String name, Database source, Database target, String tablesYaml)
            throws IOException {
        return new TidemarkApp(Files.createDirectories(Path.of("target", "it-work", name + "-" + System.nanoTime())),
                source, target, tablesYaml);
    }

    /** One templatedRoute for tables.camel.yaml from name/value pairs. */
    public static String table(String... parameters) {
        StringBuilder yaml = new StringBuilder("- templatedRoute:\n    routeTemplateRef: table-sync\n    parameters:\n");
        for (int i = 0; i < parameters.length; i += 2) {
            yaml.append("      - name: ").append(parameters[i]).append("\n        value: \"")
                    .append(parameters[i + 1]).append("\"\n");
        }
        return yaml.toString();
    }

    /** Rewrites routes/tables.camel.yaml, as an operator editing it would (a running app sees it within seconds). */
    public void editTables(String yaml) throws IOException {
        Path tables = workDir.resolve("routes").resolve("tables.camel.yaml");
        Path edited = workDir.resolve("routes").resolve("tables.camel.yaml.new");
        Files.writeString(edited, yaml);
        Files.move(edited, tables, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Starts through the launcher target/tidemark (JVM options in JAVA_OPTS) instead of {@code java -jar}. */
    public TidemarkApp throughLauncher() {
        launcher = true;
        return this;
    }

    public TidemarkApp option(String systemProperty) {
        extraOptions.add(systemProperty);
        return this;
    }

    /** {@code --once}: runs every table once and returns the exit code and everything printed. */
    public Result once() throws Exception {
        return start("--once").awaitExit();
    }

    /** Waits for a process started with an option that ends it (--once, --replay). */
    public Result awaitExit() throws Exception {
        return awaitExit(Duration.ofSeconds(180));
    }

    /** Waits at most {@code timeout} for the process to end by itself. */
    public Result awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the app did not exit within " + timeout + ":\n" + output());
        }
        return new Result(process.exitValue(), output(), stdout());
    }

    /** Starts the scheduler mode in the background. */
    public TidemarkApp start(String... args) throws IOException {
        List<String> jvm = new ArrayList<>(List.of("-Dcamel.management.port=" + freePort(), "-Duser.timezone=" + ZONE));
        jvm.addAll(extraOptions);
        List<String> command = new ArrayList<>();
        if (launcher) {
            command.add(Path.of("target", "tidemark").toAbsolutePath().toString());
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvm);
            command.addAll(List.of("-jar", Path.of("target", "tidemark.jar").toAbsolutePath().toString()));
        }
        command.addAll(List.of(args));
        log = workDir.resolve("tidemark-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(log.toFile()).redirectError(errors(log).toFile());
        Map<String, String> env = builder.environment();
        if (launcher) {
            env.put("JAVA_OPTS", String.join(" ", jvm));
            env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator
                    + env.getOrDefault("PATH", ""));
        }
        if (source != null) {
            env.put("SOURCE_DB_URL", source.url());
            env.put("SOURCE_DB_USER", "root");
        }
        if (target != null) {
            env.put("TARGET_DB_URL", target.url());
            env.put("TARGET_DB_USER", "root");
        }
        process = builder.start();
        return this;
    }

    /** The working directory the app runs in. */
    public Path workDir() {
        return workDir;
    }

    /** Whether the process started by {@link #start} is still running. */
    public boolean running() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no rollback courtesy, like a crashed machine. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, and wait for a clean exit. */
    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    /** Everything printed: the log (stderr), then the reports (stdout). */
    public String output() throws IOException {
        return log == null ? "" : Files.readString(errors(log), StandardCharsets.UTF_8)
                + Files.readString(log, StandardCharsets.UTF_8);
    }

    /** What was printed on stdout only: reports, without log lines. */
    public String stdout() throws IOException {
        return log == null ? "" : Files.readString(log, StandardCharsets.UTF_8);
    }

    private static Path errors(Path log) {
        return log.resolveSibling(log.getFileName() + ".err");
    }

    /**
     * Waits until the condition holds. A condition that throws (a table not there yet, a server not answering
     * yet) counts as not holding yet; the last such failure is reported if time runs out.
     */
    public static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                last = notYet;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what, last);
            }
            Thread.sleep(50);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** What a finished process left: its exit code and its output. */
    public record Result(int exitCode, String output, String stdout) {
    }
}
