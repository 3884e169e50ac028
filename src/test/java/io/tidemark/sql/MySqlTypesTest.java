package io.tidemark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidemark.source.Column;
import io.tidemark.source.TableShape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PostgreSQL columns in a MySQL target table: the types MySqlDialect creates for them. */
class MySqlTypesTest {

    private final MySqlDialect dialect = new MySqlDialect();

    private static Column pg(String name, String dataType, String columnType, boolean nullable) {
        return new Column(name, dataType, columnType, nullable, null, null, null, false);
    }

    @Test
    void mysqlColumnsAreNotPostgresOnesEvenWhereTheNamesAreShared() {
        assertFalse(MySqlTypes.fromPostgres(new Column("t", "text", "text", true, "utf8mb4", "utf8mb4_bin", null,
                false)));
        assertFalse(MySqlTypes.fromPostgres(pg("d", "decimal", "decimal(10,2)", true)));
        assertTrue(MySqlTypes.fromPostgres(pg("t", "text", "text", true)));
    }

    @Test
    void aTableFromPostgresqlGetsMysqlTypesThatHoldItsValues() {
        TableShape shape = new TableShape("events", List.of(
                pg("id", "uuid", "uuid", false),
                pg("code", "text", "text", false),
                pg("n", "integer", "integer", true),
                pg("amount", "numeric", "numeric", true),
                pg("price", "numeric", "numeric(10,2)", true),
                pg("ok", "boolean", "boolean", true),
                pg("at", "timestamp with time zone", "timestamp with time zone", true),
                pg("local", "timestamp without time zone", "timestamp(3) without time zone", true),
                pg("doc", "jsonb", "jsonb", true),
                pg("tags", "array", "integer[]", true),
                pg("took", "interval", "interval", true),
                pg("raw", "bytea", "bytea", true),
                pg("note", "text", "text", true)), List.of("id", "code"));
        assertEquals("CREATE TABLE `events` (\n  `id` char(36) NOT NULL,\n  `code` varchar(768) NOT NULL,\n"
                + "  `n` int NULL,\n  `amount` decimal(65,30) NULL,\n  `price` decimal(10,2) NULL,\n"
                + "  `ok` tinyint(1) NULL,\n  `at` datetime(6) NULL,\n  `local` datetime(3) NULL,\n  `doc` json NULL,\n"
                + "  `tags` longtext NULL,\n  `took` varchar(64) NULL,\n  `raw` longblob NULL,\n"
                + "  `note` longtext NULL,\n"
                + "  `_tidemark_load_id` VARCHAR(64) NOT NULL,\n  `_tidemark_row_id` VARCHAR(128) NOT NULL,\n"
                + "  PRIMARY KEY (`id`, `code`)\n)", dialect.createTable("events", shape, "_tidemark_load_id",
                "_tidemark_row_id"));
    }

    @Test
    void aPostgresqlTypeWithoutCounterpartIsRefusedNamingTableAndColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MySqlTypes.of("places", pg("box", "box", "box", true), false));
        assertEquals("table places, column box: PostgreSQL type box has no MySQL counterpart here; leave the column "
                + "out of the table's columns, or create the target table yourself", e.getMessage());
    }
}
