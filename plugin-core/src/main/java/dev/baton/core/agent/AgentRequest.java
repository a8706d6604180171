package dev.baton.core.agent;

import dev.baton.core.conversation.Customer;
import dev.baton.core.knowledge.KnowledgeAnswer;

import java.time.Duration;
import java.util.List;

/**
 * One turn to answer.
 *
 * @param conversationId the conversation (the LLM memory id)
 * @param text           what the customer wrote
 * @param language       the customer's language ({@code zh}, {@code en})
 * @param knowledge      knowledge hits already retrieved for {@code text}, best first
 * @param deadline       the channel's limit on how long this turn may take ({@link
 *                       dev.baton.core.channel.ChannelLimits#answerDeadline()}), or null: the agent's own deadline
 *                       applies, and a shorter one here wins
 * @param customer       who writes, as the channel identified them: a look-up that needs the customer's identity
 *                       takes their verified platform id from here, never from the conversation; null when unknown
 */
public record AgentRequest(long conversationId, String text, String language, List<KnowledgeAnswer> knowledge,
                           Duration deadline, Customer customer) {

    public AgentRequest {
        knowledge = List.copyOf(knowledge);
    }

    /** A turn of an unknown customer. */
    public AgentRequest(long conversationId, String text, String language, List<KnowledgeAnswer> knowledge,
                        Duration deadline) {
        this(conversationId, text, language, knowledge, deadline, null);
    }

    /** A turn the channel sets no deadline for. */
    public AgentRequest(long conversationId, String text, String language, List<KnowledgeAnswer> knowledge) {
        this(conversationId, text, language, knowledge, null, null);
    }

    /** The deadline of this turn: {@code configured}, or the channel's {@link #deadline} when that is shorter. */
    public Duration deadlineWithin(Duration configured) {
        return deadline != null && deadline.compareTo(configured) < 0 ? deadline : configured;
    }
}
