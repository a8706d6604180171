package dev.baton.knowledge.result;

/** Which retrievers a search runs. Production uses {@link #HYBRID}; the others exist for evaluation. */
public enum RetrievalMode {
    /** BM25 and kNN candidates, fused by score (see {@code docs/knowledge.md}). */
    HYBRID,
    /** Lexical only (SmartChinese + CJK bigrams + English); hits are never confident. */
    BM25,
    /** Dense only: kNN over the embedding vectors. */
    DENSE
}
