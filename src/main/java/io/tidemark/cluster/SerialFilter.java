package io.tidemark.cluster;

import java.io.ObjectInputFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Java deserialization may build in this JVM: the JDK's own basic classes and Quartz's, nothing else. Quartz's
 * JDBC job store keeps job data as text ({@code useProperties}, see {@link ClusteredJobStore}), but still
 * deserializes calendars and triggers of its BLOB type from the target database: whoever can write Quartz's tables
 * there could otherwise plant a serialized object that runs code when read (c3p0, on the class path, has known
 * such chains). A refused class is logged and fails the read.
 */
public final class SerialFilter implements ObjectInputFilter {

    /** The JDK's basic classes (java.base) and Quartz's; bounded depth, references, arrays and size. */
    static final String PATTERN = "maxdepth=20;maxrefs=10000;maxarray=100000;maxbytes=10000000;"
            + "java.base/*;org.quartz.**;!*";

    private static final Logger LOG = LoggerFactory.getLogger(SerialFilter.class);

    private final ObjectInputFilter rules = ObjectInputFilter.Config.createFilter(PATTERN);

    /** Makes this the JVM's filter, unless one is set already (-Djdk.serialFilter): that one is kept. */
    public static void install() {
        if (ObjectInputFilter.Config.getSerialFilter() instanceof SerialFilter) {
            return;
        }
        try {
            ObjectInputFilter.Config.setSerialFilter(new SerialFilter());
        } catch (IllegalStateException alreadySet) {
            LOG.info("Java deserialization: keeping the filter set with jdk.serialFilter");
        }
    }

    @Override
    public Status checkInput(FilterInfo info) {
        Status status = rules.checkInput(info);
        if (status == Status.REJECTED) {
            LOG.warn("Java deserialization refused {}: only JDK base and Quartz classes may be read (a foreign object "
                    + "in Quartz's tables in the target database?)", info.serialClass() != null
                    ? "class " + info.serialClass().getName() : "an object beyond the limits " + PATTERN.split(";java")[0]);
        }
        return status;
    }
}
