package io.tidemark.run;

import io.tidemark.source.Column;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Arithmetic on modifier values as the source returns them: temporal values are the server's own text
 * ({@code 2024-03-10 02:30:00.000001}), never shifted through a Java time zone; numbers are exact decimals.
 */
public final class ModifierValues {

    private static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true).optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final Pattern FRACTION = Pattern.compile("\\((\\d)\\)");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private ModifierValues() {
    }

    /** A lag setting in the modifier's units: a duration such as {@code 5s}/{@code 10m} for time, a count for numbers. */
    public static Object parseLag(Column modifier, String lag) {
        if (modifier.numberValued()) {
            try {
                return new BigDecimal(lag.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + lag + "' is not a number; the modifier " + modifier.name()
                        + " is numeric, so lag counts its units, e.g. 0 or 100");
            }
        }
        Matcher m = DURATION.matcher(lag.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + lag + "' is not a duration such as 0s, 500ms, 5s, 10m, 1h or 1d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** True when the lag re-reads nothing. */
    public static boolean isZero(Object lag) {
        return lag instanceof Duration d ? d.isZero() : ((BigDecimal) lag).signum() == 0;
    }

    /** The value {@code lag} before {@code value}, in the same text or number form; unparseable values stay. */
    public static Object minus(Column modifier, Object value, Object lag) {
        if (value == null || isZero(lag)) {
            return value;
        }
        if (lag instanceof BigDecimal n) {
            return decimal(value).subtract(n);
        }
        Duration d = (Duration) lag;
        String text = value.toString();
        try {
            if (modifier.dataType().equals("date")) {
                long days = Math.max(1, (d.toSeconds() + 86_399) / 86_400);
                return LocalDate.parse(text).minusDays(days).toString();
            }
            return LocalDateTime.parse(text, DATETIME).minus(d).format(MICROS);
        } catch (DateTimeParseException e) {
            return value; // zero dates and TIME values: re-read nothing extra rather than guess
        }
    }

    /**
     * The clock bound a run with {@code lag} 0 may read up to: the last tick of the modifier's precision that
     * has ended. With {@code now} at 12:00:05.3 a DATETIME(0) modifier may still be stamped 12:00:05 by a row
     * written at 12:00:05.7; reading that second now and continuing after it next time would miss such a row.
     * So the bound is 12:00:04 (DATETIME(3): 12:00:05.299, DATETIME(6): 12:00:05.299999, DATE: yesterday).
     * Any {@code lag} above 0 re-reads the watermark's own tick, so only {@code lag} 0 needs this.
     * Numbers (version counters) and unparseable values are returned as they are.
     */
    public static Object lastCompleteTick(Column modifier, Object now) {
        if (now == null || modifier.numeric() || !modifier.temporal()) {
            return now;
        }
        String text = now.toString();
        try {
            if (modifier.dataType().equals("date")) {
                return LocalDate.parse(text.substring(0, Math.min(10, text.length()))).minusDays(1).toString();
            }
            if (!modifier.dataType().equals("datetime") && !modifier.dataType().startsWith("timestamp")) {
                return now; // TIME values
            }
            LocalDateTime t = LocalDateTime.parse(text, DATETIME);
            long tick = (long) Math.pow(10, 9 - fractionDigits(modifier));
            return t.withNano((int) (t.getNano() - t.getNano() % tick)).minusNanos(tick).format(MICROS);
        } catch (DateTimeParseException e) {
            return now;
        }
    }

    /**
     * The fractional-second digits of a date/time column: {@code datetime(3)} is 3, {@code datetime} 0; PostgreSQL's
     * {@code timestamp ... time zone} types without a precision have 6.
     */
    private static int fractionDigits(Column modifier) {
        Matcher m = FRACTION.matcher(modifier.columnType());
        return m.find() ? Integer.parseInt(m.group(1)) : modifier.dataType().endsWith("time zone") ? 6 : 0;
    }

    /** Orders two modifier values of the same column. */
    public static int compare(Column modifier, Object a, Object b) {
        if (modifier.numberValued()) {
            return decimal(a).compareTo(decimal(b));
        }
        try {
            if (modifier.dataType().equals("date")) {
                return LocalDate.parse(a.toString()).compareTo(LocalDate.parse(b.toString()));
            }
            return LocalDateTime.parse(a.toString(), DATETIME).compareTo(LocalDateTime.parse(b.toString(), DATETIME));
        } catch (DateTimeParseException e) {
            return a.toString().compareTo(b.toString());
        }
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }
}
