/** Query-time retrieval: BM25 and kNN candidates, exact dense re-scoring, score-aware fusion and the confidence floor. */
package dev.baton.knowledge.search;
