package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reports go to stdout and logs to stderr, so a report can be piped; a normal start is quiet, and a bad setting is
 * one line per problem, found before anything is created.
 */
class OutputIT {

    @Test
    void onceAndCheckPrintTheirReportsAloneOnStdout() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "output");
        f.source.execute("CREATE TABLE a (id INT PRIMARY KEY)", "INSERT INTO a VALUES (1)",
                "CREATE TABLE b (id INT PRIMARY KEY)", "INSERT INTO b VALUES (1), (2)");
        TidemarkApp app = f.app(table("table", "a"), table("table", "b"));

        TidemarkApp.Result once = app.once();
        assertEquals(0, once.exitCode(), once.output());
        List<String> lines = once.stdout().lines().toList();
        assertEquals(2, lines.size(), once.stdout());
        assertTrue(lines.get(0).startsWith("a: ok, 1 rows, "), once.stdout());
        assertTrue(lines.get(1).startsWith("b: ok, 2 rows, "), once.stdout());
        assertTrue(once.output().contains("INFO "), "the log is on stderr: " + once.output());

        TidemarkApp.Result check = app.start("--check").awaitExit(Duration.ofSeconds(60));
        assertEquals(0, check.exitCode(), check.output());
        List<String> report = check.stdout().lines().toList();
        assertEquals(4, report.size(), check.stdout());
        assertTrue(report.get(0).startsWith("source database: OK ("), check.stdout());
        assertTrue(report.get(1).startsWith("target database: OK ("), check.stdout());
        assertEquals(List.of("a: OK", "b: OK"), report.subList(2, 4));
    }

    @Test
    void aNormalStartIsQuietAndABadSettingIsOneLinePerProblemBeforeAnythingIsCreated() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "quiet");
        f.source.execute("CREATE TABLE a (id INT PRIMARY KEY)", "CREATE TABLE b (id INT PRIMARY KEY)",
                "CREATE TABLE c (id INT PRIMARY KEY, v INT)");
        TidemarkApp.Result once = f.app(table("table", "a"), table("table", "b"), table("table", "c")).once();
        assertEquals(0, once.exitCode(), once.output());
        String log = once.output();
        assertFalse(log.contains("has already been started"), log);
        assertFalse(log.contains("JVM shutdown hook triggered"), log);
        assertTrue(log.lines().filter(l -> l.contains(" Started ")).count() <= 2, log);

        f.target.execute("DROP TABLE a", "DROP TABLE b", "DROP TABLE c");
        TidemarkApp.Result bad = f.app(table("table", "a"), table("table", "b"),
                table("table", "c", "modifier", "nope")).once();
        assertEquals(2, bad.exitCode(), bad.output());
        assertEquals(1, bad.output().split("modifier column 'nope' is not a column", -1).length - 1,
                "the problem once: " + bad.output());
        assertFalse(bad.output().contains("\tat "), "no stack trace: " + bad.output());
        assertEquals(0, f.target.count("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME IN ('a', 'b', 'c')"), "no table created before the problem was found");
    }
}
