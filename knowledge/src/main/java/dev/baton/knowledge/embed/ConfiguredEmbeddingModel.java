package dev.baton.knowledge.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.List;
import java.util.Objects;

/**
 * An operator's model ({@link EmbeddingSource}) under the identity an index records for it. Its dimension is asked of
 * the model only when someone needs it (an API model learns it from its first answer); the index identity does not.
 */
public final class ConfiguredEmbeddingModel implements EmbeddingModel {

    private final EmbeddingModel model;
    private final String identity;

    private ConfiguredEmbeddingModel(EmbeddingModel model, String identity) {
        this.model = Objects.requireNonNull(model, "model");
        this.identity = Objects.requireNonNull(identity, "identity");
    }

    /** Loads {@code source} (see {@link EmbeddingSource#load()}: files fail here if they are not a model). */
    public static ConfiguredEmbeddingModel load(EmbeddingSource source) {
        String identity = source.identity();
        return new ConfiguredEmbeddingModel(source.load(), identity);
    }

    /** What an index records for this model. */
    public String identity() {
        return identity;
    }

    @Override
    public Response<Embedding> embed(String text) {
        return model.embed(text);
    }

    @Override
    public Response<Embedding> embed(TextSegment segment) {
        return model.embed(segment);
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        return model.embedAll(segments);
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public String toString() {
        return "ConfiguredEmbeddingModel[" + identity + "]";
    }
}
