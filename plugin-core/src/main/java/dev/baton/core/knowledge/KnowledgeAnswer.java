package dev.baton.core.knowledge;

/**
 * One knowledge hit.
 *
 * @param id        stable entry id ({@code path.md#slug} or the FAQ id)
 * @param question  the entry's question or title
 * @param answer    the answer text
 * @param citation  where it comes from, for people ("faq/returns.md › 怎么退货")
 * @param score     fused relevance score
 * @param confident true when the score clears the configured floor
 */
public record KnowledgeAnswer(String id, String question, String answer, String citation, double score,
                              boolean confident) {
}
