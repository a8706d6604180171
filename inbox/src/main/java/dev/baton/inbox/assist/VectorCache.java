package dev.baton.inbox.assist;

import dev.baton.core.knowledge.QuestionVector;
import dev.baton.core.knowledge.QuestionVectors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Question vectors kept by text (a text's vector never changes), least recently used first out, so that a page the
 * desk opens again costs no model call for the questions it has already read. Bounded by {@link #CAPACITY} texts.
 */
public final class VectorCache {

    /** Texts kept (about 2 KB each with the 512-dimension Chinese model: at most ~10 MB). */
    public static final int CAPACITY = 5_000;

    private final QuestionVectors vectors;
    private final Map<String, Optional<QuestionVector>> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<QuestionVector>> eldest) {
            return size() > CAPACITY;
        }
    };

    public VectorCache(QuestionVectors vectors) {
        this.vectors = vectors;
    }

    /** {@code text}'s vector, or empty (blank, or no model). */
    public Optional<QuestionVector> vector(String text) {
        return vectors(List.of(text)).get(0);
    }

    /** Each text's vector, in order; the texts not seen yet are embedded in one batch. */
    public List<Optional<QuestionVector>> vectors(List<String> texts) {
        List<String> missing = new ArrayList<>();
        synchronized (cache) {
            for (String t : texts) {
                if (!cache.containsKey(key(t)) && !missing.contains(key(t))) {
                    missing.add(key(t));
                }
            }
        }
        if (!missing.isEmpty()) {
            List<Optional<QuestionVector>> computed;
            try {
                computed = vectors.vectors(missing);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(VectorCache.class).warn("question vectors failed: {}",
                        e.toString());
                return texts.stream().map(t -> Optional.<QuestionVector>empty()).toList(); // not kept: try again later
            }
            synchronized (cache) {
                for (int i = 0; i < missing.size(); i++) {
                    cache.put(missing.get(i), computed.get(i));
                }
            }
        }
        synchronized (cache) {
            List<Optional<QuestionVector>> out = new ArrayList<>(texts.size());
            for (String t : texts) {
                Optional<QuestionVector> v = cache.get(key(t));
                out.add(v == null ? Optional.empty() : v); // evicted by a batch larger than the cache
            }
            return out;
        }
    }

    private static String key(String text) {
        return text == null ? "" : text.strip();
    }
}
