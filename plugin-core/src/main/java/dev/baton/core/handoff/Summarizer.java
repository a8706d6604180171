package dev.baton.core.handoff;

import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.Message;

import java.util.List;

/** Writes the summary a human reads first, in the customer's language. */
public interface Summarizer {

    String summarize(List<Message> transcript, List<HandoffReason> reasons, String language);

    /**
     * The summarizer to use while the handoff's transaction is open: it must not call a remote service. A summarizer
     * that does (an LLM) returns its offline fallback here; the handoff then replaces the quick summary with this
     * one's after the commit, so the customer's confirmation never waits for the model.
     */
    default Summarizer immediate() {
        return this;
    }
}
