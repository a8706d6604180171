package dev.baton.core.agent;

import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.LookupTrace;

import java.util.List;

/**
 * The agent's answer to one turn.
 *
 * @param text          what to send the customer (may be empty when handing off)
 * @param citation      the knowledge citation behind the answer, or null
 * @param knowledgeMiss true when no confident knowledge backed the answer
 * @param handoff       non-null when the agent wants a human ({@code agent_tool}, {@code llm_unavailable},
 *                      {@code lookup_failed})
 * @param handoffNote   the agent's own summary for the human, or null
 * @param llmCalls      model calls this turn took (0 offline)
 * @param tokens        tokens used this turn (0 offline)
 * @param lookups       the business look-ups the agent ran this turn, in order
 */
public record AgentReply(String text, String citation, boolean knowledgeMiss, HandoffReason handoff,
                         String handoffNote, int llmCalls, long tokens, List<LookupTrace> lookups) {

    public AgentReply {
        lookups = lookups == null ? List.of() : List.copyOf(lookups);
    }

    /** A reply without look-ups. */
    public AgentReply(String text, String citation, boolean knowledgeMiss, HandoffReason handoff, String handoffNote,
                      int llmCalls, long tokens) {
        this(text, citation, knowledgeMiss, handoff, handoffNote, llmCalls, tokens, List.of());
    }

    public static AgentReply answer(String text, String citation) {
        return new AgentReply(text, citation, false, null, null, 0, 0);
    }

    public static AgentReply notSure(String text) {
        return new AgentReply(text, null, true, null, null, 0, 0);
    }

    public boolean wantsHuman() {
        return handoff != null;
    }
}
