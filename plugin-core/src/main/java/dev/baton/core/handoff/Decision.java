package dev.baton.core.handoff;

import dev.baton.core.conversation.HandoffReason;
import java.util.List;
import java.util.Objects;

/**
 * What {@link HandoffPolicy} decided for one customer turn. Both outcomes carry a human-readable explanation (which
 * rule fired with which values, or why none did) for the ticket, the log and the eval output.
 */
public sealed interface Decision {

    String explanation();

    /** True for {@link Handoff}. */
    default boolean isHandoff() {
        return this instanceof Handoff;
    }

    /** The bot answers (the LLM may still call {@code handoffToHuman}, reason {@code agent_tool}). */
    record Answer(String explanation) implements Decision {
        public Answer {
            Objects.requireNonNull(explanation, "explanation");
        }
    }

    /**
     * A policy-forced handoff: the engine skips the LLM and opens a ticket. The LLM never cancels it.
     *
     * @param reasons     every rule that fired, main reason first (highest priority first)
     * @param priority    the highest priority among the fired rules; higher is served first
     * @param group       the target group of the main reason
     * @param explanation which rules fired, with their values
     */
    record Handoff(List<HandoffReason> reasons, int priority, String group, String explanation) implements Decision {
        public Handoff {
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a handoff needs at least one reason");
            }
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(explanation, "explanation");
        }

        /** The main reason. */
        public HandoffReason reason() {
            return reasons.get(0);
        }
    }
}
