package io.tidemark;

import io.tidemark.modes.RunOptions;
import io.tidemark.table.Spelling;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The command line: which mode Tidemark runs in and the tables an option names. Anything else is refused
 * ({@link Invalid}, exit code 2 with the usage line) instead of being ignored. Whether a named table is configured
 * is checked once the routes are loaded (see {@code TableRegistry#expect}).
 */
public record CommandLine(Mode mode, Map<Option, Set<String>> tables) {

    /** What the process does; at most one mode option may be given. */
    public enum Mode { RUN, ONCE, CHECK, VERIFY, REPAIR, HELP, VERSION }

    /** Whether table names follow an option. */
    private enum Tables { NONE, REQUIRED, OPTIONAL }

    /** Every option, with the mode it selects and whether a table list follows it. */
    public enum Option {
        ONCE("--once", Mode.ONCE, Tables.NONE, "run every table once, print one line per table, exit 0 if all succeeded"),
        REPLAY("--replay", Mode.ONCE, Tables.REQUIRED, "write the dead letters of table T (or T1,T2) again from the source, "
                + "then run every table once like --once"),
        RESYNC("--resync", Mode.ONCE, Tables.REQUIRED, "copy table T (or T1,T2) again into a staging table and swap it in, "
                + "then run every table once like --once"),
        CHECK("--check", Mode.CHECK, Tables.NONE, "check the settings, routes, both databases and every table; print "
                + "one line per table and exit 0 if all is well, 1 if a table has a problem, 2 if the configuration "
                + "cannot be loaded or a database reached. Writes nothing, starts nothing"),
        VERIFY("--verify", Mode.VERIFY, Tables.OPTIONAL, "compare tables T1 T2 ... (all when none is named) between "
                + "source and target chunk by chunk; print one line per table, exit 0 if all are equal, 1 if one "
                + "differs, 2 if the configuration or a database is unusable. Writes nothing (docs/verification.md)"),
        REPAIR("--repair", Mode.REPAIR, Tables.OPTIONAL, "compare like --verify, repair what differs (rows deleted "
                + "at the source as each table's deletes setting says) and compare again; exit 0 if all are equal "
                + "afterwards"),
        FORCE("--force", Mode.REPAIR, Tables.NONE, "with --repair: delete even more than "
                + "tidemark.verify.max-delete-fraction of a table's rows (the mass-delete guard)"),
        VERSION("--version", Mode.VERSION, Tables.NONE, "print the version and exit"),
        HELP("--help", Mode.HELP, Tables.NONE, "this text (also -h)");

        private final String flag;
        private final Mode mode;
        private final Tables takesTables;
        private final String description;

        Option(String flag, Mode mode, Tables takesTables, String description) {
            this.flag = flag;
            this.mode = mode;
            this.takesTables = takesTables;
            this.description = description;
        }

        public String flag() {
            return flag;
        }

        static Option of(String arg) {
            if (arg.equals("-h")) {
                return HELP;
            }
            return Arrays.stream(values()).filter(o -> o.flag.equals(arg)).findFirst().orElse(null);
        }
    }

    public static final String USAGE = "Usage: java -jar target/tidemark.jar [--once | --replay T | --resync T | "
            + "--check | --verify [T ...] | --repair [T ...] [--force] | --version | --help]";

    /** A command line Tidemark refuses: the message says what is wrong and what to do. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    public static CommandLine parse(String... args) throws Invalid {
        if (Arrays.stream(args).anyMatch(arg -> Option.of(arg) == Option.HELP)) {
            return new CommandLine(Mode.HELP, Map.of());
        }
        Map<Option, Set<String>> tables = new LinkedHashMap<>();
        Option modeOption = null;
        boolean force = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            Option option = Option.of(arg);
            if (option == null) {
                throw new Invalid((arg.startsWith("-") ? "unknown option '" + arg + "'" : "unexpected argument '"
                        + arg + "'") + closest(arg) + "; see --help");
            }
            if (option.takesTables != Tables.NONE) {
                Set<String> names = new LinkedHashSet<>();
                while (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                    for (String name : args[++i].split(",")) {
                        if (!name.isBlank()) {
                            names.add(name.trim());
                        }
                    }
                    if (option.takesTables == Tables.REQUIRED) {
                        break;
                    }
                }
                if (names.isEmpty() && option.takesTables == Tables.REQUIRED) {
                    throw new Invalid(option.flag + " needs the table(s) to act on, e.g. " + option.flag
                            + " orders or " + option.flag + " orders,customers");
                }
                tables.computeIfAbsent(option, o -> new LinkedHashSet<>()).addAll(names);
            }
            if (modeOption != null && modeOption.mode != option.mode && option != Option.FORCE) {
                throw new Invalid(modeOption.flag + " and " + option.flag + " cannot be used together");
            }
            if (option == Option.FORCE) {
                force = true;
            } else {
                modeOption = option;
            }
        }
        if (force && modeOption != Option.REPAIR) {
            throw new Invalid("--force goes only with --repair (e.g. --repair orders --force)");
        }
        if (force) {
            tables.put(Option.FORCE, Set.of());
        }
        return new CommandLine(modeOption == null ? Mode.RUN : modeOption.mode, Map.copyOf(tables));
    }

    /** The tables an option names (empty when it was not given). */
    public Set<String> tables(Option option) {
        return tables.getOrDefault(option, Set.of());
    }

    /** What this command line asks of the run, as the one value the application reads (see {@link RunOptions}). */
    public RunOptions runOptions() {
        boolean check = mode == Mode.CHECK || mode == Mode.VERIFY || mode == Mode.REPAIR;
        return new RunOptions(mode == Mode.ONCE, check, tables(Option.REPLAY), tables(Option.RESYNC));
    }

    /** Whether an option without tables (--force) was given. */
    public boolean has(Option option) {
        return tables.containsKey(option);
    }

    /** One line per option, for --help. */
    public static String options() {
        StringBuilder text = new StringBuilder();
        for (Option option : Option.values()) {
            StringBuilder line = new StringBuilder(String.format("  %-12s", option.flag + switch (option.takesTables) {
                case NONE -> "";
                case REQUIRED -> " T";
                case OPTIONAL -> " [T..]";
            }));
            for (String word : option.description.split(" ")) {
                if (line.length() + word.length() >= 110) {
                    text.append(line).append('\n');
                    line = new StringBuilder(" ".repeat(14));
                }
                line.append(' ').append(word);
            }
            text.append(line).append('\n');
        }
        return text.toString();
    }

    /** "; did you mean --once?" when the argument is a likely typo of an option. */
    private static String closest(String arg) {
        return Spelling.closest(arg, Arrays.stream(Option.values()).map(Option::flag).toList())
                .map(flag -> "; did you mean " + flag + "?").orElse("");
    }
}
