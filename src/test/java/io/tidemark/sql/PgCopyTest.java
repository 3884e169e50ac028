package io.tidemark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLDataException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** COPY's text format as PgCopy writes it. */
class PgCopyTest {

    @Test
    void nullsTabsNewlinesAndBackslashesAreEscapedAndBinariesAreHex() throws Exception {
        List<List<Object>> rows = List.of(Arrays.asList(1L, null, "a\tb\nc\\d\re", new byte[] {0, (byte) 0xff}),
                Arrays.asList(2L, new BigDecimal("1E+3"), "Zoë ✓", new byte[0]));
        assertEquals("1\t\\N\ta\\tb\\nc\\\\d\\re\t\\\\x00ff\n2\t1000\tZoë ✓\t\\\\x\n",
                new String(PgCopy.encode(null, rows), StandardCharsets.UTF_8));
    }

    @Test
    void aMysqlBitIsWrittenAsItsBinaryDigitsAndABooleanAsOneOrZero() throws Exception {
        List<io.tidemark.source.Column> columns = List.of(
                new io.tidemark.source.Column("b10", "bit", "bit(10)", true, null, null, null, false),
                new io.tidemark.source.Column("b1", "bit", "bit(1)", true, null, null, null, false));
        assertEquals("1000000001\t1\n0000000000\t0\n", new String(PgCopy.encode(columns, List.of(
                Arrays.asList(new byte[] {2, 1}, true), Arrays.asList(new byte[] {0, 0}, false))),
                StandardCharsets.UTF_8));
    }

    @Test
    void aTextWithANulCharacterIsRefusedWithTheReason() {
        SQLDataException e = assertThrows(SQLDataException.class, () -> PgCopy.field("a\0b"));
        assertEquals("a text value holds the character U+0000, which PostgreSQL cannot store", e.getMessage());
    }
}
