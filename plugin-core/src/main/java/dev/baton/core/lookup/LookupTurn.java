package dev.baton.core.lookup;

import dev.baton.core.conversation.Customer;
import dev.baton.core.conversation.Message;

import java.util.List;

/**
 * What the offline look-up logic sees of one customer turn.
 *
 * @param conversationId the conversation (for logs)
 * @param customer       who writes; identity parameters take their verified platform id
 * @param text           the customer's message
 * @param language       the conversation's language: the texts are in it
 * @param intent         the intent triage detected, or null
 * @param history        the recent transcript before this message, oldest first, with stored signals
 */
public record LookupTurn(long conversationId, Customer customer, String text, String language, String intent,
                         List<Message> history) {

    public LookupTurn {
        history = List.copyOf(history);
    }
}
