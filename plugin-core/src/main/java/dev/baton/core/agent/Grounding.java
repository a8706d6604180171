package dev.baton.core.agent;

import dev.baton.core.knowledge.KnowledgeAnswer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an answer of the model stands on: the knowledge entries it cites with {@code [n]} markers, the confident
 * entries shown, and the facts the business look-ups returned this turn. {@link LlmAgent} sends an answer only when it
 * stands on one of them; the {@link OutputGuard} checks its claims against them.
 */
final class Grounding {

    private static final Pattern MARKER = Pattern.compile("[ \\t]?[\\[【](\\d{1,2})[]】]");

    private Grounding() {
    }

    /** The answer without its {@code [n]} markers; the entries they name are added to {@code cited}. */
    static String withoutMarkers(String text, Turn turn, Set<KnowledgeAnswer> cited) {
        Matcher m = MARKER.matcher(text);
        StringBuilder clean = new StringBuilder();
        while (m.find()) {
            turn.referenced(Integer.parseInt(m.group(1))).ifPresent(cited::add);
            m.appendReplacement(clean, "");
        }
        m.appendTail(clean);
        return clean.toString().strip();
    }

    /**
     * What the output guard may find an answer's claims in: the knowledge shown this turn and the facts the look-ups
     * returned ("退款已到账" is no invented claim when the order system says so).
     */
    static List<KnowledgeAnswer> shown(Turn turn) {
        List<KnowledgeAnswer> out = new ArrayList<>(turn.references());
        for (var t : turn.lookups()) {
            if (t.outcome().answered() && t.text() != null) {
                out.add(new KnowledgeAnswer("lookup:" + t.name(), t.name(), t.text(), t.name(), 1.0, true));
            }
        }
        return out;
    }

    /**
     * Whether an answer stands on the knowledge: it cites a confident entry, or it cites nothing while a confident
     * entry was shown (a clarifying question, a paraphrase). An answer that cites only low-relevance entries, or that
     * came without any confident knowledge this turn, overrules the knowledge's abstention and is not sent.
     */
    static boolean grounded(Set<KnowledgeAnswer> cited, List<KnowledgeAnswer> shown) {
        if (!cited.isEmpty()) {
            return cited.stream().anyMatch(KnowledgeAnswer::confident);
        }
        return shown.stream().anyMatch(KnowledgeAnswer::confident);
    }
}
