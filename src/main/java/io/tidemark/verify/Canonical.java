package io.tidemark.verify;

import io.tidemark.source.Column;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One text for each value, whichever engine it was read from, for verifying between MySQL or MariaDB and
 * PostgreSQL (where the servers render the same value differently, so neither can hash for both). Chosen by the
 * source column's type; the value is what the verifier read: an object from MySQL (as {@code RowReader} reads it:
 * dates and times as the server's text), the server's text from PostgreSQL ({@code ::text}). So:
 * <ul>
 *   <li>integers and decimals: the number without trailing zeros ({@code 1.50} and {@code 1.5000} alike);</li>
 *   <li>FLOAT / real as a float, DOUBLE / double precision as a double, a zero of either sign as {@code 0}
 *       (MariaDB stores -0 as 0);</li>
 *   <li>dates and times: the text without a zero fraction ({@code 00:00:00.000000} and {@code 00:00:00} alike) and
 *       without PostgreSQL's {@code +00} of a timestamptz (both sides are read in UTC sessions);</li>
 *   <li>booleans and BIT: a number ({@code true}, {@code t}, {@code b'1'} are 1; {@code 10000001} is 129);</li>
 *   <li>binary: its hex ({@code \x00ff} from PostgreSQL, bytes from MySQL); JSON: {@link JsonCanonical};</li>
 *   <li>anything else (text, ENUM, SET, uuid, arrays as text, ...): its text.</li>
 * </ul>
 * NULL is {@code \u0000N}, which no value's text is.
 */
final class Canonical {

    static final String NULL = "\u0000N";

    private static final Set<String> EXACT = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint",
            "year", "decimal", "numeric");
    private static final Set<String> FLOAT = Set.of("float", "real");
    private static final Set<String> DOUBLE = Set.of("double", "double precision");
    private static final Set<String> TEMPORAL = Set.of("date", "time", "datetime", "timestamp", "interval",
            "timestamp with time zone", "timestamp without time zone", "time with time zone", "time without time zone");
    private static final Pattern ZERO_FRACTION = Pattern.compile("(\\d)\\.(\\d*?)0*($|[^\\d])");

    private Canonical() {
    }

    /** The value's text to hash, as {@code column} (the source's) types it. */
    static String text(Column column, Object value) {
        if (value == null) {
            return NULL;
        }
        String type = column.dataType();
        if (value instanceof byte[] bytes && (column.binary() || type.equals("bit"))) {
            return type.equals("bit") ? new BigInteger(1, bytes).toString() : HexFormat.of().formatHex(bytes);
        }
        String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
        if (column.binary()) { // PostgreSQL's text of bytea
            return text.startsWith("\\x") ? text.substring(2).toLowerCase(java.util.Locale.ROOT) : text;
        }
        if (type.equals("bit") || type.equals("boolean")) {
            return bit(text);
        }
        if (type.equals("json") || type.equals("jsonb")) {
            return JsonCanonical.of(text);
        }
        try {
            if (EXACT.contains(type)) {
                BigDecimal number = value instanceof Boolean b ? (b ? BigDecimal.ONE : BigDecimal.ZERO)
                        : new BigDecimal(text);
                return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
            }
            if (FLOAT.contains(type)) {
                float f = Float.parseFloat(text);
                return f == 0 ? "0" : Float.toString(f);
            }
            if (DOUBLE.contains(type)) {
                double d = Double.parseDouble(text);
                return d == 0 ? "0" : Double.toString(d);
            }
        } catch (NumberFormatException notANumber) { // NaN in a numeric, Infinity: as their text
            return text;
        }
        return TEMPORAL.contains(type) ? temporal(text) : text;
    }

    private static String bit(String text) {
        if (text.equals("true") || text.equals("t")) {
            return "1";
        }
        if (text.equals("false") || text.equals("f")) {
            return "0";
        }
        return !text.isEmpty() && text.chars().allMatch(ch -> ch == '0' || ch == '1') && text.length() > 1
                ? new BigInteger(text, 2).toString() : text;
    }

    /** A date or time's text without a zero fraction, trailing fraction zeros or a UTC offset of {@code +00}. */
    static String temporal(String text) {
        String t = text.endsWith("+00") ? text.substring(0, text.length() - 3) : text;
        Matcher m = ZERO_FRACTION.matcher(t);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + (m.group(2).isEmpty() ? ""
                    : "." + m.group(2)) + m.group(3)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
