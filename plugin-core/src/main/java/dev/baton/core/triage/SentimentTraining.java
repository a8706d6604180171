package dev.baton.core.triage;

import dev.baton.core.conversation.TriageSignals;

import dev.baton.text.Texts;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The runtime's side of training the English sentiment classifier offline: the lexicon scorer's reading of a message,
 * the classifier's features and a classifier over given weights, each computed exactly as triage computes them at run
 * time, so that the trainer ({@code dev.baton.tools.triage.SentimentTrain} in the {@code baton-tools} module, with
 * Tribuo) and prediction cannot drift. The shipped code only reads the weights the trainer writes.
 *
 * <p>Texts are raw customer messages; they are normalised here ({@link Texts#normalise(String)}). The lexicon is the
 * built-in one ({@link TriageConfig#defaults()}). Immutable and thread-safe.
 */
public final class SentimentTraining {

    /** The classes in the order of a weight row and of {@link Classifier#probabilities}: negative, neutral, positive. */
    public static final List<TriageSignals.Polarity> CLASSES = SentimentClassifier.CLASSES;
    /** The intercept's feature name in a weights file. */
    public static final String BIAS = SentimentClassifier.BIAS;
    /** The pseudo-feature holding each class's share of the training corpus (not a weight). */
    public static final String CORPUS_SHARE = SentimentClassifier.CORPUS_SHARE;

    private final SentimentScorer lexicon = SentimentScorer.lexiconOnly(TriageConfig.defaults().sentiment());

    /** The built-in lexicon's sentiment of {@code text}, without any classifier. */
    public TriageSignals.Sentiment lexicon(String text) {
        return lexicon.score(Texts.normalise(text));
    }

    /**
     * The classifier's features of {@code text}, sorted by name.
     *
     * @param embedding the unit sentence embedding of {@link #embeddingText(String)} for the embedding variant, or null
     */
    public Map<String, Double> features(String text, float[] embedding) {
        String norm = Texts.normalise(text);
        return SentimentFeatures.of(norm, lexicon.analyse(norm), embedding);
    }

    /** The text whose sentence embedding the embedding variant reads (normalised; handles and links dropped). */
    public static String embeddingText(String text) {
        return SentimentFeatures.embeddingText(Texts.normalise(text));
    }

    /** The vector scaled to unit length, as triage scales the English model's embeddings. */
    public static float[] unit(float[] vector) {
        return Vectors.unit(vector);
    }

    /**
     * What triage answers for {@code text} with this classifier alone.
     *
     * @param embedding   as for {@link #features}; needed when {@link Classifier#needsEmbedding()}
     * @param lexiconVote the lexicon's class gets the classifier's probability times e^this
     * @param prior       expected share of negative, neutral, positive, or null for the corpus's own
     */
    public TriageSignals.Sentiment classify(Classifier classifier, String text, float[] embedding, double lexiconVote,
                                            double[] prior) {
        String norm = Texts.normalise(text);
        return classifier.classifier.classify(norm, lexicon.analyse(norm), embedding, lexiconVote, prior);
    }

    /** A classifier over {@code weights} (feature → negative, neutral, positive; {@link #BIAS} included). */
    public static Classifier classifier(Map<String, double[]> weights) {
        return new Classifier(new SentimentClassifier(weights));
    }

    /** A classifier as the runtime loads it from a weights file's text. */
    public static Classifier read(BufferedReader weights) throws IOException {
        return new Classifier(SentimentClassifier.read(weights));
    }

    /** A trained classifier, as triage uses it. */
    public static final class Classifier {

        private final SentimentClassifier classifier;

        private Classifier(SentimentClassifier classifier) {
            this.classifier = classifier;
        }

        /** Class probabilities in the order of {@link #CLASSES}. */
        public double[] probabilities(Map<String, Double> features) {
            return classifier.probabilities(features);
        }

        /** Whether the weights were trained with sentence-embedding features. */
        public boolean needsEmbedding() {
            return classifier.needsEmbedding();
        }
    }
}
