package dev.baton.knowledge.search;

/**
 * The knobs of hybrid ranking (see {@code docs/knowledge.md} for how the defaults were chosen on the ATEC dev set).
 *
 * <p>Hybrid score of a phrasing document {@code d} for query {@code q}:
 * <pre>
 *   fused = (1 + s(q, d) − hubnessWeight · hub(d)) / 2  +  bm25Weight · bm25 / (bm25 + bm25Saturation)
 *   s(q, d) = cos(q, d) + answerWeight · (cos(q, answer(d)) − mean over the kNN candidates of cos(q, answer))
 * </pre>
 * where {@code cos} is exact for every candidate of either list (BM25-only candidates get their vector read from
 * the index), {@code hub(d)} is the document's hubness (see {@code Hubness}), and {@code bm25} is the entry's raw
 * BM25 score (0 when BM25 did not retrieve it), squashed into [0, 1). An entry scores as its best phrasing. The answer
 * term ({@link AnswerEvidence}) is 0 for entries without an answer vector.
 *
 * @param bm25Depth      documents taken from BM25
 * @param knnDepth       documents taken from the HNSW graph
 * @param hubnessWeight  share of the hubness subtracted from the cosine (0 = plain cosine)
 * @param bm25Weight     weight of the squashed BM25 score
 * @param bm25Saturation BM25 score that counts as half-way to a perfect lexical match
 * @param bodyBoost      BM25 weight of answer text relative to the question
 * @param categoryBoost  BM25 weight of the category path relative to the question
 * @param answerWeight   weight of the answer's centred cosine in the entry's score (0 = the question alone)
 */
public record FusionWeights(int bm25Depth, int knnDepth, double hubnessWeight, double bm25Weight, double bm25Saturation,
                            double bodyBoost, double categoryBoost, double answerWeight) {

    public FusionWeights {
        if (bm25Depth < 1 || knnDepth < 1) {
            throw new IllegalArgumentException("depths must be positive");
        }
        if (hubnessWeight < 0 || bm25Weight < 0 || bm25Saturation <= 0 || bodyBoost < 0 || categoryBoost < 0
                || !(answerWeight >= 0) || answerWeight > 2) {
            throw new IllegalArgumentException("weights must not be negative");
        }
    }

    /** The answer weight measured in docs/agent.md ("the answer's evidence"); off by default ({@link #defaults()}). */
    public static final double MEASURED_ANSWER_WEIGHT = 0.5;

    /**
     * The tuned defaults. The answer's evidence is off ({@code answerWeight} 0): it raised the conversation suite's
     * fold A but not its held-out fold B, and lowered in-scope answers on the abstention and retrieval files, whose
     * answers are placeholders (docs/agent.md); {@code -Dbaton.fusion.answerWeight=0.5} turns it on.
     */
    public static FusionWeights defaults() {
        return new FusionWeights(50, 50, 0.5, 0.005, 20, 0.3, 0.2, 0);
    }

    /** The same with another weight for the answer's evidence (0 = the question alone). */
    public FusionWeights withAnswerWeight(double weight) {
        return new FusionWeights(bm25Depth, knnDepth, hubnessWeight, bm25Weight, bm25Saturation, bodyBoost,
                categoryBoost, weight);
    }

    /** Whether entries' answers are embedded and used ({@code answerWeight > 0}). */
    public boolean usesAnswers() {
        return answerWeight > 0;
    }

    /** Defaults overridden by system properties {@code baton.fusion.<component>} (for tuning runs). */
    public static FusionWeights fromSystemProperties() {
        FusionWeights d = defaults();
        return new FusionWeights(
                Integer.getInteger("baton.fusion.bm25Depth", d.bm25Depth),
                Integer.getInteger("baton.fusion.knnDepth", d.knnDepth),
                dbl("baton.fusion.hubnessWeight", d.hubnessWeight),
                dbl("baton.fusion.bm25Weight", d.bm25Weight),
                dbl("baton.fusion.bm25Saturation", d.bm25Saturation),
                dbl("baton.fusion.bodyBoost", d.bodyBoost),
                dbl("baton.fusion.categoryBoost", d.categoryBoost),
                dbl("baton.fusion.answerWeight", d.answerWeight));
    }

    private static double dbl(String key, double fallback) {
        String v = System.getProperty(key);
        return v == null ? fallback : Double.parseDouble(v);
    }
}
