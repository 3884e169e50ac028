package io.tidemark.sql;

import java.util.regex.Pattern;

/**
 * Text from the source's catalog that goes into the target's DDL as it is (not as a quoted identifier or a bound
 * value): a column's type, character set, collation and generation expression. Each is checked against the forms a
 * server gives there; anything else (a source server or catalog made to return more, such as a type that closes
 * the column list and goes on) is refused with a message naming the table and column, and no DDL is run.
 */
public final class DdlText {

    /** A quoted ENUM/SET member as the catalog writes it: quotes doubled or escaped, backslash escapes. */
    private static final String MEMBER = "'(?:[^'\\\\]|''|\\\\.)*'";
    /** {@code int(10) unsigned zerofill}, {@code decimal(65,30)}, {@code datetime(6)}, {@code geometry}, ... */
    private static final Pattern TYPE = Pattern.compile(
            "[a-z][a-z0-9]*(?: ?\\(\\d{1,5}(?:,\\d{1,3})?\\))?(?: unsigned)?(?: zerofill)?"
                    + "|(?:enum|set)\\(" + MEMBER + "(?:," + MEMBER + ")*\\)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private DdlText() {
    }

    /** The column's type as the catalog gives it, if it has a column type's form. */
    public static String type(String table, String column, String type) {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw refused(table, column, "type", type, "a column type");
        }
        return type;
    }

    /** A character set or collation name. */
    public static String name(String table, String column, String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw refused(table, column, what, name, "a " + what + " name (letters, digits, underscores)");
        }
        return name;
    }

    /**
     * A generation expression: one expression, so its parentheses balance outside quoted text and it holds no
     * statement separator or comment (which could hide the rest of the definition).
     */
    public static String expression(String table, String column, String expression) {
        if (expression == null || !oneExpression(expression)) {
            throw refused(table, column, "generation expression", expression,
                    "one expression (balanced parentheses and quotes, no ';' and no comment)");
        }
        return expression;
    }

    static boolean oneExpression(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = closing(text, i);
                if (i < 0) {
                    return false;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth < 0) {
                return false;
            } else if (c == ';' || c == '#' || text.startsWith("/*", i) || text.startsWith("--", i)) {
                return false;
            }
        }
        return depth == 0;
    }

    /** Where the quoted text opened at {@code open} closes (a doubled quote stays inside), or -1 if it does not. */
    private static int closing(String text, int open) {
        char quote = text.charAt(open);
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quote != '`') {
                i++;
            } else if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    private static IllegalArgumentException refused(String table, String column, String what, String text,
                                                    String expected) {
        String shown = text == null ? "nothing" : "'" + (text.length() > 200 ? text.substring(0, 200) + "..." : text) + "'";
        return new IllegalArgumentException("table " + table + ", column " + column + ": the source's catalog gives "
                + shown + " as its " + what + ", which is not " + expected + "; Tidemark puts no such text into the "
                + "target's definition. Check the source table (SHOW CREATE TABLE " + table + ") and the source server");
    }
}
