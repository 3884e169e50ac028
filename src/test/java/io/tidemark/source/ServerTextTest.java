package io.tidemark.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServerTextTest {

    private static ServerText text(String s) {
        return new ServerText(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Column column(String type) {
        return new Column("c", type, type, true, null, null, null, false);
    }

    @Test
    void exactNumbersBecomeBigDecimalsWithTheirScale() {
        assertEquals(new BigDecimal("-0.50"), text("-0.50").value(column("decimal")));
        assertEquals(new BigDecimal("18446744073709551615"), text("18446744073709551615").value(column("bigint")));
    }

    @Test
    void doublesDatesAndTextsStayText() {
        assertEquals("-0", text("-0").value(column("double")));
        assertEquals("2024-01-01 00:00:00.000001", text("2024-01-01 00:00:00.000001").value(column("datetime")));
        assertEquals("Zoë ✓", text("Zoë ✓").value(column("varchar")));
    }
}
