package dev.baton.knowledge.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An {@link EmbeddingModel} that loads the real one at its first use, so that a process that never needs it (a
 * knowledge base without English entries, a shop without English customers) never pays its load time and memory.
 * Its identity and dimension are known without loading it. Thread-safe: the model is loaded once.
 */
public final class LazyEmbeddingModel implements EmbeddingModel {

    private final Supplier<EmbeddingModel> loader;
    private final String identity;
    private final int dimension;
    private volatile EmbeddingModel model;

    /**
     * @param loader    loads the model (called once, at the first embedding)
     * @param identity  what an index records for it (see {@link InProcessEmbeddings#identity})
     * @param dimension its vector length
     */
    public LazyEmbeddingModel(Supplier<EmbeddingModel> loader, String identity, int dimension) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.dimension = dimension;
    }

    /** The loaded model, loading it now if needed. */
    public EmbeddingModel get() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    model = loader.get();
                }
                m = model;
            }
        }
        return m;
    }

    /** Whether the model has been loaded. */
    public boolean loaded() {
        return model != null;
    }

    /** The identity an index records, without loading the model. */
    public String identity() {
        return identity;
    }

    @Override
    public Response<Embedding> embed(String text) {
        return get().embed(text);
    }

    @Override
    public Response<Embedding> embed(TextSegment segment) {
        return get().embed(segment);
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        return get().embedAll(segments);
    }

    @Override
    public int dimension() {
        return dimension;
    }
}
