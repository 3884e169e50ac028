package io.tidemark.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class JsonCanonicalTest {

    @Test
    void mariaDbsTextAndMySqlsNormalisedDocumentAreOneCanonicalText() {
        // as written on MariaDB, and as MySQL 8.0 returns the same document
        String mariaDb = "{\"b\":1,  \"a\" : [1, 2.50, 1e2, \"\\u00e9\", null, true, 0.30000000000000004, 1e300, "
                + "12345678901234567890], \"c\": {\"z\": \"x\", \"y\": {}}}";
        String mySql = "{\"a\": [1, 2.5, 100.0, \"é\", null, true, 0.30000000000000004, 1e300, 12345678901234567890], "
                + "\"b\": 1, \"c\": {\"y\": {}, \"z\": \"x\"}}";
        assertEquals(JsonCanonical.of(mariaDb), JsonCanonical.of(mySql));
    }

    @Test
    void differentDocumentsStayDifferent() {
        assertNotEquals(JsonCanonical.of("{\"a\": 1}"), JsonCanonical.of("{\"a\": \"1\"}"));
        assertNotEquals(JsonCanonical.of("[1, 2]"), JsonCanonical.of("[2, 1]"));
        assertNotEquals(JsonCanonical.of("{\"a\": 1.5}"), JsonCanonical.of("{\"a\": 1.25}"));
    }
}
