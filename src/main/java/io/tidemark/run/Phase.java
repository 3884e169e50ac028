package io.tidemark.run;

import java.util.Arrays;

/** A table's phase as the state table records it ({@code phase} column). */
public enum Phase {
    /** A first load: a copy by primary key into the target, then incremental. */
    INITIAL("initial"),
    /** Following the modifier. */
    INCREMENTAL("incremental"),
    /** A table without modifier: every run copies it whole into a staging table swapped in at the end. */
    FULL("full"),
    /** A copy by primary key into a staging table swapped in at the end, then incremental. */
    RESYNC("resync");

    public final String text;

    Phase(String text) {
        this.text = text;
    }

    public static Phase of(String text) {
        return Arrays.stream(values()).filter(p -> p.text.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the state table holds an unknown phase '" + text
                        + "'; resync the table to copy it again (java -jar target/tidemark.jar --resync <table>)"));
    }
}
