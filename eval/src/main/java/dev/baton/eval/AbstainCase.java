package dev.baton.eval;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of an abstention file: a customer's first message, the entry ids that answer it ({@code expected}, empty
 * for out-of-scope questions and small talk) and its {@code kind}: {@code in}, {@code oos}, {@code oos-domain},
 * {@code smalltalk} (any other kind is reported like {@code oos}).
 */
public record AbstainCase(String query, List<String> expected, String kind) {

    public static final String IN_SCOPE = "in";

    public AbstainCase {
        expected = List.copyOf(expected);
    }

    public boolean inScope() {
        return IN_SCOPE.equals(kind);
    }

    static AbstainCase parse(JsonNode n) {
        if (!n.path("query").isTextual() || n.path("query").asText().isBlank()) {
            throw new IllegalArgumentException("a case needs a \"query\"");
        }
        if (!n.path("kind").isTextual() || n.path("kind").asText().isBlank()) {
            throw new IllegalArgumentException("a case needs a \"kind\" (in, oos, oos-domain, smalltalk)");
        }
        List<String> expected = new ArrayList<>();
        n.path("expected").forEach(x -> expected.add(x.asText()));
        if (IN_SCOPE.equals(n.get("kind").asText()) && expected.isEmpty()) {
            throw new IllegalArgumentException("an \"in\" case needs \"expected\": [ids]");
        }
        return new AbstainCase(n.get("query").asText(), expected, n.get("kind").asText());
    }
}
