package dev.baton.core.engine;

import dev.baton.core.handoff.HandoffPlan;
import dev.baton.core.conversation.HandoffReason;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The minimal decider: the "talk to a human" button and explicit keywords hand off; everything else goes to the
 * agent. A keyword preceded by a negation ("不要转人工", "no agent", "don't need a human") does not count. Used
 * when the full triage is not configured, and as the floor under it.
 */
public final class KeywordDecider implements TurnDecider {

    private static final Pattern NEGATION = Pattern.compile(
            "(不要|不用|不需要|别|无需|不想|don't|dont|do not|no need|not|never|without|no)\\W{0,3}$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private final List<String> keywords;

    public KeywordDecider(List<String> keywords) {
        this.keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
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
