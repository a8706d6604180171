package dev.baton.core.triage;

import dev.baton.core.conversation.TriageSignals;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained multinomial logistic regression over {@link SentimentFeatures}, for English messages: three linear scores
 * (negative, neutral, positive) and a softmax. The weights are a small class path resource written by
 * {@code SentimentTrain} (module {@code baton-tools}, Tribuo) from a hand-written corpus; see docs/agent.md. Immutable and
 * thread-safe; a prediction is a few dozen map look-ups (microseconds).
 *
 * <p>Resource format: {@code # comment} lines, then {@code feature<TAB>w_negative<TAB>w_neutral<TAB>w_positive}; the
 * feature {@code BIAS} is the intercept; the line {@code CORPUS_SHARE} holds each class's share of the training corpus
 * (for the prior correction). Features the file does not name weigh nothing.
 */
final class SentimentClassifier {

    static final List<TriageSignals.Polarity> CLASSES = List.of(TriageSignals.Polarity.NEGATIVE,
            TriageSignals.Polarity.NEUTRAL, TriageSignals.Polarity.POSITIVE);
    static final String BIAS = "BIAS";
    /** Pseudo-feature holding each class's share of the training corpus (not a weight). */
    static final String CORPUS_SHARE = "CORPUS_SHARE";

    private final Map<String, double[]> weights;
    private final double[] corpusShare;
    private final boolean embeddings;

    SentimentClassifier(Map<String, double[]> weights) {
        Map<String, double[]> w = new HashMap<>(weights);
        double[] share = w.remove(CORPUS_SHARE);
        this.corpusShare = share == null ? new double[]{1, 1, 1} : share;
        this.weights = Map.copyOf(w);
        this.embeddings = weights.keySet().stream().anyMatch(k -> k.startsWith("e:"));
    }

    /** Whether the weights were trained with sentence-embedding features ({@code e:i}). */
    boolean needsEmbedding() {
        return embeddings;
    }

    static SentimentClassifier load(String resource) {
        try (InputStream in = SentimentClassifier.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SentimentClassifier read(BufferedReader r) throws IOException {
        Map<String, double[]> w = new HashMap<>();
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] p = line.split("\t");
            if (p.length != 4) {
                throw new IllegalArgumentException("bad weights line: " + line);
            }
            w.put(p[0], new double[]{Double.parseDouble(p[1]), Double.parseDouble(p[2]), Double.parseDouble(p[3])});
        }
        if (!w.containsKey(BIAS)) {
            throw new IllegalArgumentException("weights without " + BIAS);
        }
        return new SentimentClassifier(w);
    }

    /** Class probabilities in the order of {@link #CLASSES}. */
    double[] probabilities(Map<String, Double> features) {
        double[] z = weights.get(BIAS).clone();
        features.forEach((name, value) -> {
            double[] w = weights.get(name);
            if (w != null) {
                for (int k = 0; k < z.length; k++) {
                    z[k] += w[k] * value;
                }
            }
        });
        double max = Math.max(z[0], Math.max(z[1], z[2]));
        double total = 0;
        for (int k = 0; k < z.length; k++) {
            z[k] = Math.exp(z[k] - max);
            total += z[k];
        }
        for (int k = 0; k < z.length; k++) {
            z[k] /= total;
        }
        return z;
    }

    /**
     * The classifier's probabilities moved to the expected class mix and combined with the lexicon's verdict: each
     * class's probability is multiplied by {@code prior / corpus share} (Bayes' rule for a different class balance;
     * {@code prior} null: the corpus's own mix), the lexicon's class's by {@code e^lexiconVote} (a product of the two
     * models, the lexicon counting as one vote of that weight), then renormalised. Polarity is the most probable
     * class; score is P(positive) − P(negative), in -1..1 like the lexicon's, so a confident complaint still reaches
     * the handoff threshold on negative sentiment.
     *
     * @param prior expected share of negative, neutral, positive in the traffic (any positive scale), or null
     */
    TriageSignals.Sentiment classify(String normalised, SentimentScorer.Analysis analysis, float[] embedding,
                                     double lexiconVote, double[] prior) {
        return sentiment(posterior(normalised, analysis, embedding, lexiconVote, prior));
    }

    /** The class probabilities {@link #classify} decides on: moved to the prior, the lexicon's vote counted. */
    double[] posterior(String normalised, SentimentScorer.Analysis analysis, float[] embedding, double lexiconVote,
                       double[] prior) {
        double[] p = probabilities(SentimentFeatures.of(normalised, analysis, embedding));
        if (prior != null) {
            for (int k = 0; k < p.length; k++) {
                p[k] *= prior[k] / corpusShare[k];
            }
        }
        int lex = CLASSES.indexOf(analysis.polarity());
        p[lex] *= Math.exp(lexiconVote);
        double total = p[0] + p[1] + p[2];
        for (int k = 0; k < p.length; k++) {
            p[k] /= total;
        }
        return p;
    }

    /** The most probable class, and P(positive) − P(negative) as the score. */
    static TriageSignals.Sentiment sentiment(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return new TriageSignals.Sentiment(CLASSES.get(best), Math.round((p[2] - p[0]) * 1000) / 1000.0);
    }
}
