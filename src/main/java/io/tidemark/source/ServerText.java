package io.tidemark.source;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A value as the source server printed it, in UTF-8, kept as bytes: a bulk run hands it to LOAD DATA unchanged
 * (the server reads back what it printed), without decoding it to a Java value and encoding it again.
 */
public record ServerText(byte[] utf8) {

    /** The value as the row reader would have read it: a BigDecimal for exact numbers, else the text. */
    public Object value(Column column) {
        String text = new String(utf8, StandardCharsets.UTF_8);
        boolean exactNumber = column.numeric() && !column.dataType().equals("double")
                && !column.dataType().equals("float") && !column.dataType().equals("real");
        return exactNumber ? new BigDecimal(text) : text;
    }
}
