package dev.baton.knowledge.search;

import dev.baton.knowledge.result.Citation;
import dev.baton.knowledge.embed.Embedders;
import dev.baton.knowledge.result.KnowledgeHit;
import dev.baton.knowledge.result.RetrievalMode;
import dev.baton.knowledge.result.SearchResult;
import dev.baton.knowledge.index.DocLanguage;
import dev.baton.knowledge.index.EntryDocuments;
import dev.baton.knowledge.index.DocLookup;
import dev.baton.knowledge.index.IndexFields;
import dev.baton.knowledge.index.KnowledgeAnalyzers;
import dev.baton.knowledge.index.KnowledgeIndex;
import dev.baton.knowledge.index.TextNormalizer;
import dev.baton.knowledge.index.Threshold;
import dev.baton.text.Texts;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.QueryBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one query against the index: the {@link Route} of its language, BM25 over the analysed shadow fields, kNN over
 * the route's vectors, de-duplication by entry id, exact dense re-scoring of BM25-only candidates (by the entry's
 * vector when the phrasing BM25 found has none), the answer's evidence ({@link AnswerEvidence}), the fusion of
 * {@link FusionWeights}, and whether each hit is confident: its score reaches the route's calibrated threshold
 * ({@link Abstention}; a lower one for the entry BM25 ranks first too), or its vector score reaches the operator's
 * fixed floor when one is set. Thread-safe; every call acquires and releases its own searcher.
 */
public final class HybridSearcher {

    private static final int MAX_QUERY_CHARS = 256;
    private static final Set<String> STORED = Set.of(IndexFields.ID, IndexFields.FILE, IndexFields.S_QUESTION,
            IndexFields.S_ANSWER, IndexFields.S_CATEGORY, IndexFields.S_HEADING, IndexFields.S_ROW);

    private final KnowledgeIndex index;
    private final Embedders embedders;
    private final TextNormalizer normalizer;
    private final FusionWeights weights;
    private final QueryBuilder queryBuilder;

    public HybridSearcher(KnowledgeIndex index, Embedders embedders, TextNormalizer normalizer, FusionWeights weights) {
        this.index = index;
        this.embedders = embedders;
        this.normalizer = normalizer;
        this.weights = weights;
        Analyzer analyzer = KnowledgeAnalyzers.perField();
        this.queryBuilder = new QueryBuilder(analyzer);
    }

    /** One entry's evidence, merged over its phrasings. */
    private static final class Candidate {
        final String id;
        int doc = -1;
        int bm25Rank;
        float bm25;
        double vectorScore;
        double dense = Double.NEGATIVE_INFINITY;
        double fused;

        Candidate(String id) {
            this.id = id;
        }
    }

