package dev.baton.core.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a log may show of a look-up: the API's answer with the configured fields ({@code mask:}) blanked at any depth,
 * cut to a few hundred characters, and customer values shortened to their last characters.
 */
final class MaskedJson {

    static final String MASK = "***";
    static final int MAX_LOGGED = 500;

    private final Set<String> fields;

    MaskedJson(Collection<String> fields) {
        this.fields = fields.stream().map(f -> f.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** A copy of {@code node} with the masked fields' values replaced by {@value #MASK}. */
    JsonNode mask(JsonNode node) {
        if (node == null) {
            return null;
        }
        JsonNode copy = node.deepCopy();
        maskInPlace(copy);
        return copy;
    }

    /** The masked answer as one log-sized line. */
    String forLog(JsonNode node) {
        String s = String.valueOf(mask(node));
        return s.length() > MAX_LOGGED ? s.substring(0, MAX_LOGGED) + "…" : s;
    }

    private void maskInPlace(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            for (var it = obj.fields(); it.hasNext(); ) {
                var e = it.next();
                if (fields.contains(e.getKey().toLowerCase(Locale.ROOT)) && !e.getValue().isNull()) {
                    e.setValue(TextNode.valueOf(MASK));
                } else {
                    maskInPlace(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode arr) {
            arr.forEach(this::maskInPlace);
        }
    }

    /** A customer's value for a log: its last 4 characters only ({@code …8891}). */
    static String value(String v) {
        if (v == null) {
            return "null";
        }
        return v.length() <= 4 ? MASK : "…" + v.substring(v.length() - 4);
    }
}
