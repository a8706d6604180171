package dev.baton.core.agent;

import java.util.List;
import java.util.Optional;

/**
 * Writes a reply draft for a human agent from numbered sources (knowledge entries, earlier human answers to similar
 * questions, canned replies). The agent reads it, edits it and sends it, or not: a draft never reaches the customer
 * by itself. With no model configured there is no writer ({@link #none()}) and the desk offers the sources as they
 * are; {@link LlmReplyDraftWriter} is the model's.
 */
@FunctionalInterface
public interface ReplyDraftWriter {

    /**
     * A source the draft may use.
     *
     * @param citation how the agent sees it cited (an entry's title, "reply by ann on 3 Dec")
     * @param text     what it says
     */
    record Source(String citation, String text) {
    }

    /**
     * What to write about.
     *
     * @param question the customer's current question
     * @param language the customer's language ({@code zh}, {@code en}…): the draft is written in it
     * @param recent   the last lines of the conversation, {@code customer: …} / {@code agent: …}, oldest first
     * @param sources  what the draft may say, numbered from 1 in this order
     */
    record Request(String question, String language, List<String> recent, List<Source> sources) {

        public Request {
            recent = List.copyOf(recent);
            sources = List.copyOf(sources);
        }
    }

    /**
     * A written draft.
     *
     * @param text the reply, in the customer's language
     * @param used the sources it rests on, as indexes into {@link Request#sources()} (0-based), in the order cited
     */
    record Written(String text, List<Integer> used) {

        public Written {
            used = List.copyOf(used);
        }
    }

    /** The draft, or empty when none could be written (no sources, the model failed or is unavailable). */
    Optional<Written> write(Request request);

    /** No model: nothing is written. */
    static ReplyDraftWriter none() {
        return request -> Optional.empty();
    }
}
