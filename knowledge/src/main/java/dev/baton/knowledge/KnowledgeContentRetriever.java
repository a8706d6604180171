package dev.baton.knowledge;

import dev.baton.knowledge.result.KnowledgeHit;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * LangChain4j {@link ContentRetriever} over a {@link KnowledgeBase}: hybrid search, confident hits only (an empty
 * list means "nothing relevant", which the agent should treat as a knowledge miss). Each content's text is the
 * question and the answer; its metadata holds {@code id}, {@code citation} (display form) and {@code score}
 * (fused score), and {@link ContentMetadata#SCORE} carries the same score.
 */
public final class KnowledgeContentRetriever implements ContentRetriever {

    private final KnowledgeBase knowledgeBase;
    private final int maxResults;

    /** At most {@code maxResults} contents per query. */
    public KnowledgeContentRetriever(KnowledgeBase knowledgeBase, int maxResults) {
        this.knowledgeBase = Objects.requireNonNull(knowledgeBase, "knowledgeBase");
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be positive");
        }
        this.maxResults = maxResults;
    }

    /** At most 3 contents per query. */
    public KnowledgeContentRetriever(KnowledgeBase knowledgeBase) {
        this(knowledgeBase, 3);
    }

    @Override
    public List<Content> retrieve(Query query) {
        return knowledgeBase.search(query.text(), maxResults).confidentHits().stream()
                .map(KnowledgeContentRetriever::toContent)
                .toList();
    }

    private static Content toContent(KnowledgeHit hit) {
        Metadata metadata = new Metadata()
                .put("id", hit.id())
                .put("citation", hit.citation().display())
                .put("score", hit.fusedScore());
        String text = hit.question().isBlank() ? hit.answer() : hit.question() + "\n" + hit.answer();
        return Content.from(TextSegment.from(text, metadata), Map.of(ContentMetadata.SCORE, hit.fusedScore()));
    }
}
