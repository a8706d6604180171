package dev.baton.core.knowledge;

import java.util.List;

/**
 * Finds answers in the business's knowledge. "Nothing relevant" is an empty or unconfident result, never an
 * exception. The app adapts the knowledge module's {@code KnowledgeBase} to this interface.
 */
@FunctionalInterface
public interface KnowledgeSearch {

    List<KnowledgeAnswer> search(String query, int k);

    /** A knowledge base with nothing in it. */
    static KnowledgeSearch empty() {
        return (q, k) -> List.of();
    }

    /** The best confident answer of a result, if any. */
    static java.util.Optional<KnowledgeAnswer> bestConfident(List<KnowledgeAnswer> answers) {
        return answers.stream().filter(KnowledgeAnswer::confident).findFirst();
    }
}
