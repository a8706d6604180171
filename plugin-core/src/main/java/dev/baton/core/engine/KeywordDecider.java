package dev.baton.core.engine;

import dev.baton.core.conversation.TriageSignals;
import dev.baton.core.conversation.TurnSignals;
import dev.baton.core.handoff.HandoffPolicy;
import dev.baton.core.handoff.PolicyInput;
import dev.baton.text.PhraseMatcher;
import dev.baton.text.Texts;

import java.util.List;

/**
 * The minimal decider, for an engine built without offline triage (tests, embedders): the only signal it reads is an
 * explicit keyword ("转人工", "human"), found by triage's {@link PhraseMatcher} with the shared
 * {@link PhraseMatcher#NEGATION_CUES}, so a negated keyword ("不要转人工", "I don't need a human") does not count here
 * either. The {@link HandoffPolicy} decides from that signal, the button, the knowledge misses and the tier, exactly as
 * it does behind the full triage.
 */
public final class KeywordDecider implements TurnDecider {

    private final PhraseMatcher matcher;
    private final HandoffPolicy policy;

    public KeywordDecider(List<String> keywords, HandoffPolicy policy) {
        this.matcher = new PhraseMatcher(keywords);
        this.policy = policy;
    }

    @Override
    public TurnDecision decide(TurnInput in) {
        String matched = matchedKeyword(in.text());
        TriageSignals.ExplicitRequest request = matched == null ? TriageSignals.ExplicitRequest.none()
                : new TriageSignals.ExplicitRequest(true, TriageSignals.Method.KEYWORD, matched, 1.0, false);
        TriageSignals triage = new TriageSignals(in.language(), in.smallTalk() != null
                ? TriageSignals.ExplicitRequest.none() : request, null, null, TriageSignals.Repetition.none(), 0,
                in.smallTalk());
        TurnSignals signals = TurnSignals.of(triage, in.knowledgeMiss());
        EarlierTurns earlier = EarlierTurns.of(in.history());
        return new TurnDecision(policy.decide(new PolicyInput(triage, in.countedMiss(), in.humanButton(),
                in.customer().tier(), earlier.signals(), earlier.knowledgeMisses(), in.conversation().botTurns())),
                signals);
    }

    /**
     * The first keyword (normalised, in the order given) found without a negation cue before it, also as a typo or a
     * homophone ({@link PhraseMatcher#bestTolerant}), or null.
     */
    public String matchedKeyword(String text) {
        PhraseMatcher.Hit hit = matcher.bestTolerant(Texts.normalise(text == null ? "" : text));
        return hit == null || hit.negated() ? null : hit.matched();
    }
}
