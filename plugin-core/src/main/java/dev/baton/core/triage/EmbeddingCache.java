package dev.baton.core.triage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small bounded LRU of text → embedding, so that a customer's earlier messages are embedded once, not on every
 * turn. Synchronised: one {@link Triage} serves every conversation lane. The model call happens outside the lock.
 */
final class EmbeddingCache {

    private final int capacity;
    private final LinkedHashMap<String, float[]> map;

    EmbeddingCache(int capacity) {
        this.capacity = Math.max(1, capacity);
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > EmbeddingCache.this.capacity;
            }
        };
    }

    float[] get(String key, Function<String, float[]> embed) {
        synchronized (map) {
            float[] hit = map.get(key);
            if (hit != null) {
                return hit;
            }
        }
        float[] v = embed.apply(key);
        put(key, v);
        return v;
    }

    void put(String key, float[] vector) {
        synchronized (map) {
            map.put(key, vector);
        }
    }

    int size() {
        synchronized (map) {
            return map.size();
        }
    }
}
