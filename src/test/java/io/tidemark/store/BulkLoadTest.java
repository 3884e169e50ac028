package io.tidemark.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidemark.source.Column;
import io.tidemark.source.ServerText;
import io.tidemark.sql.MySqlDialect;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkLoadTest {

    private static final Column ID = new Column("id", "bigint", "bigint(20)", false, null, null, null, false);
    private static final Column NAME = new Column("na`me", "varchar", "varchar(20)", true, "utf8mb4", "utf8mb4_bin", null,
            false);
    private static final Column BYTES = new Column("b", "varbinary", "varbinary(4)", true, null, null, null, false);
    private static final Column FLAGS = new Column("f", "bit", "bit(8)", true, null, null, null, false);

    @Test
    void theStatementUnhexesBinaryColumnsAndCastsBitColumns() {
        String sql = BulkLoad.statement(new MySqlDialect(), "t", List.of(ID, NAME, BYTES, FLAGS), "_l", "_r");
        assertEquals("LOAD DATA LOCAL INFILE 'tidemark-batch' INTO TABLE `t` CHARACTER SET utf8mb4 FIELDS TERMINATED BY "
                + "'\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (`id`, `na``me`, @v2, @v3, `_l`, `_r`) "
                + "SET `b` = UNHEX(@v2), `f` = CAST(@v3 AS UNSIGNED)", sql);
    }

    @Test
    void valuesAreTabSeparatedWithNullAsBackslashNAndSpecialCharactersEscaped() {
        byte[] data = BulkLoad.encode(List.of(ID, NAME, BYTES, FLAGS), List.of(
                Arrays.asList(new BigDecimal("1"), "a\tb\nc\\d\0e", new byte[] {0, (byte) 0xff}, new byte[] {(byte) 0x81},
                        "load", "row"),
                Arrays.asList(2L, "", null, null, "load", "row")));
        assertEquals("1\ta\\tb\\nc\\\\d\\0e\t00ff\t129\tload\trow\n2\t\t\\N\t\\N\tload\trow\n",
                new String(data, StandardCharsets.UTF_8));
    }

    @Test
    void fourByteCharactersAreWrittenAsUtf8() {
        byte[] data = BulkLoad.encode(List.of(NAME), List.<List<Object>>of(Arrays.asList("😀ü")));
        assertEquals("😀ü\n", new String(data, StandardCharsets.UTF_8));
    }

    @Test
    void threeByteCharactersAreUtf8AndAnUnpairedSurrogateIsAQuestionMarkAsJavaWritesIt() {
        byte[] data = BulkLoad.encode(List.of(NAME), List.<List<Object>>of(Arrays.asList("€✓\ud800x")));
        assertEquals("€✓?x\n", new String(data, StandardCharsets.UTF_8));
    }

    @Test
    void aBatchLongerThanOneChunkStreamsWholeLinesInOrder() {
        List<List<Object>> rows = new java.util.ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            String text = "Zoë ✓ " + "x".repeat(i % 97);
            rows.add(Arrays.asList((long) i, text));
            expected.append(i).append('\t').append(text).append('\n');
        }
        byte[] data = BulkLoad.encode(List.of(ID, NAME), rows);
        assertEquals(expected.toString(), new String(data, StandardCharsets.UTF_8));
    }

    @Test
    void theServersTextGoesThroughAsItsBytesEscaped() {
        byte[] data = BulkLoad.encode(List.of(ID, NAME), List.<List<Object>>of(Arrays.asList(
                new ServerText("-12.50".getBytes(StandardCharsets.UTF_8)),
                new ServerText("Zoë\t✓\\\n😀".getBytes(StandardCharsets.UTF_8)))));
        assertEquals("-12.50\tZoë\\t✓\\\\\\n😀\n", new String(data, StandardCharsets.UTF_8));
    }
}
