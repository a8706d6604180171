package dev.baton.core.engine;

import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.Customer;
import dev.baton.core.conversation.Message;
import dev.baton.core.conversation.SmallTalkKind;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.text.Texts;

import java.util.List;

/**
 * What the decider sees of one customer turn.
 *
 * @param humanButton true when the customer tapped a "talk to a human" button or menu item
 * @param knowledge   knowledge hits for the turn (for {@code text}, or for it read with the question it follows up),
 *                    best first (no confident hit = knowledge miss); empty for small talk, which is not searched
 * @param history     the recent transcript before this message, oldest first (with stored signals)
 * @param smallTalk   the kind of small talk the message is, or null when it asks something
 */
public record TurnInput(Conversation conversation, Customer customer, String text, String language,
                        boolean humanButton, List<KnowledgeAnswer> knowledge, List<Message> history,
                        SmallTalkKind smallTalk) {

    /** A turn that is not small talk. */
    public TurnInput(Conversation conversation, Customer customer, String text, String language, boolean humanButton,
                     List<KnowledgeAnswer> knowledge, List<Message> history) {
        this(conversation, customer, text, language, humanButton, knowledge, history, null);
    }

    /** No confident knowledge hit for a message that was searched (small talk is not: it is never a miss). */
    public boolean knowledgeMiss() {
        return smallTalk == null && knowledge.stream().noneMatch(KnowledgeAnswer::confident);
    }

    /**
     * The knowledge answers the message: its best hit is confident and names everything the question asks about
     * (no word the knowledge lacks, see {@link KnowledgeAnswer#uncovered()}).
     */
    public boolean knowledgeAnswered() {
        return smallTalk == null && !knowledge.isEmpty() && knowledge.get(0).confident()
                && knowledge.get(0).uncovered().isEmpty();
    }

    /**
     * A miss that the knowledge-miss rule counts: a genuine question (words, not small talk; "A12345" or "???" are
     * not questions) that the knowledge could not answer.
     */
    public boolean countedMiss() {
        return knowledgeMiss() && Texts.hasWords(text);
    }
}
