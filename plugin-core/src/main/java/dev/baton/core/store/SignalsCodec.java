package dev.baton.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.conversation.LookupTrace;
import dev.baton.core.conversation.TriageSignals;
import dev.baton.core.conversation.TurnSignals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of {@link TurnSignals}: one JSON object with triage's fields at the top level and
 * {@code knowledgeMiss}, {@code llmCalls}, {@code tokens} and, when the turn had any, {@code lookups} beside them (the
 * shape earlier versions wrote, so their rows read back). The only place that turns signals into text and back.
 */
final class SignalsCodec {

    /** The field of the look-ups; {@link MessageRepository} pre-filters rows by it. */
    static final String LOOKUPS = "lookups";

    private final ObjectMapper json = EngineJson.mapper();

    String write(TurnSignals s) {
        if (s == null) {
            return null;
        }
        ObjectNode node = json.valueToTree(s.triage());
        node.put("knowledgeMiss", s.knowledgeMiss());
        if (s.llmCalls() > 0) {
            node.put("llmCalls", s.llmCalls());
            node.put("tokens", s.tokens());
        }
        if (!s.lookups().isEmpty()) {
            node.set(LOOKUPS, json.valueToTree(s.lookups()));
        }
        return EngineJson.write(json, node);
    }

    /** The signals of a stored row; null when there are none or they cannot be read (written by an older version). */
    TurnSignals read(String stored) {
        if (stored == null || stored.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(stored);
            TriageSignals triage = json.treeToValue(node, TriageSignals.class);
            return new TurnSignals(triage, node.path("knowledgeMiss").asBoolean(false), node.path("llmCalls").asInt(0),
                    node.path("tokens").asLong(0), lookups(node.path(LOOKUPS)));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The look-ups of a stored row; an unreadable entry is left out, so that the rest of the signals still read. */
    private List<LookupTrace> lookups(JsonNode node) {
        List<LookupTrace> out = new ArrayList<>();
        for (JsonNode n : node) {
            try {
                out.add(json.treeToValue(n, LookupTrace.class));
            } catch (IOException | RuntimeException e) {
                // written by another version: skip it
            }
        }
        return out;
    }
}
