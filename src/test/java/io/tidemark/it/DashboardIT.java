package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard at / in a real headless Chromium, against a running instance on real servers. */
class DashboardIT {

    private static final String TOKEN = "dashboard-token-0123456789";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void theDashboardShowsWhatTheApiSaysAndItsRunButtonStartsARun() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "dash");
        f.source.execute(
                "CREATE TABLE orders (id INT PRIMARY KEY, total INT, updated_at DATETIME(6), KEY (updated_at))",
                "INSERT INTO orders WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500) "
                        + "SELECT i, i * 10, NOW(6) - INTERVAL 1 HOUR FROM n",
                "CREATE TABLE countries (code CHAR(2) PRIMARY KEY, name VARCHAR(40))",
                "INSERT INTO countries VALUES ('DE', 'Germany'), ('FR', 'France'), ('NL', 'Netherlands')",
                "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(50) NOT NULL, updated_at DATETIME(6) NOT NULL)",
                "INSERT INTO notes VALUES (1, 'fine', NOW(6) - INTERVAL 1 HOUR), "
                        + "(2, 'this body is longer than the target allows', NOW(6) - INTERVAL 1 HOUR)",
                "CREATE TABLE events (id INT PRIMARY KEY, kind VARCHAR(10), at DATETIME(6), KEY (at))",
                "INSERT INTO events WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000) "
                        + "SELECT i, 'click', NOW(6) - INTERVAL 1 HOUR FROM n",
                "CREATE TABLE archive (id INT PRIMARY KEY, at DATETIME(6))", "INSERT INTO archive VALUES (1, NOW(6))");
        f.target.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(10) NOT NULL, updated_at DATETIME(6) NOT NULL, "
                + "_tidemark_load_id VARCHAR(64) NOT NULL, _tidemark_row_id VARCHAR(128) NOT NULL)");
        Api api = Api.onFreePort().reading(TOKEN);
        TidemarkApp app = f.app(table("table", "orders", "modifier", "updated_at", "schedule", "1h"),
                        table("table", "countries", "schedule", "1h"),
                        table("table", "notes", "modifier", "updated_at", "schedule", "1h"),
                        // a long run, 20 rows per batch, to show progress
                        table("table", "events", "modifier", "at", "schedule", "1h", "batchSize", "20",
                                "initialValue", "2000-01-01 00:00:00"),
                        table("table", "archive", "modifier", "at", "schedule", "1h"))
                .option(api.portOption()).option("-Dtidemark.api.token=" + TOKEN)
                .option("-Dtidemark.progress.interval=1s").start();
        WebDriver browser = null;
        TableLock held = null;
        try {
            TidemarkApp.await(Duration.ofSeconds(60), () -> ran(api, "orders") && ran(api, "notes")
                    && ran(api, "countries") && ran(api, "archive"), "the first runs");
            assertEquals(200, api.post("/api/tables/archive/pause", TOKEN).status());
            TidemarkApp.await(Duration.ofSeconds(30), () -> api.table("events").at("/progress/rowsDone").asLong() > 0,
                    "the long run under way");
            held = new TableLock(f.target, "events"); // it waits at its next batch, however fast the machine
            TidemarkApp.await(Duration.ofSeconds(30), () -> api.table("events").at("/progress/percent").isInt(),
                    "the long run with an estimate");

            browser = chromium();
            browser.get("http://127.0.0.1:" + api.port() + "/");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            // With a token set, the page asks for it before it can read the tables; actions use it then.
            wait.until(b -> {
                WebElement input = b.findElement(By.id("token-input"));
                return input.isDisplayed() ? input : null;
            }).sendKeys(TOKEN);
            browser.findElement(By.id("token-ok")).click();
            wait.until(b -> "true".equals(b.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
            // The page refreshes itself: wait until it shows the pause and the run in flight, then compare.
            wait.until(b -> "paused".equals(shown(b).get("archive").get("status"))
                    && "running".equals(shown(b).get("events").get("status")));
            Path screenshot = Path.of("target", "dashboard.png");
            Files.copy(((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
                    StandardCopyOption.REPLACE_EXISTING);
            assertTrue(Files.size(screenshot) > 10_000, "a screenshot of the page");

            JsonNode tables = api.get("/api/tables").json();
            Map<String, Map<String, String>> shown = shown(browser);
            assertEquals(tables.size(), shown.size(), shown.toString());
            NumberFormat thousands = NumberFormat.getIntegerInstance(Locale.US);
            for (JsonNode t : tables) {
                String name = t.get("table").asText();
                Map<String, String> row = shown.get(name);
                if (name.equals("events")) {
                    assertTrue(row.get("progress").contains("incremental: "), row.toString());
                    continue; // its rows move while we look
                }
                assertEquals(t.get("status").asText(), row.get("status"), name);
                assertEquals(thousands.format(t.get("rowsSynced").asLong()), row.get("rowsSynced"), name);
                assertEquals(thousands.format(t.get("deadLetters").asLong()), row.get("deadLetters"), name);
                assertEquals(t.at("/lastRun/started").asText(), row.get("started"), name);
            }
            assertEquals("1,500", shown.get("orders").get("rowsSynced"));
            assertEquals("1", shown.get("notes").get("deadLetters"));
            assertEquals("status status-warning", shown.get("notes").get("chip"), "dead letters are not a green ok");
            assertEquals("status status-ok", shown.get("orders").get("chip"));
            assertNotEquals(shown.get("orders").get("colour"), shown.get("notes").get("colour"));
            assertEquals("paused", shown.get("archive").get("status"));

            String before = shown.get("orders").get("started");
            wait.ignoring(StaleElementReferenceException.class).until(b -> {
                row(b, "orders").findElement(By.cssSelector("button[data-action=run]")).click();
                return true;
            });
            wait.until(b -> b.findElement(By.id("message")).getText().equals("orders: run started"));
            WebDriver page = browser;
            String after = wait.until(b -> {
                String started = shown(page).get("orders").get("started");
                return started != null && !started.equals(before) ? started : null;
            });
            assertEquals(api.table("orders").at("/lastRun/started").asText(), after);
        } finally {
            if (held != null) {
                held.close();
            }
            if (browser != null) {
                browser.quit();
            }
            app.stop();
        }
    }

    private static WebDriver chromium() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("the dashboard test needs Debian's chromium and chromium-driver "
                    + "(bash .ci/install-test-servers installs them)");
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        // The flags that work on a machine without a network beyond the project's (see CONTRIBUTING.md, "The test servers").
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1500,640",
                "--user-data-dir=" + Files.createTempDirectory(Path.of("target"), "chromium-").toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** What the page shows per table, read in one go (the page redraws itself every few seconds). */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, String>> shown(WebDriver browser) {
        List<Map<String, String>> rows = (List<Map<String, String>>) ((JavascriptExecutor) browser).executeScript("""
                return [...document.querySelectorAll('#tables tbody tr')].map(tr => {
                  const text = f => tr.querySelector('[data-field=' + f + ']').textContent.trim();
                  return { table: tr.dataset.table, status: tr.dataset.status, rowsSynced: text('rowsSynced'),
                           deadLetters: text('deadLetters'), progress: text('progress'),
                           chip: tr.querySelector('[data-field=status] .status').className,
                           colour: getComputedStyle(tr.querySelector('[data-field=status] .status')).color,
                           started: tr.querySelector('[data-field=lastRun]').dataset.started || '' };
                });""");
        Map<String, Map<String, String>> byTable = new java.util.LinkedHashMap<>();
        rows.forEach(r -> byTable.put(r.get("table"), r));
        return byTable;
    }

    private static WebElement row(WebDriver browser, String table) {
        return browser.findElement(By.cssSelector("#tables tbody tr[data-table='" + table + "']"));
    }

    private static boolean ran(Api api, String table) {
        JsonNode t = api.table(table);
        return t != null && t.hasNonNull("lastRun") && t.get("progress").isNull();
    }
}
