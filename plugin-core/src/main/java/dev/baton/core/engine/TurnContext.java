package dev.baton.core.engine;

import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.Customer;
import dev.baton.core.conversation.Message;

import java.util.List;

/** The conversation a turn belongs to, as loaded at its start. {@code history} is empty while a person has it. */
record TurnContext(Customer customer, Conversation conversation, List<Message> history) {
}
