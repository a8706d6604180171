package dev.baton.eval;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One scripted conversation of a suite's {@code cases.jsonl}: a customer (language, optional tier) and the turns,
 * customer messages with what they expect, and agent actions done through the REST API.
 */
public record ConversationCase(String id, String lang, String tier, String about, List<Step> steps) {

    public ConversationCase {
        steps = List.copyOf(steps);
    }

    /** One turn of the script. */
    public sealed interface Step {
    }

    /**
     * A customer message: {@code text}, or the "talk to a human" button when {@code button}; {@code langReply}
     * ({@code zh}, {@code en} or {@code null}) requires every reply of the turn to be in that language.
     */
    public record CustomerStep(String text, boolean button, Expectation expect, String langReply) implements Step {

        /** What the customer did, for reports. */
        public String said() {
            return button ? "[button: human]" : text;
        }
    }

    /** What an agent does through the REST API; agent turns are not scored. */
    public enum AgentAction { CLAIM, REPLY, RESOLVE }

    /** An agent turn: claim the conversation's ticket, reply {@code text}, or resolve with {@code text} as note. */
    public record AgentStep(AgentAction action, String text) implements Step {
    }

    /** Reads one line of cases.jsonl; a malformed case is an {@link IllegalArgumentException} saying what is wrong. */
    static ConversationCase parse(JsonNode n) {
        String id = n.path("id").asText("");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a case needs an \"id\"");
        }
        JsonNode turns = n.path("turns");
        if (!turns.isArray() || turns.isEmpty()) {
            throw new IllegalArgumentException(id + ": \"turns\" must be a non-empty array");
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            try {
                steps.add(step(turns.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(id + " turn " + (i + 1) + ": " + e.getMessage());
            }
        }
        String tier = n.path("tier").isTextual() && !n.path("tier").asText().isBlank() ? n.path("tier").asText() : null;
        return new ConversationCase(id, n.path("lang").asText("?"), tier, n.path("about").asText(""), steps);
    }

    private static Step step(JsonNode t) {
        if (t.has("agent")) {
            AgentAction action;
            try {
                action = AgentAction.valueOf(t.path("agent").asText("").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("agent must be claim, reply or resolve, got " + t.path("agent"));
            }
            String text = t.path("text").isTextual() ? t.path("text").asText() : null;
            if (action == AgentAction.REPLY && (text == null || text.isBlank())) {
                throw new IllegalArgumentException("an agent reply needs a \"text\"");
            }
            return new AgentStep(action, text);
        }
        if (!t.has("expect")) {
            throw new IllegalArgumentException("a customer turn needs \"expect\" (null when not scored)");
        }
        String langReply = t.path("lang_reply").isTextual() ? t.path("lang_reply").asText() : null;
        if (langReply != null && !langReply.equals("zh") && !langReply.equals("en")) {
            throw new IllegalArgumentException("lang_reply must be zh or en, got " + langReply);
        }
        Expectation expect = Expectation.parse(t.get("expect"));
        if (t.has("button")) {
            if (!"human".equals(t.path("button").asText())) {
                throw new IllegalArgumentException("the only button is \"human\", got " + t.path("button"));
            }
            return new CustomerStep(null, true, expect, langReply);
        }
        if (!t.path("say").isTextual() || t.path("say").asText().isBlank()) {
            throw new IllegalArgumentException("a customer turn needs \"say\" (text) or \"button\": \"human\"");
        }
        return new CustomerStep(t.path("say").asText(), false, expect, langReply);
    }
}
