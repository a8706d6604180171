package dev.baton.knowledge;

import java.util.List;
import java.util.Optional;

/**
 * The hits for one query, best first. An empty or unconfident result means "nothing relevant", which the
 * caller treats as a knowledge-miss signal rather than an error.
 */
public record SearchResult(String query, List<KnowledgeHit> hits) {

    public SearchResult {
        hits = List.copyOf(hits);
    }

    /** An empty result. */
    public static SearchResult empty(String query) {
        return new SearchResult(query, List.of());
    }

    /** True when the best hit reaches the score floor. */
    public boolean confident() {
        return !hits.isEmpty() && hits.get(0).confident();
    }

    /** The best hit, confident or not. */
    public Optional<KnowledgeHit> best() {
        return hits.isEmpty() ? Optional.empty() : Optional.of(hits.get(0));
    }

    /** Only the hits that reach the score floor. */
    public List<KnowledgeHit> confidentHits() {
        return hits.stream().filter(KnowledgeHit::confident).toList();
    }
}
