package dev.baton.knowledge.result;

import java.util.List;
import java.util.Optional;

/**
 * The hits for one query, best first. An empty or unconfident result means "nothing relevant", which the
 * caller treats as a knowledge-miss signal rather than an error.
 *
 * @param query the query as given
 * @param hits  best first
 * @param floor the {@link KnowledgeHit#vectorScore()} a hit needed to be confident for this query: the calibrated
 *              threshold of the query's language in this index (the entry BM25 ranks first needs a little less, see
 *              {@code search.Abstention}), or the operator's fixed floor; infinite when nothing
 *              could be confident (an empty index), {@code NaN} for an empty query
 * @param uncovered the words of the query that no entry of the knowledge contains ({@code search.Coverage}), as the
 *              customer wrote them; checked only when the best hit is confident, empty otherwise
 */
public record SearchResult(String query, List<KnowledgeHit> hits, double floor, List<String> uncovered) {

    public SearchResult {
        hits = List.copyOf(hits);
        uncovered = uncovered == null ? List.of() : List.copyOf(uncovered);
    }

    /** A result whose question has no word the knowledge lacks (or that was not checked). */
    public SearchResult(String query, List<KnowledgeHit> hits, double floor) {
        this(query, hits, floor, List.of());
    }

    /** An empty result. */
    public static SearchResult empty(String query) {
        return new SearchResult(query, List.of(), Double.NaN);
    }

    /** True when the best hit is confident. */
    public boolean confident() {
        return !hits.isEmpty() && hits.get(0).confident();
    }

    /** The best hit, confident or not. */
    public Optional<KnowledgeHit> best() {
        return hits.isEmpty() ? Optional.empty() : Optional.of(hits.get(0));
    }

    /** Only the confident hits. */
    public List<KnowledgeHit> confidentHits() {
        return hits.stream().filter(KnowledgeHit::confident).toList();
    }
}
