package io.tidemark.store;

import io.tidemark.source.Column;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a source column that changed type can be followed by widening the target column: only when every value
 * the target column may hold keeps its exact value in the source's new type. Integers to a larger integer, DECIMAL
 * with no fewer digits on either side of the point, longer CHAR/VARCHAR/VARBINARY, a larger TEXT/BLOB, more
 * fractional seconds, ENUM/SET members added at the end, and NOT NULL relaxed to NULL. The character set and
 * collation must stay. Anything else is not widening: the target is left as it is.
 */
final class Widening {

    /** What to do with a target column whose source column is declared differently. */
    enum Verdict {
        /** The target column already holds every value the source's may (or they are declared alike). */
        HOLDS,
        /** Widen the target column to the source's type: the change keeps every value exact. */
        WIDEN,
        /** Another kind of change (a different type, character set or collation): left as it is. */
        DIFFERENT
    }

    private static final List<String> INTEGERS = List.of("tinyint", "smallint", "mediumint", "int", "bigint");
    private static final List<String> TEXTS = List.of("tinytext", "text", "mediumtext", "longtext");
    private static final List<String> BLOBS = List.of("tinyblob", "blob", "mediumblob", "longblob");
    private static final Pattern TYPE = Pattern.compile("([a-z]+)(?:\\((.*)\\))?((?: unsigned| zerofill| signed)*)");

    private Widening() {
    }

    static Verdict of(Column target, Column source) {
        if (target.generated() || source.generated()) {
            // computed by the target itself: never written, so never widened
            return target.generated() == source.generated() ? Verdict.HOLDS : Verdict.DIFFERENT;
        }
        if (!Objects.equals(target.charset(), source.charset()) || !Objects.equals(target.collation(), source.collation())) {
            return Verdict.DIFFERENT;
        }
        int type = compare(type(target), type(source));
        if (type == UNRELATED) {
            return Verdict.DIFFERENT;
        }
        boolean relaxed = !target.nullable() && source.nullable();
        return type > 0 || relaxed ? Verdict.WIDEN : Verdict.HOLDS;
    }

    /** The target column as it becomes: the source's type, NULL if either allows it. */
    static Column widened(Column target, Column source) {
        return new Column(source.name(), source.dataType(), source.columnType(), target.nullable() || source.nullable(),
                source.charset(), source.collation(), null, false, target.srid());
    }

    private record Type(String name, String arguments, boolean unsigned) {
    }

    private static Type type(Column c) {
        Matcher m = TYPE.matcher(c.columnType().toLowerCase(Locale.ROOT).trim());
        if (!m.matches()) {
            return new Type(c.columnType(), null, false);
        }
        return new Type(m.group(1), m.group(2), m.group(3).contains("unsigned"));
    }

    private static final int UNRELATED = Integer.MIN_VALUE;

    /** 0 alike, > 0 the source's is wider, < 0 the target's is wider, UNRELATED otherwise. */
    private static int compare(Type t, Type s) {
        if (INTEGERS.contains(t.name) && INTEGERS.contains(s.name)) {
            int rank = Integer.compare(INTEGERS.indexOf(s.name), INTEGERS.indexOf(t.name));
            if (t.unsigned == s.unsigned) {
                return rank;
            }
            // unsigned into signed needs a larger type; signed into unsigned never fits
            return t.unsigned && rank > 0 ? 1 : UNRELATED;
        }
        if (TEXTS.contains(t.name) && TEXTS.contains(s.name)) {
            return Integer.compare(TEXTS.indexOf(s.name), TEXTS.indexOf(t.name));
        }
        if (BLOBS.contains(t.name) && BLOBS.contains(s.name)) {
            return Integer.compare(BLOBS.indexOf(s.name), BLOBS.indexOf(t.name));
        }
        if (!t.name.equals(s.name) || t.unsigned != s.unsigned) {
            return UNRELATED;
        }
        return switch (t.name) {
            case "char", "varchar", "varbinary", "datetime", "timestamp", "time" ->
                    Integer.compare(number(s.arguments), number(t.arguments));
            case "decimal", "numeric" -> decimal(t.arguments, s.arguments);
            case "enum", "set" -> t.arguments.equals(s.arguments) ? 0
                    : s.arguments.startsWith(t.arguments + ",") ? 1 : UNRELATED;
            default -> Objects.equals(t.arguments, s.arguments) ? 0 : UNRELATED;
        };
    }

    private static int number(String arguments) {
        return arguments == null || arguments.isBlank() ? 0 : Integer.parseInt(arguments.trim());
    }

    /** DECIMAL(p,s): wider when neither the integer digits (p - s) nor the fraction digits (s) shrink. */
    private static int decimal(String target, String source) {
        int[] t = precisionScale(target);
        int[] s = precisionScale(source);
        int whole = Integer.compare(s[0] - s[1], t[0] - t[1]);
        int fraction = Integer.compare(s[1], t[1]);
        if (whole >= 0 && fraction >= 0) {
            return whole + fraction > 0 ? 1 : 0;
        }
        return whole <= 0 && fraction <= 0 ? -1 : UNRELATED;
    }

    private static int[] precisionScale(String arguments) {
        String[] parts = (arguments == null ? "10" : arguments).split(",");
        return new int[] {Integer.parseInt(parts[0].trim()), parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 0};
    }
}
