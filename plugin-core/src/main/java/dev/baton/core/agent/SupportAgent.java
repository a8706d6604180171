package dev.baton.core.agent;

import dev.baton.core.handoff.Handback;

/**
 * Answers one customer turn once the policy has decided the bot should answer. Called from the conversation's
 * lane, so never concurrently for one conversation. Implementations never throw for a model problem: they return
 * an {@link AgentReply} asking for a handoff ({@code llm_unavailable}) or fall back to the offline answer.
 */
public interface SupportAgent extends Handback {

    AgentReply answer(AgentRequest request);

    /**
     * True when this agent runs the business look-ups itself (the LLM agent, as tools): the engine then leaves them
     * to it instead of running them offline before it.
     */
    default boolean runsLookups() {
        return false;
    }

    /** A human handled turns of this conversation; remember it (LLM memory marker). */
    @Override
    default void humanHandled(long conversationId, String note) {
    }

    /** The conversation closed: forget cached memory. */
    default void evict(long conversationId) {
    }
}
