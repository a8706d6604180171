package dev.baton.core.handoff;

import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.Message;

import java.util.List;

/**
 * Writes the summary a human reads first when a conversation comes to them: what the customer wants now and what was
 * tried, in the agents' language ({@link #writesIn}).
 */
public interface Summarizer {

    /**
     * The summary of {@code transcript} (oldest first, customer messages with what Baton read from them).
     *
     * @param reasons  why it was handed off, the main reason first
     * @param language the conversation's language (the customer's); the summary is in {@link #writesIn} of it
     */
    String summarize(List<Message> transcript, List<HandoffReason> reasons, String language);

    /**
     * The language this summarizer writes in for a conversation in {@code conversationLanguage}: the agents' when it
     * was given one, else the conversation's. The bot's note added to the summary is labelled in it too.
     */
    default String writesIn(String conversationLanguage) {
        return conversationLanguage;
    }

    /**
     * The summarizer to use while the handoff's transaction is open: it must not call a remote service. A summarizer
     * that does (an LLM) returns its offline fallback here; the handoff then replaces the quick summary with this
     * one's after the commit, so the customer's confirmation never waits for the model.
     */
    default Summarizer immediate() {
        return this;
    }
}
