package dev.baton.knowledge.search;

import dev.baton.knowledge.index.DocLookup;
import org.apache.lucene.index.LeafReaderContext;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an FAQ entry's <em>answer</em> adds to its question as evidence that it answers a customer's message.
 *
 * <p>Customers describe their situation in their own words ("can I call the guy delivering it?"), and those words are
 * often in the answer rather than in the question ("tap Call rider on the tracking page"), or the answer tells apart
 * questions that read alike ("What time can I order groceries?" and "How do I track my order?" are equally close to
 * "where's my food at?", only one answer speaks of where the rider is). So every FAQ answer has a vector of its own
 * (same model as the route's questions) and the entry's score becomes
 *
 * <pre>
 *   s(q, entry) = cos(q, question vector) + w · (cos(q, answer vector) − mean of cos(q, answer vector) over the
 *                                                                       question's kNN candidates)
 * </pre>
 *
 * <p>The answer term is <b>centred on the query's candidates</b>: it says how much better this answer fits than the
 * answers of the entries around it, not how long or generic the answer is. An FAQ whose answers are all the same
 * text (a standard reply) therefore gets no answer evidence at all, and the score is the question's cosine as before;
 * answers that differ only in an id or a code still differ a little, and add that little as noise. {@link Abstention} calibrates the threshold on the same {@code s} (the reference questions are scored
 * the same way), so the rule "clearly closer than off-topic text comes" keeps its meaning. A document chunk's one
 * vector reads its title and text, so it is its answer vector too (chunks and FAQ entries compete on the same terms);
 * an FAQ entry without an answer text gets no answer term.
 */
final class AnswerEvidence {

    private final Map<Integer, Double> answerCosines;
    private final double baseline;
    private final double weight;

    private AnswerEvidence(Map<Integer, Double> answerCosines, double baseline, double weight) {
        this.answerCosines = answerCosines;
        this.baseline = baseline;
        this.weight = weight;
    }

    /** No answer evidence: {@link #score} is the question's cosine. */
    static final AnswerEvidence NONE = new AnswerEvidence(Map.of(), 0, 0);

    /**
     * The answer cosines of {@code docs} (vector documents) for the unit query vector {@code q}, centred on the mean
     * over {@code knnDocs} (the documents the nearest-neighbour search returned for {@code q}).
     */
    static AnswerEvidence of(List<LeafReaderContext> leaves, Collection<Integer> docs, Collection<Integer> knnDocs,
                             float[] q, String answerField, double weight) throws IOException {
        if (weight <= 0 || docs.isEmpty()) {
            return NONE;
        }
        Map<Integer, float[]> vectors = DocLookup.vectorsOf(leaves, docs, answerField);
        if (vectors.isEmpty()) {
            return NONE;
        }
        Map<Integer, Double> cosines = new HashMap<>(vectors.size() * 2);
        vectors.forEach((doc, v) -> cosines.put(doc, dot(q, v)));
        double sum = 0;
        int n = 0;
        for (int d : knnDocs) {
            Double c = cosines.get(d);
            if (c != null) {
                sum += c;
                n++;
            }
        }
        if (n == 0) {
            return NONE;
        }
        return new AnswerEvidence(cosines, sum / n, weight);
    }

    /** The entry score {@code s} of a vector document whose question cosine is {@code cos}. */
    double score(int doc, double cos) {
        Double a = answerCosines.get(doc);
        return a == null ? cos : cos + weight * (a - baseline);
    }

    private static double dot(float[] q, float[] v) {
        if (q.length != v.length) {
            return 0;
        }
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += q[i] * v[i];
        }
        return s;
    }
}
