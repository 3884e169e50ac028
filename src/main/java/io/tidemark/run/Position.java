package io.tidemark.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.source.Column;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Where a table's run stands, as the state table keeps it: a modifier value and a key, both as text.
 * <ul>
 *   <li>{@code (m, key)}: just after the row with modifier {@code m} and that key (the rows before it are copied);</li>
 *   <li>{@code (m, none)}: just before the first row whose modifier is {@code m};</li>
 *   <li>{@code (none, key)}: during a copy by key, just after that key;</li>
 *   <li>{@code (none, none)}: the start.</li>
 * </ul>
 * This class is the one codec between values, their text in {@code last_modifier} / {@code last_key} (a JSON array of
 * strings, as written since the first release) and the values the driver binds exactly.
 */
public record Position(String modifier, List<String> key) {

    public static final Position START = new Position(null, null);
    private static final ObjectMapper JSON = new ObjectMapper();

    public Position {
        key = key == null ? null : List.copyOf(key);
    }

    /** The position just after a row, from its values as read from the source. */
    public static Position after(Object modifier, List<Object> key) {
        return new Position(modifier == null ? null : text(modifier), key.stream().map(Position::text).toList());
    }

    /** The position just before the first row with this modifier value (null: the start). */
    public static Position before(Object modifier) {
        return new Position(modifier == null ? null : text(modifier), null);
    }

    /** A position from the state table's two columns. */
    public static Position fromState(String lastModifier, String lastKey) {
        try {
            return new Position(lastModifier,
                    lastKey == null ? null : JSON.readValue(lastKey, new TypeReference<List<String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the state table's last_key '" + lastKey + "' is not a JSON array of "
                    + "strings; resync the table to copy it again (java -jar target/tidemark.jar --resync <table>)", e);
        }
    }

    /** The text of {@code last_key}, or null. */
    public String keyText() {
        try {
            return key == null ? null : JSON.writeValueAsString(key);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Same modifier, another key (a copy by key keeps its end mark in the modifier and its progress in the key). */
    public Position withKey(List<String> key) {
        return new Position(modifier, key);
    }

    public boolean hasKey() {
        return key != null;
    }

    /**
     * A first load split into key ranges ({@code io.tidemark.store.StateStore#startRanges}): the key is empty (a
     * table's key never is), and each range keeps its own position in the ranges table.
     */
    public boolean ranged() {
        return key != null && key.isEmpty();
    }

    /** The modifier as the driver binds it: an exact decimal for numbers and YEAR, the server's text otherwise. */
    public Object modifierValue(Column column) {
        return value(column, modifier);
    }

    /** A modifier value from its text (null stays null). */
    public static Object value(Column modifier, String text) {
        if (text == null) {
            return null;
        }
        return modifier.numberValued() ? new BigDecimal(text) : text;
    }

    /** The key as the driver binds it: bytes for binary columns, exact decimals for numbers, text otherwise. */
    public List<Object> keyValues(List<Column> columns) {
        List<Object> values = new ArrayList<>(key.size());
        for (int i = 0; i < key.size(); i++) {
            Column column = columns.get(i);
            String text = key.get(i);
            values.add(column.binary() ? HexFormat.of().parseHex(text)
                    : column.numeric() ? new BigDecimal(text) : text);
        }
        return values;
    }

    /** A value's text in the state table: hex for bytes, plain digits for decimals, the server's text otherwise. */
    public static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return "(" + (modifier == null ? "start" : modifier) + (key == null ? "" : ", " + key) + ")";
    }
}
