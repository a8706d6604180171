package dev.baton.core.engine;

import dev.baton.core.conversation.TurnSignals;
import dev.baton.core.handoff.Decision;

/**
 * The decider's verdict for one turn: the policy's {@link Decision} and the signals it was made from (stored with the
 * customer's message).
 */
public record TurnDecision(Decision decision, TurnSignals signals) {

    public TurnDecision {
        java.util.Objects.requireNonNull(decision, "decision");
        java.util.Objects.requireNonNull(signals, "signals");
    }

    public boolean handsOff() {
        return decision instanceof Decision.Handoff;
    }

    /** The handoff to open; only when {@link #handsOff()}. */
    public Decision.Handoff handoff() {
        return (Decision.Handoff) decision;
    }
}
