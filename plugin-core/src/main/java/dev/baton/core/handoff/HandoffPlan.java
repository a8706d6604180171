package dev.baton.core.handoff;

import dev.baton.core.conversation.HandoffReason;
import java.util.List;

/**
 * A decision to hand off, before a ticket exists.
 *
 * @param reasons     reason codes, main reason first
 * @param priority    higher is served first (sensitive and VIP above the rest)
 * @param group       target group, or null for the default group
 * @param explanation which rule fired with which values, in words an agent understands
 */
public record HandoffPlan(List<HandoffReason> reasons, int priority, String group, String explanation) {

    public HandoffPlan {
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a handoff needs at least one reason");
        }
    }

    public static HandoffPlan of(HandoffReason reason, int priority, String explanation) {
        return new HandoffPlan(List.of(reason), priority, null, explanation);
    }

    public String reasonCodes() {
        return String.join(",", reasons.stream().map(HandoffReason::code).toList());
    }
}
