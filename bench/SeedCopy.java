import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The seed's way of copying, as a reference for bench/run.sh: one row per statement, autocommit, one thread.
 * Streams the first N rows of the source table (primary key order) and writes each with its own
 * INSERT ... ON DUPLICATE KEY UPDATE. Values travel as text so DATETIME(6) keeps its microseconds on MariaDB.
 *
 * <p>Run as a single-file program: {@code java -cp mysql-connector-j.jar bench/SeedCopy.java SRC_URL TGT_URL
 * TABLE COLUMNS KEY ROWS}; prints {@code <rows> <seconds>} (copy time only, JVM start excluded).
 */
public class SeedCopy {

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: SeedCopy SOURCE_URL TARGET_URL TABLE COLUMNS(comma-separated) KEY ROWS");
            System.exit(2);
        }
        String sourceUrl = args[0];
        String targetUrl = args[1];
        String table = args[2];
        String[] columns = args[3].split(",");
        String key = args[4];
        long limit = Long.parseLong(args[5]);

        StringBuilder upsert = new StringBuilder("INSERT INTO `").append(table).append("` (")
                .append(String.join(", ", columns)).append(") VALUES (")
                .append("?, ".repeat(columns.length - 1)).append("?) ON DUPLICATE KEY UPDATE ");
        String sep = "";
        for (String c : columns) {
            if (!c.equals(key)) {
                upsert.append(sep).append(c).append(" = VALUES(").append(c).append(")");
                sep = ", ";
            }
        }

        long rows = 0;
        long started = System.nanoTime();
        try (Connection source = DriverManager.getConnection(sourceUrl, "root", "");
             Connection target = DriverManager.getConnection(targetUrl, "root", "");
             Statement select = source.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
             PreparedStatement insert = target.prepareStatement(upsert.toString())) {
            target.setAutoCommit(true);
            select.setFetchSize(Integer.MIN_VALUE); // stream
            try (ResultSet rs = select.executeQuery("SELECT " + String.join(", ", columns) + " FROM `" + table
                    + "` ORDER BY `" + key + "` LIMIT " + limit)) {
                while (rs.next()) {
                    for (int i = 1; i <= columns.length; i++) {
                        insert.setString(i, rs.getString(i));
                    }
                    insert.executeUpdate();
                    rows++;
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "%d %.3f%n", rows, seconds);
    }
}
