package dev.baton.core.engine;

import dev.baton.core.conversation.TriageSignals;
import dev.baton.core.conversation.TurnSignals;
import dev.baton.core.handoff.HandoffPolicy;
import dev.baton.core.handoff.PolicyInput;
import dev.baton.core.triage.Triage;
import dev.baton.core.triage.TriageInput;

import java.util.Set;

/**
 * The full decider: offline {@link Triage} on the customer's message, then the declarative {@link HandoffPolicy}
 * over this turn and the conversation's earlier turns (their signals are read back from the transcript). The
 * signals are returned for storage with the message, so later turns and the human see them. A handoff decided here
 * needs no LLM call and cannot be cancelled by the agent.
 *
 * <p>A message whose intent is a business look-up's ("where is my order 20251120-8891?") asks the business's system,
 * not the knowledge: it never counts as a knowledge miss, so that a look-up question after an unanswered one does not
 * hand off before the look-up could answer it.
 */
public final class TriagePolicyDecider implements TurnDecider {

    private final Triage triage;
    private final HandoffPolicy policy;
    private final Set<String> lookupIntents;

    public TriagePolicyDecider(Triage triage, HandoffPolicy policy) {
        this(triage, policy, Set.of());
    }

    /** @param lookupIntents the intents of the configured look-ups (their names) */
    public TriagePolicyDecider(Triage triage, HandoffPolicy policy, Set<String> lookupIntents) {
        this.triage = triage;
        this.policy = policy;
        this.lookupIntents = Set.copyOf(lookupIntents);
    }

    @Override
    public TurnDecision decide(TurnInput in) {
        EarlierTurns earlier = EarlierTurns.of(in.history());
        TriageSignals read = triage.analyze(new TriageInput(in.text(), earlier.texts(), in.language()));
        // the engine's reading of small talk is the one that decided the reply; the stored signals say the same
        TriageSignals signals = read.smallTalk() == in.smallTalk() ? read : new TriageSignals(read.language(),
                in.smallTalk() != null ? TriageSignals.ExplicitRequest.none() : read.explicitRequest(),
                read.sentiment(), read.intent(), read.repetition(), read.elapsedMicros(), in.smallTalk());
        boolean lookup = signals.intent() != null && lookupIntents.contains(signals.intent().name());
        return new TurnDecision(policy.decide(new PolicyInput(signals, in.countedMiss() && !lookup, in.humanButton(),
                in.customer().tier(), earlier.signals(), earlier.knowledgeMisses(), in.conversation().botTurns(),
                in.knowledgeAnswered() && !lookup)),
                TurnSignals.of(signals, in.knowledgeMiss() && !lookup));
    }
}
