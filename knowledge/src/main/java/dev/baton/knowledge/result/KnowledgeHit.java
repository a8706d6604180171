package dev.baton.knowledge.result;

import java.util.Locale;

/**
 * One knowledge entry found for a query. An FAQ entry is returned once even when several of its phrasings match.
 *
 * @param id          stable entry id: {@code relative/path.md#slug} or the FAQ table's {@code id}
 * @param question    the entry's main question, or the section title for document chunks
 * @param answer      the answer text (Markdown kept as written)
 * @param category    category path such as {@code "售后 / 退货"}; empty when none
 * @param citation    file and heading or row (for people who maintain the knowledge)
 * @param bm25Rank    1-based rank in the BM25 list; 0 when BM25 did not retrieve it (or was not run)
 * @param vectorScore {@code (1 + cosine) / 2} in [0, 1] of the entry's vector in the question's language; 0 when the
 *                    dense side was not run
 * @param fusedScore  the score the hits are ordered by (see {@code docs/knowledge.md})
 * @param confident   whether the knowledge may answer with it: {@code vectorScore} reaches the search's floor
 *                    ({@link SearchResult#floor()}), or the lower one for agreeing searches when BM25 ranks it first
 */
public record KnowledgeHit(
        String id,
        String question,
        String answer,
        String category,
        Citation citation,
        int bm25Rank,
        double vectorScore,
        double fusedScore,
        boolean confident) {

    /**
     * The entry's title as a customer may see it: the question of an FAQ entry or the heading of a section. Empty for
     * text whose only name is its file's (a file without headings, a PDF page), since file names are internal.
     */
    public String title() {
        if (citation.row() != null) {
            return question.strip();
        }
        if (citation.heading() == null || citation.file().toLowerCase(Locale.ROOT).endsWith(".pdf")) {
            return "";
        }
        return question.strip();
    }
}
