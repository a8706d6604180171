package dev.baton.knowledge.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link EmbeddingModel} that remembers the vectors of the last {@code capacity} single texts it embedded.
 *
 * <p>One customer message is embedded by triage (intent, explicit request, repetition) and again by the knowledge
 * search; with the in-process model that is most of a turn's CPU. Sharing one instance of this decorator between
 * the two makes the second call a map lookup whenever both ask for the same string. Batches of more than one text
 * (indexing) bypass the cache so that they keep the model's batching and do not evict the conversation's texts.
 *
 * <p>Thread-safe. Vectors are copied in and out, so a caller that modifies its array cannot corrupt the cache.
 */
public final class CachingEmbeddingModel implements EmbeddingModel {

    private final EmbeddingModel delegate;
    private final Map<String, float[]> cache;
    private long hits;
    private long misses;

    public CachingEmbeddingModel(EmbeddingModel delegate, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The model under any number of caching decorators: its identity is what an index depends on. */
    public static EmbeddingModel unwrap(EmbeddingModel model) {
        EmbeddingModel m = model;
        while (m instanceof CachingEmbeddingModel c) {
            m = c.delegate;
        }
        return m;
    }

    @Override
    public Response<Embedding> embed(String text) {
        return embed(TextSegment.from(text));
    }

    @Override
    public Response<Embedding> embed(TextSegment segment) {
        String key = segment.text();
        float[] cached;
        synchronized (cache) {
            cached = cache.get(key);
            if (cached != null) {
                hits++;
            } else {
                misses++;
            }
        }
        if (cached != null) {
            return Response.from(Embedding.from(cached.clone()));
        }
        Response<Embedding> computed = delegate.embed(segment);
        synchronized (cache) {
            cache.put(key, computed.content().vector().clone());
        }
        return computed;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        if (segments.size() == 1) {
            Response<Embedding> one = embed(segments.get(0));
            List<Embedding> list = new ArrayList<>(1);
            list.add(one.content());
            return Response.from(list, one.tokenUsage(), one.finishReason(), one.metadata());
        }
        return delegate.embedAll(segments);
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public String modelName() {
        return delegate.modelName();
    }

    /** Lookups answered from the cache so far. */
    public long hits() {
        synchronized (cache) {
            return hits;
        }
    }

    /** Lookups that called the model so far. */
    public long misses() {
        synchronized (cache) {
            return misses;
        }
    }
}
