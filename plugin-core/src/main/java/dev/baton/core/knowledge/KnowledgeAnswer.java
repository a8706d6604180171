package dev.baton.core.knowledge;

import java.util.List;

/**
 * One knowledge hit.
 *
 * @param id        stable entry id ({@code path.md#slug} or the FAQ id)
 * @param question  the entry's question or title
 * @param answer    the answer text
 * @param citation  where it comes from, for the people who maintain the knowledge ("faq/returns.md › 怎么退货");
 *                  internal: never shown to customers ({@link CitationStyle} renders what they see)
 * @param score     fused relevance score
 * @param confident true when the knowledge may answer with it: the entry is close enough to the question by the
 *                  threshold calibrated for this knowledge and the question's language (or the operator's fixed
 *                  floor); false means "not known", and the agent must not answer from it
 * @param title     the entry's title as customers may see it (its question or heading); empty when it has none of
 *                  its own (a file without headings, a PDF page)
 * @param section   the headings above the entry ("售后服务 / 退货"); empty when none
 * @param uncovered the words of the customer's yes/no question that no entry of the knowledge contains ("Mars" in
 *                  "Do you ship to Mars?"), as they wrote them: the entry is the closest there is, but it does not
 *                  answer about them, so it must not be given as a "yes"; empty when every word is known
 */
public record KnowledgeAnswer(String id, String question, String answer, String citation, double score,
                              boolean confident, String title, String section, List<String> uncovered) {

    public KnowledgeAnswer {
        title = title == null ? "" : title;
        section = section == null ? "" : section;
        uncovered = uncovered == null ? List.of() : List.copyOf(uncovered);
    }

    /** This hit, reporting {@code words} as the question's words the knowledge lacks. */
    public KnowledgeAnswer withUncovered(List<String> words) {
        return new KnowledgeAnswer(id, question, answer, citation, score, confident, title, section, words);
    }

    /** A hit for a question whose every word the knowledge knows. */
    public KnowledgeAnswer(String id, String question, String answer, String citation, double score,
                           boolean confident, String title, String section) {
        this(id, question, answer, citation, score, confident, title, section, List.of());
    }

    /** A hit whose title is its question and that has no section. */
    public KnowledgeAnswer(String id, String question, String answer, String citation, double score,
                           boolean confident) {
        this(id, question, answer, citation, score, confident, question, "");
    }
}
