package dev.baton.core.engine;

import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.Customer;
import dev.baton.core.conversation.Message;
import dev.baton.core.store.CsatRequestRepository;

import java.util.List;

/**
 * The conversation a turn belongs to, as loaded at its start. {@code history} is empty while a person has it;
 * {@code ratingRequest} is the satisfaction request this message may answer (pending and not expired), else null.
 */
record TurnContext(Customer customer, Conversation conversation, List<Message> history,
                   CsatRequestRepository.Row ratingRequest) {
}
