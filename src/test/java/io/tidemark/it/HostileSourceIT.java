package io.tidemark.it;

import static io.tidemark.it.TidemarkApp.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a source schema's owner writes into names is only ever a name: never an expression Tidemark evaluates. */
class HostileSourceIT {

    /** camel-sql would read {@code :?in:${...}} in the upsert's text as a parameter and evaluate the expression. */
    private static final String COLUMN = "note:?in:${sys.user.dir}";

    @Test
    void aColumnNamedLikeACamelSqlParameterWithAnExpressionIsWrittenAsAPlainColumn() throws Exception {
        SyncFixture f = new SyncFixture(Server.MARIADB_11_4, "hostilename");
        String column = Database.quote(COLUMN);
        f.source.execute("CREATE TABLE items (id INT PRIMARY KEY, changed DATETIME(6) NOT NULL, " + column + " VARCHAR(50))",
                "INSERT INTO items VALUES (1, '2025-01-01 00:00:00', 'first'), (2, '2025-01-01 00:00:00', 'second')");
        TidemarkApp app = f.app(table("table", "items", "modifier", "changed"));
        TidemarkApp.Result firstLoad = app.once();
        assertEquals(0, firstLoad.exitCode(), firstLoad.output());

        // Now rows go through the upsert, whose statement text names the column.
        f.source.execute("UPDATE items SET " + column + " = 'changed', changed = NOW(6) WHERE id = 2",
                "INSERT INTO items VALUES (3, NOW(6), 'third')");
        TidemarkApp.Result upserts = app.once();
        assertEquals(0, upserts.exitCode(), upserts.output());
        assertEquals("first,changed,third", f.target.value("SELECT GROUP_CONCAT(" + column + " ORDER BY id) FROM items"));
        f.assertSameRows("items", "id", "id", COLUMN);
    }
}
