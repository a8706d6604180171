package dev.baton.core.engine;

import dev.baton.core.conversation.TriageSignals;
import dev.baton.core.conversation.TurnSignals;
import dev.baton.core.handoff.HandoffPolicy;
import dev.baton.core.handoff.PolicyInput;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The minimal decider, for an engine built without offline triage (tests, embedders): the only signal it reads is an
 * explicit keyword ("转人工", "human"), and a keyword preceded by a negation ("不要转人工", "no agent", "don't need a
 * human") does not count. The {@link HandoffPolicy} decides from that signal, the button, the knowledge misses and the
 * tier, exactly as it does behind the full triage.
 */
public final class KeywordDecider implements TurnDecider {

    private static final Pattern NEGATION = Pattern.compile(
            "(不要|不用|不需要|别|无需|不想|don't|dont|do not|no need|not|never|without|no)\\W{0,3}$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private final List<String> keywords;
    private final HandoffPolicy policy;

    public KeywordDecider(List<String> keywords, HandoffPolicy policy) {
        this.keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        this.policy = policy;
    }

    @Override
    public TurnDecision decide(TurnInput in) {
        String matched = matchedKeyword(in.text());
        TriageSignals.ExplicitRequest request = matched == null ? TriageSignals.ExplicitRequest.none()
                : new TriageSignals.ExplicitRequest(true, TriageSignals.Method.KEYWORD, matched, 1.0, false);
        TriageSignals triage = new TriageSignals(in.language(), request, null, null, TriageSignals.Repetition.none(),
                0);
        TurnSignals signals = TurnSignals.of(triage, in.knowledgeMiss());
        EarlierTurns earlier = EarlierTurns.of(in.history());
        return new TurnDecision(policy.decide(new PolicyInput(triage, in.knowledgeMiss(), in.humanButton(),
                in.customer().tier(), earlier.signals(), earlier.knowledgeMisses(), in.conversation().botTurns())),
                signals);
    }

    /** The first keyword found without a negation right before it, or null. */
    public String matchedKeyword(String text) {
        String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
        for (String k : keywords) {
            int at = t.indexOf(k);
            while (at >= 0) {
                String before = t.substring(Math.max(0, at - 16), at);
                boolean asciiWord = k.chars().allMatch(ch -> ch < 128);
                boolean wordStart = !asciiWord || at == 0 || !Character.isLetterOrDigit(t.charAt(at - 1));
                int end = at + k.length();
                boolean wordEnd = !asciiWord || end >= t.length() || !Character.isLetterOrDigit(t.charAt(end));
                if (wordStart && wordEnd && !NEGATION.matcher(before.stripTrailing()).find()) {
                    return k;
                }
                at = t.indexOf(k, at + 1);
            }
        }
        return null;
    }
}
