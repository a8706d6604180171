package dev.baton.core.handoff;

import dev.baton.core.conversation.Message;
import dev.baton.core.conversation.TriageSignals;
import dev.baton.core.conversation.TurnSignals;
import dev.baton.text.Texts;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tests {@link HandoffBrief} reads one customer message with: a request for a person (and whether it says more),
 * a detail only (an order number), words at all, an unhappy message, a placeholder for a button or media.
 */
final class CustomerMessages {

    private CustomerMessages() {
    }

    private static final double UPSET = -0.5;
    static final Pattern PLACEHOLDER = Pattern.compile("^\\[([a-z_]+)]\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern TOKEN = Pattern.compile("[\\p{IsLatin}\\p{Nd}#-]+");
    private static final Pattern LATIN_WORD = Pattern.compile("\\p{IsLatin}[\\p{IsLatin}']*");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Pattern QUESTION_MARK = Pattern.compile("[?？]");

    static boolean requested(Message m) {
        TurnSignals s = m.signals();
        return s != null && s.triage().explicitRequest() != null && s.triage().explicitRequest().detected();
    }

    /**
     * A request for a person that also says what about: with the matched words taken out, at least four Chinese
     * characters or four words are left, and triage did not read the message as the request intent itself.
     */
    static boolean saysMore(String text, TriageSignals s) {
        String matched = s == null || s.explicitRequest() == null ? null : s.explicitRequest().matched();
        String rest = text;
        if (matched != null && !matched.isBlank()) {
            int at = text.toLowerCase(Locale.ROOT).indexOf(matched.toLowerCase(Locale.ROOT));
            if (at >= 0) {
                rest = text.substring(0, at) + " " + text.substring(at + matched.length());
            }
        }
        boolean requestIntent = s != null && s.intent() != null && "human_agent".equals(s.intent().name());
        return !requestIntent && (count(HAN, rest) >= 4 || count(LATIN_WORD, rest) >= 4);
    }

    /** A code (at least five digits, or four with letters) and at most a few words around it, not a question. */
    static boolean detailOnly(String text) {
        Matcher t = TOKEN.matcher(text);
        boolean code = false;
        StringBuilder rest = new StringBuilder();
        int from = 0;
        while (t.find()) {
            String token = t.group();
            int digits = count(Pattern.compile("\\p{Nd}"), token);
            boolean letters = token.chars().anyMatch(Character::isLetter);
            if (digits >= 5 || (digits >= 4 && letters)) {
                code = true;
                rest.append(text, from, t.start()).append(' ');
                from = t.end();
            }
        }
        rest.append(text.substring(from));
        return code && !QUESTION_MARK.matcher(text).find() && count(HAN, rest) <= 6
                && count(LATIN_WORD, rest) <= 4;
    }

    static boolean hasWords(String text) {
        return Texts.hasWords(text);
    }

    static boolean negative(Message m) {
        TurnSignals s = m.signals();
        if (s == null || s.triage().sentiment() == null) {
            return false;
        }
        TriageSignals.Sentiment sentiment = s.triage().sentiment();
        return sentiment.furious() || sentiment.score() <= UPSET;
    }

    /** {@code image} of "[image] …". */
    static String placeholderKind(String text) {
        Matcher m = PLACEHOLDER.matcher(text.strip());
        return m.matches() ? m.group(1) : text;
    }

    /** Normalised, without punctuation: "转人工！" and "转人工" are the same message. */
    static String key(String text) {
        return Texts.compact(Texts.normalise(text));
    }

    static int count(Pattern p, CharSequence s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
