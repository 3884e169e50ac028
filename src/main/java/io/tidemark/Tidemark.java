package io.tidemark;

import io.tidemark.alert.AlertsConfiguration;
import io.tidemark.api.OperationsConfiguration;
import io.tidemark.modes.CheckMode;
import io.tidemark.modes.OnceMode;
import io.tidemark.modes.RunOptions;
import io.tidemark.verify.VerifyConfiguration;
import io.tidemark.verify.VerifyMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.main.Main;

/**
 * Starts Tidemark. {@code --once} runs every table once and exits 0 when all succeeded, 1 otherwise;
 * {@code --check} checks the configuration and both databases without writing anything.
 * Settings come from ./application.properties when present, else from the built-in one.
 */
public final class Tidemark {

    private static final String HELP = CommandLine.USAGE + "\n" + CommandLine.options() + """
              (no option)  keep the tables in routes/*.camel.yaml in step, each on its schedule; the dashboard (/),
                           the REST API (/api) and health (/observe/health) are served on camel.management.port
            Exit codes: 0 done (all tables OK), 1 a table failed or has a problem, 2 bad command line, settings or
            routes, or a database that cannot be used.
            Settings: ./application.properties if present, else the built-in one; any setting can be
            overridden with -Dkey=value or an environment variable (tidemark.pool.maximum-size ->
            TIDEMARK_POOL_MAXIMUM_SIZE).
            Environment: SOURCE_DB_URL, SOURCE_DB_USER, SOURCE_DB_PASSWORD, TARGET_DB_URL, TARGET_DB_USER,
            TARGET_DB_PASSWORD (the databases; neither URL: the embedded demo), TIDEMARK_MANAGEMENT_PORT and
            TIDEMARK_MANAGEMENT_HOST (where the dashboard, API and health are served; 127.0.0.1 by default,
            any other address needs the token), TIDEMARK_API_TOKEN (at least 16 characters: enables the API's
            POST actions and, once set, guards reading; send it as "Authorization: Bearer <token>").
            """;

    private Tidemark() {
    }

    public static void main(String[] args) throws Exception {
        CommandLine line;
        try {
            line = CommandLine.parse(args);
        } catch (CommandLine.Invalid e) {
            System.err.println("tidemark: " + e.getMessage());
            System.err.println(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        switch (line.mode()) {
            case HELP -> {
                System.out.print(HELP);
                return;
            }
            case VERSION -> {
                String version = Tidemark.class.getPackage().getImplementationVersion();
                System.out.println("tidemark " + (version == null ? "(version unknown: not run from its jar)" : version));
                return;
            }
            default -> { }
        }
        RunOptions options = line.runOptions();
        Main main = new Main();
        main.bind(RunOptions.BEAN, options);
        // A one-shot run serves no dashboard, API, health or metrics, unless asked to (-Dcamel.management.enabled=true)
        if (line.mode() == CommandLine.Mode.ONCE && System.getProperty("camel.management.enabled") == null
                && System.getenv("CAMEL_MANAGEMENT_ENABLED") == null) {
            main.addOverrideProperty("camel.management.enabled", "false");
            main.addOverrideProperty("camel.metrics.enabled", "false");
            main.addOverrideProperty("camel.main.routes-exclude-pattern", "**/api.camel.yaml"); // no HTTP, no API
        }
        main.configure().addConfiguration(TidemarkConfiguration.class);
        main.configure().addConfiguration(OperationsConfiguration.class);
        main.configure().addConfiguration(AlertsConfiguration.class);
        main.configure().addConfiguration(VerifyConfiguration.class);
        main.setPropertyPlaceholderLocations(Files.isRegularFile(Path.of("application.properties"))
                ? "file:application.properties" : "classpath:application.properties");
        if (VerifyMode.wanted(line)) {
            System.exit(VerifyMode.run(main, line, System.out));
        }
        if (options.check()) {
            System.exit(CheckMode.run(main, System.out));
        }
        OnceMode once = new OnceMode(main, options.once());
        main.addMainListener(once);
        int status;
        try {
            status = main.run(new String[0]);
        } catch (Exception e) {
            System.err.println("Tidemark could not start: " + CheckMode.messages(e)); // a YAML error's line is in a cause
            status = 2;
        }
        System.exit(once.enabled() ? once.exitCode() : status);
    }
}
