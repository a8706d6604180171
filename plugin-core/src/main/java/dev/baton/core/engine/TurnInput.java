package dev.baton.core.engine;

import dev.baton.core.conversation.Message;
import dev.baton.core.conversation.Customer;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.knowledge.KnowledgeAnswer;

import java.util.List;

/**
 * What the decider sees of one customer turn.
 *
 * @param humanButton true when the customer tapped a "talk to a human" button or menu item
 * @param knowledge   knowledge hits for {@code text}, best first (no confident hit = knowledge miss)
 * @param history     the recent transcript before this message, oldest first (with stored signals)
 */
public record TurnInput(Conversation conversation, Customer customer, String text, String language,
                        boolean humanButton, List<KnowledgeAnswer> knowledge, List<Message> history) {

    public boolean knowledgeMiss() {
        return knowledge.stream().noneMatch(dev.baton.core.knowledge.KnowledgeAnswer::confident);
    }
}