    /**
     * The top {@code k} entries for {@code query}; never throws for "nothing relevant".
     *
     * @param calibration the index's languages and thresholds
     * @param scoreFloor  the operator's fixed floor on {@code (1 + cos) / 2}, or {@code null} for the calibrated
     *                    threshold
     */
    public SearchResult search(String query, int k, RetrievalMode mode, Calibration calibration, Double scoreFloor) {
        if (query == null || query.isBlank() || k <= 0) {
            return SearchResult.empty(query);
        }
        // A customer message longer than this is not a question; the cap bounds embedding and BM25 cost.
        String text = query.length() > MAX_QUERY_CHARS ? query.substring(0, MAX_QUERY_CHARS) : query;
        try {
            IndexSearcher searcher = index.acquire();
            try {
                Route route = calibration.route(DocLanguage.of(text));
                Optional<Threshold> t = calibration.threshold(route);
                double floor = scoreFloor != null ? scoreFloor
                        : t.map(x -> (1 + x.cosine()) / 2).orElse(Double.POSITIVE_INFINITY);
                double agreeing = scoreFloor != null ? scoreFloor : t.map(x -> (1 + x.agreeing()) / 2).orElse(floor);
                SearchResult result = run(searcher, text, k, mode, route, floor, agreeing);
                List<String> uncovered = result.confident()
                        ? Coverage.uncovered(searcher, Texts.simplified(
                        java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC))) : List.of();
                return new SearchResult(query, result.hits(), floor, uncovered);
            } finally {
                index.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SearchResult run(IndexSearcher searcher, String query, int k, RetrievalMode mode, Route route, double floor,
                             double agreeing) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        ScoreDoc[] lexicalDocs = new ScoreDoc[0];
        ScoreDoc[] knnDocs = new ScoreDoc[0];
        float[] q = null;
        if (mode != RetrievalMode.DENSE) {
            Query lexical = lexicalQuery(normalizer.lexical(query), route.filterQuery());
            if (lexical != null) {
                lexicalDocs = searcher.search(lexical, Math.max(weights.bm25Depth(), k * 3)).scoreDocs;
            }
        }
        if (mode != RetrievalMode.BM25) {
            q = EntryDocuments.unit(route.model(embedders).embed(Texts.dense(query)).content().vector());
            int depth = Math.max(weights.knnDepth(), k * 3);
            knnDocs = searcher.search(new KnnFloatVectorQuery(route.vectorField(), q, depth, route.filterQuery()),
                    depth).scoreDocs;
        }
        Set<Integer> docs = new HashSet<>();
        for (ScoreDoc sd : lexicalDocs) {
            docs.add(sd.doc);
        }
        for (ScoreDoc sd : knnDocs) {
            docs.add(sd.doc);
        }
        Map<Integer, String> ids = DocLookup.idsOf(leaves, docs);
        Map<String, Candidate> byId = new LinkedHashMap<>();
        Map<Integer, Candidate> byDoc = new HashMap<>();
        int rank = 0;
        for (ScoreDoc sd : lexicalDocs) {
            Candidate c = byId.computeIfAbsent(ids.get(sd.doc), Candidate::new);
            byDoc.put(sd.doc, c);
            if (c.bm25Rank == 0) {
                c.bm25Rank = ++rank;
                c.bm25 = sd.score;
                c.doc = sd.doc;
            }
        }
        if (q != null) {
            Map<Integer, Double> cosines = new HashMap<>();
            for (ScoreDoc sd : knnDocs) {
                cosines.put(sd.doc, 2.0 * sd.score - 1);
                byDoc.computeIfAbsent(sd.doc, d -> byId.computeIfAbsent(ids.get(d), Candidate::new));
            }
            if (mode == RetrievalMode.HYBRID) {
                exactCosines(leaves, byDoc.keySet(), cosines, q, route.vectorField());
                // only an entry's first phrasing of a language carries its vector: find it for the others
                Set<Candidate> scored = new HashSet<>();
                cosines.keySet().forEach(d -> scored.add(byDoc.get(d)));
                List<Integer> vectorDocs = new ArrayList<>();
                for (Candidate c : byId.values()) {
                    int d = scored.contains(c) ? -1
                            : DocLookup.vectorDoc(searcher, c.id, route.vectorField(), route.filterQuery());
                    if (d >= 0) {
                        byDoc.put(d, c);
                        vectorDocs.add(d);
                    }
                }
                exactCosines(leaves, vectorDocs, cosines, q, route.vectorField());
            }
            double hubnessWeight = mode == RetrievalMode.HYBRID ? weights.hubnessWeight() : 0;
            Map<Integer, Float> hubs = hubnessWeight > 0 ? DocLookup.hubsOf(leaves, cosines.keySet(), route.hubField())
                    : Map.of();
            AnswerEvidence answers = mode != RetrievalMode.HYBRID ? AnswerEvidence.NONE
                    : AnswerEvidence.of(leaves, cosines.keySet(), docIds(knnDocs), q, route.answerField(),
                    weights.answerWeight());
            for (Map.Entry<Integer, Double> e : cosines.entrySet()) {
                Candidate c = byDoc.get(e.getKey());
                double s = answers.score(e.getKey(), e.getValue());
                double hub = hubs.getOrDefault(e.getKey(), 0f);
                double dense = (1 + s - hubnessWeight * hub) / 2;
                c.vectorScore = Math.max(c.vectorScore, (1 + s) / 2);
                if (dense > c.dense) {
                    c.dense = dense;
                    c.doc = e.getKey();
                }
            }
        }
        for (Candidate c : byId.values()) {
            double dense = c.dense == Double.NEGATIVE_INFINITY ? 0 : c.dense;
            c.fused = switch (mode) {
                case BM25 -> c.bm25;
                case DENSE -> dense;
                case HYBRID -> dense + weights.bm25Weight() * c.bm25 / (c.bm25 + weights.bm25Saturation());
            };
        }
        List<Candidate> ranked = new ArrayList<>(byId.values());
        ranked.sort(Comparator.comparingDouble((Candidate c) -> -c.fused).thenComparing(c -> c.id));
        List<KnowledgeHit> hits = new ArrayList<>(Math.min(k, ranked.size()));
        for (Candidate c : ranked.subList(0, Math.min(k, ranked.size()))) {
            boolean close = c.vectorScore >= floor || (c.bm25Rank == 1 && c.vectorScore >= agreeing);
            hits.add(hit(searcher, c, mode != RetrievalMode.BM25 && close));
        }
        return new SearchResult(query, hits, floor);
    }

    private static List<Integer> docIds(ScoreDoc[] docs) {
        List<Integer> out = new ArrayList<>(docs.length);
        for (ScoreDoc sd : docs) {
            out.add(sd.doc);
        }
        return out;
    }

    /** Exact cosines for candidate documents the HNSW search did not return (BM25 only); none without a vector. */
    private static void exactCosines(List<LeafReaderContext> leaves, Collection<Integer> docs,
                                     Map<Integer, Double> cosines, float[] q, String field) throws IOException {
        List<Integer> missing = docs.stream().filter(d -> !cosines.containsKey(d)).sorted().toList();
        int leafIndex = -1;
        FloatVectorValues values = null;
        int docBase = 0;
        for (int doc : missing) {
            int li = ReaderUtil.subIndex(doc, leaves);
            if (li != leafIndex) {
                leafIndex = li;
                values = leaves.get(li).reader().getFloatVectorValues(field);
                docBase = leaves.get(li).docBase;
            }
            if (values == null) {
                continue;
            }
            int target = doc - docBase;
            int at = values.docID() < target ? values.advance(target) : values.docID(); // never advance backwards
            if (at != target) {
                continue; // this phrasing has no vector (only an entry's first phrasing of a language has one)
            }
            float[] v = values.vectorValue();
            double dot = 0;
            for (int i = 0; i < v.length; i++) {
                dot += v[i] * q[i];
            }
            cosines.put(doc, dot);
        }
    }

    private Query lexicalQuery(String text, Query filter) {
        if (text.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int clauses = 0;
        for (String suffix : List.of(IndexFields.ZH, IndexFields.CJK, IndexFields.EN)) {
            clauses += add(b, IndexFields.QUESTION + suffix, text, 1.0);
            clauses += add(b, IndexFields.BODY + suffix, text, weights.bodyBoost());
        }
        clauses += add(b, IndexFields.CATEGORY + IndexFields.ZH, text, weights.categoryBoost());
        if (clauses == 0) {
            return null;
        }
        if (filter == null) {
            return b.build();
        }
        b.setMinimumNumberShouldMatch(1);
        b.add(filter, BooleanClause.Occur.FILTER);
        return b.build();
    }

    private int add(BooleanQuery.Builder b, String field, String text, double boost) {
        if (boost <= 0) {
            return 0;
        }
        Query q = queryBuilder.createBooleanQuery(field, text, BooleanClause.Occur.SHOULD);
        if (q == null) {
            return 0;
        }
        b.add(boost == 1.0 ? q : new BoostQuery(q, (float) boost), BooleanClause.Occur.SHOULD);
        return 1;
    }

    private static KnowledgeHit hit(IndexSearcher searcher, Candidate c, boolean confident) throws IOException {
        Document d = searcher.storedFields().document(c.doc, STORED);
        IndexableField row = d.getField(IndexFields.S_ROW);
        Citation citation = new Citation(d.get(IndexFields.FILE), d.get(IndexFields.S_HEADING),
                row == null ? null : row.numericValue().intValue());
        return new KnowledgeHit(c.id, d.get(IndexFields.S_QUESTION), d.get(IndexFields.S_ANSWER),
                d.get(IndexFields.S_CATEGORY), citation, c.bm25Rank, c.vectorScore, c.fused, confident);
    }
}
