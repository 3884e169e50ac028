package io.tidemark.verify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A JSON document as one text for every spelling of it, for comparing a MariaDB source's JSON (kept as the text it
 * was given) with a MySQL target's (parsed and normalised: keys sorted, spaces dropped, numbers re-spelled). Keys
 * are sorted, strings unescaped, and numbers read as MySQL reads them: an integer that fits 64 bits stays one,
 * anything else is a double. Text that is no document is kept as it is.
 */
final class JsonCanonical {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_UNSIGNED = new BigInteger("18446744073709551615");

    private JsonCanonical() {
    }

    static String of(String document) {
        if (document == null) {
            return null;
        }
        try {
            StringBuilder text = new StringBuilder();
            write(JSON.readTree(document), text);
            return text.toString();
        } catch (java.io.IOException notADocument) {
            return "text:" + document;
        }
    }

    private static void write(JsonNode node, StringBuilder text) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                fields.add(it.next());
            }
            fields.sort(Map.Entry.comparingByKey());
            text.append('{');
            for (int i = 0; i < fields.size(); i++) {
                text.append(i == 0 ? "" : ",").append(TextNode.valueOf(fields.get(i).getKey())).append(':');
                write(fields.get(i).getValue(), text);
            }
            text.append('}');
        } else if (node.isArray()) {
            text.append('[');
            for (int i = 0; i < node.size(); i++) {
                text.append(i == 0 ? "" : ",");
                write(node.get(i), text);
            }
            text.append(']');
        } else if (node.isIntegralNumber() && node.bigIntegerValue().compareTo(MIN) >= 0
                && node.bigIntegerValue().compareTo(MAX_UNSIGNED) <= 0) {
            text.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            double d = node.decimalValue().doubleValue();
            text.append(d == 0 ? "0" : new BigDecimal(Double.toString(d)).stripTrailingZeros().toString());
        } else {
            text.append(node);
        }
    }
}
