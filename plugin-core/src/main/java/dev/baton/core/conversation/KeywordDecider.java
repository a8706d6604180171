package dev.baton.core.conversation;

import dev.baton.core.handoff.HandoffPlan;
import dev.baton.core.handoff.HandoffReason;
import dev.baton.text.PhraseMatcher;
import dev.baton.text.Texts;

import java.util.List;

/**
 * The minimal decider: the "talk to a human" button and explicit keywords hand off; everything else goes to the
 * agent. Keywords are found by triage's {@link PhraseMatcher} with the shared {@link PhraseMatcher#NEGATION_CUES}, so
 * a negated keyword ("不要转人工", "I don't need a human") does not count here either. Used when the full triage is
 * not configured.
 */
public final class KeywordDecider implements TurnDecider {

    private final PhraseMatcher matcher;

    public KeywordDecider(List<String> keywords) {
        this.matcher = new PhraseMatcher(keywords);
    }

    @Override
    public TurnDecision decide(TurnInput in) {
        String signals = "{\"language\":\"" + in.language() + "\",\"knowledgeMiss\":" + in.knowledgeMiss() + "}";
        if (in.humanButton()) {
            return new TurnDecision(HandoffPlan.of(HandoffReason.BUTTON, 50, "customer tapped the human button"),
                    signals);
        }
        String matched = matchedKeyword(in.text());
        if (matched != null) {
            return new TurnDecision(HandoffPlan.of(HandoffReason.EXPLICIT_REQUEST, 50,
                    "customer asked for a human (keyword \"" + matched + "\")"), signals);
        }
        return TurnDecision.answer(signals);
    }

    /** The first keyword (normalised, in the order given) found without a negation cue before it, or null. */
    public String matchedKeyword(String text) {
        PhraseMatcher.Hit hit = matcher.best(Texts.normalise(text == null ? "" : text));
        return hit == null || hit.negated() ? null : hit.matched();
    }
}
