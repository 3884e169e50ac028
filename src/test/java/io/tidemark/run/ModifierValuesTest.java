package io.tidemark.run;

import io.tidemark.source.Column;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** Lag parsing and watermark arithmetic on modifier values in the server's own text form. */
class ModifierValuesTest {

    private static final Column DATETIME = new Column("updated_at", "datetime", "datetime(6)", false, null, null, null, false);
    private static final Column TIMESTAMP = new Column("changed", "timestamp", "timestamp", false, null, null, null, false);
    private static final Column DATE = new Column("booked_on", "date", "date", false, null, null, null, false);
    private static final Column TIME = new Column("at", "time", "time", false, null, null, null, false);
    private static final Column VERSION = new Column("version", "bigint", "bigint unsigned", false, null, null, null, false);
    private static final Column PRICE = new Column("price", "decimal", "decimal(10,2)", false, null, null, null, false);

    // parseLag

    @Test
    void zeroSecondsIsAZeroLag() {
        assertEquals(Duration.ZERO, ModifierValues.parseLag(DATETIME, "0s"));
    }

    @Test
    void millisecondsAreALag() {
        assertEquals(Duration.ofMillis(500), ModifierValues.parseLag(DATETIME, "500ms"));
    }

    @Test
    void secondsAreALag() {
        assertEquals(Duration.ofSeconds(5), ModifierValues.parseLag(DATETIME, "5s"));
    }

    @Test
    void minutesAreALag() {
        assertEquals(Duration.ofMinutes(10), ModifierValues.parseLag(DATETIME, "10m"));
    }

    @Test
    void hoursAreALag() {
        assertEquals(Duration.ofHours(1), ModifierValues.parseLag(TIMESTAMP, "1h"));
    }

    @Test
    void daysAreALag() {
        assertEquals(Duration.ofDays(1), ModifierValues.parseLag(DATE, "1d"));
    }

    @Test
    void aLagMayHaveSpacesAndCapitals() {
        assertEquals(Duration.ofMinutes(10), ModifierValues.parseLag(DATETIME, " 10 M "));
    }

