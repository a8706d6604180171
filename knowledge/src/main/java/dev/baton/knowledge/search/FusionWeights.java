package dev.baton.knowledge.search;

/**
 * The knobs of hybrid ranking (see {@code docs/knowledge.md} for how the defaults were chosen).
 *
 * <p>Hybrid score of an entry = {@code vectorScore + bm25Weight * bm25 / maxBm25}, where {@code vectorScore} is
 * the exact {@code (1 + cosine) / 2} of the query and the entry's best phrasing, computed for every candidate of
 * either list (BM25-only candidates get their vector read from the index), and the BM25 term is the entry's
 * score relative to the best BM25 score of this query (0 when BM25 did not retrieve it).
 *
 * @param bm25Depth     documents taken from BM25
 * @param knnDepth      documents taken from the HNSW graph
 * @param bm25Weight    weight of the normalised BM25 score next to the vector score
 * @param bodyBoost     BM25 weight of answer text relative to the question
 * @param categoryBoost BM25 weight of the category path relative to the question
 */
public record FusionWeights(int bm25Depth, int knnDepth, double bm25Weight, double bodyBoost, double categoryBoost) {

    public FusionWeights {
        if (bm25Depth < 1 || knnDepth < 1) {
            throw new IllegalArgumentException("depths must be positive");
        }
        if (bm25Weight < 0 || bodyBoost < 0 || categoryBoost < 0) {
            throw new IllegalArgumentException("weights must not be negative");
        }
    }

    /** The tuned defaults. */
    public static FusionWeights defaults() {
        return new FusionWeights(50, 50, 0.05, 0.3, 0.2);
    }

    /** Defaults overridden by system properties {@code baton.fusion.<component>} (for tuning runs). */
    public static FusionWeights fromSystemProperties() {
        FusionWeights d = defaults();
        return new FusionWeights(
                Integer.getInteger("baton.fusion.bm25Depth", d.bm25Depth),
                Integer.getInteger("baton.fusion.knnDepth", d.knnDepth),
                dbl("baton.fusion.bm25Weight", d.bm25Weight),
                dbl("baton.fusion.bodyBoost", d.bodyBoost),
                dbl("baton.fusion.categoryBoost", d.categoryBoost));
    }

    private static double dbl(String key, double fallback) {
        String v = System.getProperty(key);
        return v == null ? fallback : Double.parseDouble(v);
    }
}
