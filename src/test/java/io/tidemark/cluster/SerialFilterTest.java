package io.tidemark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quartz.JobDataMap;
import org.quartz.impl.calendar.WeeklyCalendar;

class SerialFilterTest {

    /** Stands for any class a gadget chain uses: neither the JDK's base classes nor Quartz's. */
    record Foreign(String command) implements Serializable {
    }

    @Test
    void aForeignObjectIsRefusedEvenInsideAMapOfAllowedClasses() throws Exception {
        Map<String, Object> map = new HashMap<>(Map.of("job", "ok", "payload", new Foreign("touch /tmp/pwned")));
        InvalidClassException refused = assertThrows(InvalidClassException.class, () -> read(serialized(map)));
        assertEquals("filter status: REJECTED", refused.getMessage());
        assertThrows(InvalidClassException.class, () -> read(serialized(new Foreign("x"))));
    }

    @Test
    void quartzJobDataAndCalendarsOfTheJdksBaseClassesAreRead() throws Exception {
        JobDataMap data = new JobDataMap(Map.of("CamelQuartzEndpoint", "quartz://tidemark/orders"));
        assertEquals(data, read(serialized(data)));
        assertEquals(WeeklyCalendar.class, read(serialized(new WeeklyCalendar())).getClass());
    }

    @Test
    void anObjectNestedDeeperThanTheLimitIsRefused() throws Exception {
        Object nested = "bottom";
        for (int i = 0; i < 50; i++) {
            nested = new Object[] {nested};
        }
        Object tooDeep = nested;
        assertThrows(InvalidClassException.class, () -> read(serialized(tooDeep)));
    }

    private static byte[] serialized(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static Object read(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(new SerialFilter());
            return in.readObject();
        }
    }
}
