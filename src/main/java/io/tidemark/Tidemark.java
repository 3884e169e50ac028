package io.tidemark;

import io.tidemark.api.OperationsConfiguration;
import io.tidemark.table.CheckMode;
import io.tidemark.table.OnceMode;
import io.tidemark.verify.VerifyConfiguration;
import io.tidemark.verify.VerifyMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.main.Main;

/**
 * Starts Tidemark. {@code --once} runs every table once and exits 0 when all succeeded, 1 otherwise;
 * {@code --check} checks the configuration and both databases without writing anything.
 * Settings come from ./application.properties when present, else from the built-in one.
 */
public final class Tidemark {

    private Tidemark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        if (options.contains("--help")) {
            System.out.println("""
                    Usage: java -jar target/tidemark.jar [--once | --replay T | --resync T | --check] [--help]
                      (no option)  keep the tables in routes/*.camel.yaml in step, each on its schedule; the
                                   dashboard (/), the REST API (/api) and health (/observe/health) are served
                                   on camel.management.port (8080)
                      --once       run every table once, print one line per table, exit 0 if all succeeded
                      --replay T   write the dead letters of table T (or T1,T2) again from the source, then
                                   run every table once like --once
                      --resync T   copy table T (or T1,T2) again into a staging table and swap it in, then
                                   run every table once like --once
                      --check      check the settings and routes, reach both databases and check every table
                                   against their catalogs; print one line per table (OK or the problem) and
                                   exit 0 if all is well, 1 if a table has a problem, 2 if the configuration
                                   cannot be loaded or a database reached. Writes nothing, starts nothing.
                      --help       this text
                    Settings: ./application.properties if present, else the built-in one; any setting can be
                    overridden with -Dkey=value or an environment variable (tidemark.pool.maximum-size ->
                    TIDEMARK_POOL_MAXIMUM_SIZE).
                    Environment: SOURCE_DB_URL, SOURCE_DB_USER, SOURCE_DB_PASSWORD, TARGET_DB_URL, TARGET_DB_USER,
                    TARGET_DB_PASSWORD (the databases; no URL: the embedded demo), TIDEMARK_MANAGEMENT_PORT and
                    TIDEMARK_MANAGEMENT_HOST (where the dashboard, API and health are served), TIDEMARK_API_TOKEN
                    (enables the API's POST actions: send it as "Authorization: Bearer <token>").""");
            return;
        }
        if (options.contains("--once")) {
            System.setProperty("tidemark.once", "true");
        }
        for (String action : List.of("replay", "resync")) {
            int at = options.indexOf("--" + action);
            if (at >= 0 && at + 1 < options.size()) {
                System.setProperty("tidemark.once", "true");
                System.setProperty("tidemark." + action, options.get(at + 1));
            }
        }
        boolean check = options.contains("--check") || VerifyMode.wanted(options);
        if (check) {
            System.setProperty("tidemark.cluster.enabled", "false"); // a check never joins the cluster
        }
        Main main = new Main();
        main.configure().addConfiguration(TidemarkConfiguration.class);
        main.configure().addConfiguration(OperationsConfiguration.class);
        main.configure().addConfiguration(VerifyConfiguration.class);
        main.setPropertyPlaceholderLocations(Files.isRegularFile(Path.of("application.properties"))
                ? "file:application.properties" : "classpath:application.properties");
        if (VerifyMode.wanted(options)) {
            System.exit(VerifyMode.run(main, options, System.out));
        }
        if (check) {
            System.exit(CheckMode.run(main, System.out));
        }
        OnceMode once = new OnceMode(main);
        main.addMainListener(once);
        int status;
        try {
            status = main.run(new String[0]);
        } catch (Exception e) {
            System.err.println("Tidemark could not start: " + e.getMessage());
            status = 2;
        }
        System.exit(once.enabled() ? once.exitCode() : status);
    }
}
