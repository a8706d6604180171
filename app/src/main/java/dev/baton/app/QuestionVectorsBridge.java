package dev.baton.app;

import dev.baton.core.knowledge.QuestionVector;
import dev.baton.core.knowledge.QuestionVectors;
import dev.baton.knowledge.embed.QuestionEmbedder;

import java.util.List;
import java.util.Optional;

/**
 * Presents the knowledge module's {@link QuestionEmbedder} (the same cached bge-small-zh / bge-small-en models the
 * search uses) to the desk as {@link QuestionVectors}.
 */
final class QuestionVectorsBridge implements QuestionVectors {

    private final QuestionEmbedder embedder;

    QuestionVectorsBridge(QuestionEmbedder embedder) {
        this.embedder = embedder;
    }

    @Override
    public Optional<QuestionVector> vector(String text) {
        return embedder.embed(text).map(QuestionVectorsBridge::toVector);
    }

    @Override
    public List<Optional<QuestionVector>> vectors(List<String> texts) {
        return embedder.embedAll(texts).stream().map(e -> e.map(QuestionVectorsBridge::toVector)).toList();
    }

    private static QuestionVector toVector(QuestionEmbedder.Embedded e) {
        return new QuestionVector(e.space(), e.vector());
    }
}
