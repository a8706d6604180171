/** Retrieval evaluation: recall@1, recall@5, MRR@10 and latency for hybrid, BM25-only and dense-only ranking. */
package dev.baton.knowledge.eval;
