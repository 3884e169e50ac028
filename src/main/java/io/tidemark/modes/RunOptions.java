package io.tidemark.modes;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.camel.CamelContext;

/**
 * What the command line asks of this process, as one value: built by {@code CommandLine}, bound into Camel's
 * registry as {@value #BEAN} by {@code Tidemark} and read back with {@link #of}. The settings {@code tidemark.once},
 * {@code tidemark.replay} and {@code tidemark.resync} ask for the same and are merged in there.
 *
 * @param once   run every table once and exit ({@code --once}, {@code --replay}, {@code --resync})
 * @param check  only check or compare, write nothing: {@code --check}, {@code --verify}, {@code --repair}
 *               (never joins the cluster, never starts the embedded demo)
 * @param replay tables whose dead letters are written again at their next run
 * @param resync tables copied again from the start at their next run
 */
public record RunOptions(boolean once, boolean check, Set<String> replay, Set<String> resync) {

    /** The registry name the command line's options are bound under. */
    public static final String BEAN = "runOptions";

    /** No option: keep the tables in step, each on its schedule. */
    public static final RunOptions NONE = new RunOptions(false, false, Set.of(), Set.of());

    public RunOptions {
        replay = Set.copyOf(replay);
        resync = Set.copyOf(resync);
    }

    /** The bound options (none when nothing is bound, as in a test's own context) merged with the settings. */
    public static RunOptions of(CamelContext context) {
        RunOptions given = context.getRegistry().lookupByNameAndType(BEAN, RunOptions.class);
        RunOptions line = given == null ? NONE : given;
        return new RunOptions(line.once || Boolean.parseBoolean(setting(context, "tidemark.once").trim()), line.check,
                union(line.replay, setting(context, "tidemark.replay")),
                union(line.resync, setting(context, "tidemark.resync")));
    }

    private static String setting(CamelContext context, String key) {
        return context.getPropertiesComponent().resolveProperty(key).orElse("");
    }

    private static Set<String> union(Set<String> tables, String listed) {
        Set<String> all = new LinkedHashSet<>(tables);
        Arrays.stream(listed.split(",")).map(String::trim).filter(t -> !t.isEmpty()).forEach(all::add);
        return all;
    }
}
