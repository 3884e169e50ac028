package io.tidemark.table;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** The valid name a misspelled one was probably meant to be, for "did you mean ...?" in messages. */
public final class Spelling {

    private Spelling() {
    }

    /** The candidate fewest edits away (ignoring case), if it is close enough to be a likely typo. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        return candidates.stream().min(Comparator.comparingInt(c -> distance(word, c)))
                .filter(c -> distance(word, c) <= Math.max(2, c.length() / 3));
    }

    /** Levenshtein distance, case-insensitive. */
    static int distance(String a, String b) {
        String x = a.toLowerCase();
        String y = b.toLowerCase();
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitute = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()];
    }
}
