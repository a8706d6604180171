package dev.baton.core.engine;

import dev.baton.core.conversation.TriageSignals;
import dev.baton.core.conversation.TurnSignals;
import dev.baton.core.handoff.HandoffPolicy;
import dev.baton.core.handoff.PolicyInput;
import dev.baton.core.triage.Triage;
import dev.baton.core.triage.TriageInput;

/**
 * The full decider: offline {@link Triage} on the customer's message, then the declarative {@link HandoffPolicy}
 * over this turn and the conversation's earlier turns (their signals are read back from the transcript). The
 * signals are returned for storage with the message, so later turns and the human see them. A handoff decided here
 * needs no LLM call and cannot be cancelled by the agent.
 */
public final class TriagePolicyDecider implements TurnDecider {

    private final Triage triage;
    private final HandoffPolicy policy;

    public TriagePolicyDecider(Triage triage, HandoffPolicy policy) {
        this.triage = triage;
        this.policy = policy;
    }

    @Override
    public TurnDecision decide(TurnInput in) {
        EarlierTurns earlier = EarlierTurns.of(in.history());
        TriageSignals read = triage.analyze(new TriageInput(in.text(), earlier.texts(), in.language()));
        // the engine's reading of small talk is the one that decided the reply; the stored signals say the same
        TriageSignals signals = read.smallTalk() == in.smallTalk() ? read : new TriageSignals(read.language(),
                in.smallTalk() != null ? TriageSignals.ExplicitRequest.none() : read.explicitRequest(),
                read.sentiment(), read.intent(), read.repetition(), read.elapsedMicros(), in.smallTalk());
        return new TurnDecision(policy.decide(new PolicyInput(signals, in.countedMiss(), in.humanButton(),
                in.customer().tier(), earlier.signals(), earlier.knowledgeMisses(), in.conversation().botTurns())),
                TurnSignals.of(signals, in.knowledgeMiss()));
    }
}
