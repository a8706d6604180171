package dev.baton.eval;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What a customer turn of a conversation case expects, judged on the replies to that message and the conversation's
 * state after it (the data README's {@code expect} values).
 */
public sealed interface Expectation {

    /** The name used in reports: answer, no-answer, handoff, silent, answer-any; {@code null} when not scored. */
    String type();

    /** {@code {"answer": id}}: a reply carries the entry's marker and the conversation is still with the bot. */
    record Answer(String id) implements Expectation {
        @Override
        public String type() {
            return "answer";
        }
    }

    /** {@code "no-answer"}: the bot replies, with no marker, and does not hand off. */
    record NoAnswer() implements Expectation {
        @Override
        public String type() {
            return "no-answer";
        }
    }

    /** {@code {"handoff": reason | [reasons]}}: queued or with a person, for one of these reasons. */
    record Handoff(List<String> reasons) implements Expectation {
        public Handoff {
            reasons = List.copyOf(reasons);
        }

        @Override
        public String type() {
            return "handoff";
        }
    }

    /** {@code "silent"}: queued or with a person, and no reply carries a marker (a queue notice is fine). */
    record Silent() implements Expectation {
        @Override
        public String type() {
            return "silent";
        }
    }

    /** {@code {"answer-any": true}}: a reply carries some marker and the conversation is with the bot. */
    record AnswerAny() implements Expectation {
        @Override
        public String type() {
            return "answer-any";
        }
    }

    /** {@code null}: the turn is played but not scored. */
    record Unscored() implements Expectation {
        @Override
        public String type() {
            return null;
        }
    }

    /** Reads an {@code expect} value; a shape it does not know is an {@link IllegalArgumentException}. */
    static Expectation parse(JsonNode e) {
        if (e == null || e.isNull()) {
            return new Unscored();
        }
        if (e.isTextual()) {
            return switch (e.asText()) {
                case "no-answer" -> new NoAnswer();
                case "silent" -> new Silent();
                default -> throw new IllegalArgumentException("unknown expect \"" + e.asText()
                        + "\" (no-answer, silent, or an object answer / handoff / answer-any)");
            };
        }
        if (e.isObject() && e.size() == 1) {
            if (e.path("answer").isTextual()) {
                return new Answer(e.get("answer").asText());
            }
            if (e.path("answer-any").asBoolean(false)) {
                return new AnswerAny();
            }
            JsonNode h = e.path("handoff");
            if (h.isTextual()) {
                return new Handoff(List.of(h.asText()));
            }
            if (h.isArray() && !h.isEmpty()) {
                List<String> reasons = new ArrayList<>();
                for (JsonNode r : h) {
                    if (!r.isTextual()) {
                        throw new IllegalArgumentException("handoff reasons must be strings: " + h);
                    }
                    reasons.add(r.asText());
                }
                return new Handoff(reasons);
            }
        }
        throw new IllegalArgumentException("unknown expect " + e
                + " (use {\"answer\": id}, \"no-answer\", {\"handoff\": reason or [reasons]}, \"silent\", "
                + "{\"answer-any\": true} or null)");
    }
}
