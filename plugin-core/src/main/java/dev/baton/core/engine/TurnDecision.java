package dev.baton.core.engine;

import dev.baton.core.handoff.HandoffPlan;

/**
 * The decider's verdict for one turn.
 *
 * @param handoff     the handoff to open, or null to let the agent answer
 * @param signalsJson the triage signals, stored with the customer's message (JSON object)
 */
public record TurnDecision(HandoffPlan handoff, String signalsJson) {

    public static TurnDecision answer(String signalsJson) {
        return new TurnDecision(null, signalsJson);
    }

    public boolean handsOff() {
        return handoff != null;
    }
}
