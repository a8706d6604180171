package dev.baton.core.agent;

import dev.baton.core.knowledge.KnowledgeAnswer;

import java.util.List;

/**
 * One turn to answer.
 *
 * @param conversationId the conversation (the LLM memory id)
 * @param text           what the customer wrote
 * @param language       the customer's language ({@code zh}, {@code en})
 * @param knowledge      knowledge hits already retrieved for {@code text}, best first
 */
public record AgentRequest(long conversationId, String text, String language, List<KnowledgeAnswer> knowledge) {

    public AgentRequest {
        knowledge = List.copyOf(knowledge);
    }
}
