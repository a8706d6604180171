package dev.baton.core.agent;

import dev.baton.core.knowledge.KnowledgeAnswer;

import java.util.List;

/**
 * Renders knowledge hits for the model: each one numbered {@code [n]} for citing, with its question, answer and
 * source title (never a file name, which the model could repeat to a customer), inside {@code <knowledge>} tags.
 * Entry ids are never shown (they are internal); the text is
 * escaped like customer text so that a document cannot close the block.
 */
final class KnowledgeBlock {

    /** Hits shown per turn in the prompt. */
    static final int PROMPT_HITS = 3;
    /** One answer is cut after this many characters. */
    static final int MAX_ANSWER_CHARS = 1200;

    private KnowledgeBlock() {
    }

    static String render(Turn turn, List<KnowledgeAnswer> hits) {
        StringBuilder sb = new StringBuilder("<knowledge>\n");
        if (hits.isEmpty()) {
            sb.append("(nothing relevant found)\n");
        }
        hits.stream().filter(KnowledgeAnswer::confident).findFirst()
                .filter(best -> !best.uncovered().isEmpty())
                .ifPresent(best -> sb.append("(the knowledge never mentions ")
                        .append(CustomerText.escape(String.join(", ", best.uncovered())))
                        .append(": do not say yes or no about it; say you have no information on it, and give only "
                                + "what the entries below say)\n"));
        for (KnowledgeAnswer hit : hits) {
            int n = turn.reference(hit);
            String answer = hit.answer().strip();
            if (answer.length() > MAX_ANSWER_CHARS) {
                answer = answer.substring(0, MAX_ANSWER_CHARS) + "…";
            }
            sb.append('[').append(n).append("] ").append(CustomerText.escape(hit.question().strip()));
            if (!hit.confident()) {
                sb.append(" (low relevance: may not match the question)");
            }
            sb.append('\n').append(CustomerText.escape(answer)).append('\n');
            if (!hit.title().isBlank()) { // the title, as customers see it: file names are internal
                sb.append("(source: ").append(CustomerText.escape(hit.title().strip())).append(")\n");
            }
        }
        return sb.append("</knowledge>").toString();
    }
}