    @Test
    void aTemporalLagThatIsNotADurationIsRejectedWithExamples() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModifierValues.parseLag(DATETIME, "5 minutes"));
        assertEquals("'5 minutes' is not a duration such as 0s, 500ms, 5s, 10m, 1h or 1d", e.getMessage());
    }

    @Test
    void aBareNumberIsNotALagForATemporalModifier() {
        assertThrows(IllegalArgumentException.class, () -> ModifierValues.parseLag(DATETIME, "5"));
    }

    @Test
    void aNumericModifiersLagIsACount() {
        assertEquals(new BigDecimal("100"), ModifierValues.parseLag(VERSION, " 100 "));
    }

    @Test
    void aDecimalModifiersLagMayHaveAFraction() {
        assertEquals(new BigDecimal("0.50"), ModifierValues.parseLag(PRICE, "0.50"));
    }

    @Test
    void aYearModifiersLagIsACountOfYears() {
        Column year = new Column("vintage", "year", "year", false, null, null, null, false);
        assertEquals(new BigDecimal("1"), ModifierValues.parseLag(year, "1"));
    }

    @Test
    void aNumericModifiersLagThatIsNotANumberIsRejectedWithAMessageNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModifierValues.parseLag(VERSION, "5s"));
        assertTrue(e.getMessage().contains("'5s'"), e.getMessage());
    }

    @Test
    void zeroIsAZeroLagForEitherKind() {
        assertTrue(ModifierValues.isZero(Duration.ZERO));
        assertTrue(ModifierValues.isZero(new BigDecimal("0.00")));
    }

    // minus on DATETIME / TIMESTAMP text

    @Test
    void minusOnADatetimeWithoutFractionAnswersWithSixFractionDigits() {
        assertEquals("2024-01-01 09:59:55.000000",
                ModifierValues.minus(DATETIME, "2024-01-01 10:00:00", Duration.ofSeconds(5)));
    }

    @Test
    void minusOnADatetimeWithMicrosecondsKeepsThem() {
        assertEquals("2024-01-01 09:59:55.123456",
                ModifierValues.minus(DATETIME, "2024-01-01 10:00:00.123456", Duration.ofSeconds(5)));
    }

    @Test
    void minusOnADatetimeWithAShortFractionPadsItToSixDigits() {
        assertEquals("2024-01-01 09:59:59.500000",
                ModifierValues.minus(TIMESTAMP, "2024-01-01 10:00:00.5", Duration.ofMillis(1000)));
    }

    @Test
    void minusCrossesMidnight() {
        assertEquals("2023-12-31 23:59:58.000000",
                ModifierValues.minus(DATETIME, "2024-01-01 00:00:03", Duration.ofSeconds(5)));
    }

    @Test
    void minusCrossesAMonthEnd() {
        assertEquals("2024-04-30 23:50:00.000000",
                ModifierValues.minus(DATETIME, "2024-05-01 00:00:00", Duration.ofMinutes(10)));
    }

    @Test
    void minusLandsOnALeapDay() {
        assertEquals("2024-02-29 12:00:00.000000",
                ModifierValues.minus(DATETIME, "2024-03-01 12:00:00", Duration.ofDays(1)));
    }

    @Test
    void minusSkipsTheLeapDayInACommonYear() {
        assertEquals("2023-02-28 12:00:00.000000",
                ModifierValues.minus(DATETIME, "2023-03-01 12:00:00", Duration.ofDays(1)));
    }

    @Test
    void minusOnAWallTimeThatDoesNotExistInNewYorkIsPlainArithmetic() {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try {
            // 2024-03-10 02:00-03:00 does not exist in New York; the server's text is kept as it is
            assertEquals("2024-03-10 02:29:55.000000",
                    ModifierValues.minus(DATETIME, "2024-03-10 02:30:00", Duration.ofSeconds(5)));
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void minusAcrossTheNewYorkSpringForwardGapIsPlainArithmetic() {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try {
            // in New York time 03:10 minus one hour would be 01:10; the wall-clock text gives 02:10
            assertEquals("2024-03-10 02:10:00.000000",
                    ModifierValues.minus(DATETIME, "2024-03-10 03:10:00", Duration.ofHours(1)));
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void aZeroDatetimeStaysUnchanged() {
        assertEquals("0000-00-00 00:00:00", ModifierValues.minus(DATETIME, "0000-00-00 00:00:00", Duration.ofSeconds(5)));
    }

    @Test
    void aTimeValueStaysUnchanged() {
        assertEquals("10:00:00", ModifierValues.minus(TIME, "10:00:00", Duration.ofSeconds(5)));
    }

    @Test
    void aZeroLagLeavesTheValueAsItIs() {
        String value = "2024-01-01 10:00:00";
        assertSame(value, ModifierValues.minus(DATETIME, value, Duration.ZERO));
    }

    @Test
    void aNullValueStaysNull() {
        assertEquals(null, ModifierValues.minus(DATETIME, null, Duration.ofSeconds(5)));
    }

    // minus on DATE text

    @Test
    void minusOnADateGoesBackWholeDays() {
        assertEquals("2024-02-28", ModifierValues.minus(DATE, "2024-03-01", Duration.ofDays(2)));
    }

    @Test
    void minusOnADateRoundsALagShorterThanADayUpToOneDay() {
        assertEquals("2024-02-29", ModifierValues.minus(DATE, "2024-03-01", Duration.ofMillis(500)));
    }

    @Test
    void minusOnADateRoundsAPartDayUpToTheNextWholeDay() {
        assertEquals("2024-02-28", ModifierValues.minus(DATE, "2024-03-01", Duration.ofHours(25)));
    }

    @Test
    void minusOnADateByExactlyOneDayIsOneDay() {
        assertEquals("2023-12-31", ModifierValues.minus(DATE, "2024-01-01", Duration.ofHours(24)));
    }

    @Test
    void aZeroDateStaysUnchanged() {
        assertEquals("0000-00-00", ModifierValues.minus(DATE, "0000-00-00", Duration.ofDays(1)));
    }

    // minus on numbers

    @Test
    void minusOnANumberSubtractsTheCount() {
        assertEquals(new BigDecimal("95"), ModifierValues.minus(VERSION, new BigDecimal("100"), new BigDecimal("5")));
    }

    @Test
    void minusOnANumberGivenAsTextAnswersWithANumber() {
        assertEquals(new BigDecimal("9.75"), ModifierValues.minus(PRICE, "10.25", new BigDecimal("0.50")));
    }

    @Test
    void minusOnAnIntegerValueKeepsItExact() {
        assertEquals(new BigDecimal("18446744073709551610"),
                ModifierValues.minus(VERSION, new BigDecimal("18446744073709551615"), new BigDecimal("5")));
    }

    // compare

    @Test
    void aDatetimeWithoutFractionIsBeforeTheSameSecondPlusOneMicrosecond() {
        assertTrue(ModifierValues.compare(DATETIME, "2024-01-01 10:00:00", "2024-01-01 10:00:00.000001") < 0);
    }

    @Test
    void datetimesOfDifferentPrecisionAreEqualWhenTheyDenoteTheSameInstant() {
        assertEquals(0, ModifierValues.compare(DATETIME, "2024-01-01 10:00:00", "2024-01-01 10:00:00.000000"));
    }

    @Test
    void aShortFractionIsComparedByValueNotByText() {
        assertTrue(ModifierValues.compare(DATETIME, "2024-01-01 10:00:00.5", "2024-01-01 10:00:00.123456") > 0);
    }

    @Test
    void datesCompareByCalendarOrder() {
        assertTrue(ModifierValues.compare(DATE, "2024-02-29", "2024-03-01") < 0);
    }

    @Test
    void equalDatesCompareEqual() {
        assertEquals(0, ModifierValues.compare(DATE, "2024-02-29", "2024-02-29"));
    }

    @Test
    void numbersCompareByValueNotByText() {
        assertTrue(ModifierValues.compare(VERSION, "9", "10") < 0);
    }

    @Test
    void aBigDecimalAndTheSameNumberAsTextCompareEqual() {
        assertEquals(0, ModifierValues.compare(PRICE, new BigDecimal("10.0"), "10"));
    }

    @Test
    void aBigDecimalIsComparedWithTextByValue() {
        assertTrue(ModifierValues.compare(PRICE, new BigDecimal("10.5"), "9.75") > 0);
    }

    @Test
    void aZeroDatetimeSortsBeforeARealOne() {
        assertTrue(ModifierValues.compare(DATETIME, "0000-00-00 00:00:00", "2024-01-01 10:00:00") < 0);
    }
    // lastCompleteTick: the bound of a run with lag 0

    private static final Column SECONDS = new Column("changed", "datetime", "datetime", false, null, null, null, false);
    private static final Column MILLIS = new Column("changed", "timestamp", "timestamp(3)", false, null, null, null, false);

    @Test
    void aSecondPrecisionModifierIsReadUpToTheLastSecondThatHasEnded() {
        assertEquals("2024-03-10 12:00:04.000000", ModifierValues.lastCompleteTick(SECONDS, "2024-03-10 12:00:05.300000"));
    }

    @Test
    void aSecondThatHasJustBegunIsNotReadYet() {
        assertEquals("2024-03-10 12:00:04.000000", ModifierValues.lastCompleteTick(SECONDS, "2024-03-10 12:00:05.000000"));
    }

    @Test
    void aMillisecondModifierIsReadUpToTheLastMillisecondThatHasEnded() {
        assertEquals("2024-03-10 12:00:05.299000", ModifierValues.lastCompleteTick(MILLIS, "2024-03-10 12:00:05.300999"));
    }

    @Test
    void aMicrosecondModifierIsReadUpToTheMicrosecondBefore() {
        assertEquals("2024-03-10 23:59:59.999999", ModifierValues.lastCompleteTick(DATETIME, "2024-03-11 00:00:00.000000"));
    }

    @Test
    void aDateModifierIsReadUpToYesterday() {
        assertEquals("2024-02-29", ModifierValues.lastCompleteTick(DATE, "2024-03-01"));
    }

    @Test
    void aVersionCounterKeepsItsHighestValue() {
        assertEquals(new BigDecimal("42"), ModifierValues.lastCompleteTick(VERSION, new BigDecimal("42")));
    }

    @Test
    void postgresqlTimestampsWithoutAPrecisionAreMicrosecondsAndTheirLagApplies() {
        Column tz = new Column("m", "timestamp with time zone", "timestamp with time zone", false, null, null, null,
                false);
        Column wall = new Column("m", "timestamp without time zone", "timestamp(3) without time zone", false, null,
                null, null, false);
        assertEquals("2024-03-10 12:00:05.299999", ModifierValues.lastCompleteTick(tz, "2024-03-10 12:00:05.300000"));
        assertEquals("2024-03-10 12:00:05.299000", ModifierValues.lastCompleteTick(wall, "2024-03-10 12:00:05.300"));
        assertEquals("2024-03-10 12:00:00.300000", ModifierValues.minus(tz, "2024-03-10 12:00:05.300000",
                Duration.ofSeconds(5)));
    }
}
