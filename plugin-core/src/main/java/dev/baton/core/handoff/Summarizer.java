package dev.baton.core.handoff;

import dev.baton.core.conversation.Message;

import java.util.List;

/** Writes the summary a human reads first, in the customer's language. */
@FunctionalInterface
public interface Summarizer {

    String summarize(List<Message> transcript, List<HandoffReason> reasons, String language);
}
