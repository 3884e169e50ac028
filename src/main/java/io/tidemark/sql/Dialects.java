package io.tidemark.sql;

import java.util.Locale;

/** The dialect that speaks to a database, chosen from its JDBC URL (once per side, at start-up). */
public final class Dialects {

    private Dialects() {
    }

    /**
     * {@code jdbc:mysql:} and {@code jdbc:mariadb:} (and {@code embedded}, the demo's MariaDB) speak MySQL's dialect;
     * any other URL is refused with the ones Tidemark knows.
     */
    public static Dialect forUrl(String url) {
        String u = url.trim().toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:mysql:") || u.startsWith("jdbc:mariadb:") || u.equals("embedded")) {
            return new MySqlDialect();
        }
        throw new IllegalStateException("no SQL dialect for the database URL " + ConnectionPool.redact(url)
                + ": Tidemark speaks to jdbc:mysql: and jdbc:mariadb: URLs");
    }
}
