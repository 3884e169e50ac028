package io.tidemark.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidemark.modes.RunOptions;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A table's schedule: intervals, Quartz cron expressions, and and the endpoint {{trigger:...}} expands to. */
class ScheduleTest {

    private CamelContext context;

    private Schedule schedule(String once) {
        return schedule(once, null);
    }

    private Schedule schedule(String once, String cluster) {
        context = new DefaultCamelContext();
        if (once != null) {
            context.getPropertiesComponent().addInitialProperty("tidemark.once", once);
        }
        if (cluster != null) {
            context.getPropertiesComponent().addInitialProperty("tidemark.cluster.enabled", cluster);
        }
        Schedule schedule = new Schedule();
        schedule.setCamelContext(context);
        return schedule;
    }

    @AfterEach
    void closeContext() throws Exception {
        if (context != null) {
            context.close();
        }
    }

    // intervalMillis

    @Test
    void millisecondsAreAnInterval() {
        assertEquals(500L, Schedule.intervalMillis("500ms"));
    }

    @Test
    void secondsAreAnInterval() {
        assertEquals(30_000L, Schedule.intervalMillis("30s"));
    }

    @Test
    void minutesAreAnInterval() {
        assertEquals(300_000L, Schedule.intervalMillis("5m"));
    }

    @Test
    void hoursAreAnInterval() {
        assertEquals(3_600_000L, Schedule.intervalMillis("1h"));
    }

    @Test
    void anIntervalMayHaveSpacesAndCapitals() {
        assertEquals(30_000L, Schedule.intervalMillis(" 30 S "));
    }

    @Test
    void wordsAreNotAnInterval() {
        assertNull(Schedule.intervalMillis("5 minutes"));
    }

    @Test
    void aZeroIntervalIsNotAnInterval() {
        assertNull(Schedule.intervalMillis("0s"));
    }

    @Test
    void aCronExpressionIsNotAnInterval() {
        assertNull(Schedule.intervalMillis("0 0/5 * * * ?"));
    }

    // valid

    @Test
    void aQuartzCronExpressionIsAValidSchedule() {
        assertTrue(Schedule.valid("0 0/5 * * * ?"));
    }

    @Test
    void anIntervalIsAValidSchedule() {
        assertTrue(Schedule.valid("30s"));
    }

    @Test
    void wordsAreNotAValidSchedule() {
        assertFalse(Schedule.valid("5 minutes"));
    }

    @Test
    void aFiveFieldUnixCronIsNotAValidSchedule() {
        assertFalse(Schedule.valid("*/5 * * * *"));
    }

    // options: the Quartz options of a schedule

    @Test
    void anIntervalRepeatsForever() {
        assertEquals("trigger.repeatInterval=30000&trigger.repeatCount=-1", schedule(null).options("30s"));
    }

    @Test
    void aCronExpressionIsPassedUrlEncoded() {
        assertEquals("cron=0+0%2F5+*+*+*+%3F", schedule(null).options("0 0/5 * * * ?"));
    }

    @Test
    void onceModeSwitchedOffKeepsTheSchedule() {
        assertEquals("trigger.repeatInterval=500&trigger.repeatCount=-1", schedule("false").options("500ms"));
    }

    @Test
    void inAClusterACutOffRunIsRecoveredByAnotherInstance() {
        assertEquals("trigger.repeatInterval=30000&trigger.repeatCount=-1&recoverableJob=true",
                schedule(null, "true").options("30s"));
    }

    @Test
    void inAClusterACronScheduleIsRecoverableToo() {
        assertEquals("cron=0+0%2F5+*+*+*+%3F&recoverableJob=true", schedule(null, "true").options("0 0/5 * * * ?"));
    }

    // apply: the endpoint the table's route starts from

    private static final String TEMPLATE_URI = "tidemark/orders|";

    @Test
    void aTableStartsFromQuartzWithItsScheduleTurnedIntoOptions() {
        assertEquals("quartz:tidemark/orders?stateful=true&trigger.repeatInterval=30000&trigger.repeatCount=-1",
                schedule(null).apply(TEMPLATE_URI + "30s"));
    }

    @Test
    void aCronScheduleWithAQuestionMarkStaysInTheOptions() {
        assertEquals("quartz:tidemark/orders?stateful=true&cron=0+0%2F5+*+*+*+%3F",
                schedule(null).apply(TEMPLATE_URI + "0 0/5 * * * ?"));
    }

    @Test
    void inOnceModeATableStartsFromADirectEndpointWithoutQuartz() {
        assertEquals("direct:tidemark/orders", schedule("true").apply(TEMPLATE_URI + "30s"));
    }

    @Test
    void inOnceModeACronScheduleIsIgnoredToo() {
        assertEquals("direct:tidemark/orders", schedule("true").apply(TEMPLATE_URI + "0 0/5 * * * ?"));
    }

    @Test
    void onceModeWithClusteringEnabledRunsLocallyWithoutQuartz() {
        assertEquals("direct:tidemark/orders", schedule("true", "true").apply(TEMPLATE_URI + "30s"));
    }

    @Test
    void theCommandLinesOnceOptionBoundInTheRegistryCountsLikeTheSetting() {
        Schedule schedule = schedule(null);
        context.getRegistry().bind(RunOptions.BEAN, new RunOptions(true, false, Set.of(), Set.of()));
        assertEquals("direct:tidemark/orders", schedule.apply(TEMPLATE_URI + "30s"));
    }

    @Test
    void aUriWithoutASchedulePartIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> schedule(null).apply("tidemark/orders"));
    }

    @Test
    void thePlaceholderFunctionIsCalledTrigger() {
        assertEquals("trigger", new Schedule().getName());
    }
}
