package dev.baton.knowledge.search;

import dev.baton.knowledge.embed.Embedders;
import dev.baton.knowledge.index.DocLanguage;
import dev.baton.knowledge.index.IndexContent;
import dev.baton.knowledge.index.Threshold;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When the knowledge answers: the threshold a question's best entry must reach, calibrated on each index and for
 * each language instead of a fixed cosine floor.
 *
 * <p>A fixed floor does not carry over: the same unrelated English question scores 0.72 against an English FAQ with the
 * Chinese model and 0.67 with the English one, a Chinese general-knowledge question 0.42 against a Chinese FAQ, and the
 * best of a question's matches grows with the size and density of the knowledge. So each index measures it: the
 * reference questions of a language ({@link ReferenceQuestions}: general-knowledge questions no business answers) are
 * searched on the route that language's customers take ({@link Route}), and their best cosines give a mean and a
 * standard deviation: how well text that is <em>not</em> about the business matches this knowledge. A customer's
 * question is answered from an entry only when its cosine to that entry's vector (see {@code EntryDocuments}) is
 * {@link #sds()} standard deviations above that mean:
 *
 * <pre>
 *   threshold(route) = mean(best cos of the reference questions) + sds · sd(best cos of the reference questions)
 *   agreeing(route)  = mean + agreeingSds · sd     for the entry that BM25 ranks first too
 * </pre>
 *
 * <p>Two independent searches that pick the same entry are better evidence than the dense one alone: when the lexical
 * (BM25) search ranks the entry first as well, {@link #agreeingSds()} standard deviations suffice.
 *
 * <p>With the default 4 that is, on the development sets, 0.81 for an English FAQ of 60 entries with the English model
 * and 0.69 for a Chinese FAQ of 5,884 entries (see {@code docs/knowledge.md}). The thresholds are computed at the end
 * of every sync that changes the index (a few hundred nearest-neighbour searches) and kept in the manifest.
 *
 * @param sds         standard deviations above the reference questions' mean best cosine
 * @param agreeingSds the same when BM25 ranks the entry first too; at most {@code sds}
 */
public record Abstention(double sds, double agreeingSds) {

    /** The default: chosen on fold A of the English and Chinese development sets (docs/knowledge.md). */
    public static final double DEFAULT_SDS = 4.0;
    /** The default when BM25 agrees: chosen on fold A likewise. */
    public static final double DEFAULT_AGREEING_SDS = 3.5;

    public Abstention {
        if (!(sds >= 0) || sds > 20 || !(agreeingSds >= 0) || agreeingSds > sds) {
            throw new IllegalArgumentException("need 0 <= agreeingSds <= sds <= 20, got " + agreeingSds + ", " + sds);
        }
    }

    /** The defaults. */
    public static Abstention defaults() {
        return new Abstention(DEFAULT_SDS, DEFAULT_AGREEING_SDS);
    }

    /**
     * The defaults, or {@code -Dbaton.abstain.sds} and {@code -Dbaton.abstain.agreeing-sds} (for tuning runs of the
     * evaluations).
     */
    public static Abstention fromSystemProperties() {
        return new Abstention(dbl("baton.abstain.sds", DEFAULT_SDS),
                dbl("baton.abstain.agreeing-sds", DEFAULT_AGREEING_SDS));
    }

    private static double dbl(String key, double fallback) {
        String v = System.getProperty(key);
        return v == null ? fallback : Double.parseDouble(v);
    }

    /** The thresholds of the routes Chinese and English questions take through the index {@code searcher} sees. */
    public Map<String, Threshold> calibrate(IndexSearcher searcher, IndexContent content, Embedders embedders,
                                            ReferenceQuestions references) throws IOException {
        Map<String, Threshold> out = new LinkedHashMap<>();
        if (content.isEmpty()) {
            return out;
        }
        for (DocLanguage language : DocLanguage.values()) {
            Route route = Route.of(language, content);
            List<Double> best = new ArrayList<>();
            for (float[] v : references.vectors(language, route.model(embedders))) {
                // a deeper search than the one nearest document asked for: the graph search is approximate
                KnnFloatVectorQuery nearest = new KnnFloatVectorQuery(route.vectorField(), v, 16, route.filterQuery());
                ScoreDoc[] top = searcher.search(nearest, 1).scoreDocs;
                if (top.length > 0) {
                    best.add(2.0 * top[0].score - 1); // DOT_PRODUCT score is (1 + cos) / 2
                }
            }
            if (best.size() < 2) {
                continue;
            }
            double mean = best.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double var = best.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / best.size();
            double sd = Math.sqrt(var);
            out.put(route.key(), new Threshold(route.key(), best.size(), round(mean), round(sd),
                    round(Math.min(1.0, mean + sds * sd)), round(Math.min(1.0, mean + agreeingSds * sd))));
        }
        return out;
    }

    private static double round(double x) {
        return Math.round(x * 1e4) / 1e4;
    }
}
