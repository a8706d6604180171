package dev.baton.app;

import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.knowledge.KnowledgeBase;
import dev.baton.knowledge.result.KnowledgeHit;
import dev.baton.knowledge.result.SearchResult;

import java.util.List;

/** Presents the knowledge module's {@link KnowledgeBase} to the engine as a {@link KnowledgeSearch}. */
final class KnowledgeBridge implements KnowledgeSearch {

    private final KnowledgeBase kb;

    KnowledgeBridge(KnowledgeBase kb) {
        this.kb = kb;
    }

    @Override
    public List<KnowledgeAnswer> search(String query, int k) {
        SearchResult result = kb.search(query, k);
        return result.hits().stream().map(h -> toAnswer(h, result.uncovered())).toList();
    }

    private static KnowledgeAnswer toAnswer(KnowledgeHit h, List<String> uncovered) {
        return new KnowledgeAnswer(h.id(), h.question(), h.answer(), h.citation().display(), h.fusedScore(),
                h.confident(), h.title(), h.category(), uncovered);
    }
}
