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
                new String(PgCopy.encode(rows), StandardCharsets.UTF_8));
    }

    @Test
    void aTextWithANulCharacterIsRefusedWithTheReason() {
        SQLDataException e = assertThrows(SQLDataException.class, () -> PgCopy.field("a\0b"));
        assertEquals("a text value holds the character U+0000, which PostgreSQL cannot store", e.getMessage());
    }
}
