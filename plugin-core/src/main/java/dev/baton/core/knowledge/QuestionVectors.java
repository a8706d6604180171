package dev.baton.core.knowledge;

import java.util.List;
import java.util.Optional;

/**
 * Reads customer questions as sentence vectors, so that the desk can find questions that mean the same thing (a
 * paraphrase, another customer's wording) without the words being the same: earlier human answers to a similar
 * question, and groups of questions the bot could not answer. The app adapts the knowledge module's embedding models
 * (the Chinese one for Chinese text, the English one for English) to this interface, as it does {@link KnowledgeSearch}.
 *
 * <p>Each call may run a model (a few milliseconds); callers cache what they keep.
 */
@FunctionalInterface
public interface QuestionVectors {

    /** {@code text} as a vector, or empty when it has nothing to read (blank) or no model is available. */
    Optional<QuestionVector> vector(String text);

    /** Several texts at once, in order (the implementation may batch them); an entry is empty as for {@link #vector}. */
    default List<Optional<QuestionVector>> vectors(List<String> texts) {
        return texts.stream().map(this::vector).toList();
    }

    /** No model: nothing is ever similar (the desk then offers the knowledge and canned replies only). */
    static QuestionVectors none() {
        return text -> Optional.empty();
    }
}
