package io.tidemark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidemark.source.Column;
import io.tidemark.source.TableShape;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdlTextTest {

    @Test
    void typesAServerGivesAreAccepted() {
        for (String type : List.of("int", "int(10) unsigned", "bigint(20) unsigned zerofill", "decimal(65,30)",
                "datetime(6)", "varchar(255)", "double", "float unsigned", "bit(64)", "geometry", "json", "year(4)",
                "enum('a','b')", "set('x','it''s','back\\\\slash','a,b','(',')')", "ENUM('A')", "inet6", "uuid")) {
            assertEquals(type, DdlText.type("t", "c", type), type);
        }
    }

    @Test
    void aTypeThatGoesOnPastTheColumnIsRefusedNamingTheTableAndColumn() {
        for (String type : List.of("int, evil int", "int) ENGINE=MEMORY; DROP TABLE x; --", "int /* */",
                "enum('a') default 'x'", "enum('a\\')", "enum('a'),b int", "varchar(10) CHARACTER SET latin1", "")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> DdlText.type("orders", "note", type), type);
            assertTrue(refused.getMessage().startsWith("table orders, column note: the source's catalog gives '"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("SHOW CREATE TABLE orders"), refused.getMessage());
        }
    }

    @Test
    void characterSetsAndCollationsAreBareNames() {
        assertEquals("utf8mb4_0900_ai_ci", DdlText.name("t", "c", "collation", "utf8mb4_0900_ai_ci"));
        for (String name : List.of("utf8mb4 COLLATE x", "latin1,", "a'b", "")) {
            assertThrows(IllegalArgumentException.class, () -> DdlText.name("t", "c", "collation", name), name);
        }
    }

    @Test
    void generationExpressionsAreOneExpressionWithQuotedTextLeftAlone() {
        for (String e : List.of("(`a` + `b`)", "concat(`first`,_utf8mb4' ',`last`)", "json_unquote(json_extract(`doc`,_utf8mb4'$.name'))",
                "`a` * 2", "if((`x` = ')'),1,0)", "concat('a;b', \"#c\", '--d', '/*e*/', 'it''s', 'back\\'slash')")) {
            assertTrue(DdlText.oneExpression(e), e);
        }
        for (String e : List.of("`a`) VIRTUAL, evil INT, x INT AS (1", "(1", "1)", "1; DROP TABLE t", "1 -- rest",
                "1 # rest", "1 /* rest */", "'unclosed", "`a` + 1) STORED, PRIMARY KEY (`a`")) {
            assertFalse(DdlText.oneExpression(e), e);
        }
    }

    @Test
    void createTableRefusesAHostileTypeAndRunsNothing() {
        TableShape shape = new TableShape("orders", List.of(
                new Column("id", "int", "int", false, null, null, null, false),
                new Column("note", "int", "int) ; DROP TABLE orders; -- ", true, null, null, null, false)), List.of("id"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new MySqlDialect().createTable("orders", shape, "_load", "_row"));
        assertTrue(refused.getMessage().startsWith("table orders, column note:"), refused.getMessage());
    }
}
