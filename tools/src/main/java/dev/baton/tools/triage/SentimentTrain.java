package dev.baton.tools.triage;

import dev.baton.core.conversation.TriageSignals;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.core.triage.ConfusionMatrix;
import dev.baton.core.triage.EvalCases;
import dev.baton.core.triage.SentimentTraining;
import dev.baton.core.triage.TriageConfig;
import dev.baton.core.conversation.TriageSignals;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.baton.knowledge.embed.InProcessEmbeddings;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Trains the English sentiment classifier on the hand-written corpus
 * {@code plugin-core/src/test/resources/triage/sentiment-en-corpus.tsv} with Tribuo's multinomial logistic regression
 * (linear SGD, log loss, AdaGrad, fixed seed) over the runtime's own features ({@link SentimentTraining}), in two
 * variants: the lexicon's readings and word uni/bigrams (the default), and the same plus the bge-small-en-v1.5
 * (quantised) sentence embedding ({@code english-sentiment: embedding}); and writes the weights resources the runtime
 * reads. Run from the repository root (another corpus with {@code -Dsent.corpus=FILE}):
 * <pre>
 * tools/run.sh triage.SentimentTrain --write              # rewrites both weights files in plugin-core/src/main/resources/baton/triage/
 * tools/run.sh triage.SentimentTrain --cv                 # 5-fold cross-validation on the corpus
 * tools/run.sh triage.SentimentTrain --eval FILE.jsonl... # train on the corpus, score cases files
 * tools/run.sh triage.SentimentTrain --eval FILE.jsonl --errors # also each wrong case (expected, predicted, text) to stderr
 * tools/run.sh triage.SentimentTrain --grid FILE.jsonl    # accuracy over lexicon vote × negative shift
 * </pre>
 * {@code --embedding} makes {@code --cv}, {@code --eval} and {@code --grid} use the embedding variant. Only the corpus is
 * trained on; cases files are only scored. Training takes seconds, plus ~30 s to embed the corpus for the embedding
 * variant.
 */
public final class SentimentTrain {

    /** The corpus on the class path of the tests that check the trainer (plugin-core's test resources). */
    static final String CORPUS = "triage/sentiment-en-corpus.tsv";
    /** The corpus the command line trains on, from the repository root. */
    static final Path CORPUS_FILE = Path.of(System.getProperty("sent.corpus",
            "plugin-core/src/test/resources/" + CORPUS));
    /** The two shipped classifiers: their features and weights file. */
    enum Variant {
        WORDS("sentiment-en-model.tsv", false),
        EMBEDDING("sentiment-en-embedding-model.tsv", true);

        final Path file;
        final boolean embedding;

        Variant(String file, boolean embedding) {
            this.file = Path.of("plugin-core/src/main/resources/baton/triage", file);
            this.embedding = embedding;
        }
    }

    /** Word features seen in fewer corpus rows are dropped (rare bigrams only memorise). */
    static final int MIN_COUNT = Integer.getInteger("sent.mincount", 2);
    static final int EPOCHS = Integer.getInteger("sent.epochs", 10);
    static final double LEARNING_RATE = Double.parseDouble(System.getProperty("sent.lr", "0.1"));
    static final long SEED = Long.getLong("sent.seed", 20261121L);
    /** Runs averaged: one SGD run's accuracy moves by about ±1 point with the shuffling seed; the mean of several does not. */
    static final int RUNS = Integer.getInteger("sent.runs", 10);

    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");
    /** The runtime's lexicon, features and classifier. */
    private static final SentimentTraining RUNTIME = new SentimentTraining();
    private static final Map<String, float[]> EMBEDDINGS = new HashMap<>();

    record Row(String label, String text) {
    }

    private SentimentTrain() {
    }

    public static void main(String[] args) throws IOException {
        List<String> a = List.of(args);
        List<Row> corpus = corpus(CORPUS_FILE);
        Variant variant = a.contains("--embedding") ? Variant.EMBEDDING : Variant.WORDS;
        if (a.contains("--cv")) {
            System.out.printf(Locale.ROOT, "5-fold cross-validation on the corpus (%d rows, %s): accuracy %.4f%n",
                    corpus.size(), variant, crossValidate(corpus, 5, variant));
        }
        SentimentTraining.Classifier c = a.contains("--eval") || a.contains("--grid")
                ? SentimentTraining.classifier(train(corpus, variant)) : null;
        double vote = Double.parseDouble(System.getProperty("sent.vote",
                String.valueOf(TriageConfig.defaults().sentiment().englishLexiconVote())));
        Map<String, Double> priorCfg = TriageConfig.defaults().sentiment().englishClassPrior();
        double[] prior = System.getProperty("sent.noprior") != null || priorCfg.isEmpty() ? null
                : SentimentTraining.CLASSES.stream().mapToDouble(x -> priorCfg.get(x.code())).toArray();
        if (a.contains("--eval")) {
            for (int i = a.indexOf("--eval") + 1; i < a.size() && !a.get(i).startsWith("--"); i++) {
                Path file = Path.of(a.get(i));
                ConfusionMatrix m = ConfusionMatrix.empty(List.of("negative", "neutral", "positive"));
                int ok = 0;
                int n = 0;
                for (JsonNode row : EvalCases.read(file)) {
                    String expected = TriageSignals.Polarity.fromCode(EvalCases.text(row, "sentiment", file)).code();
                    String predicted = classify(c, EvalCases.text(row, "text", file), vote, prior).polarity().code();
                    m.add(expected, predicted);
                    if (a.contains("--errors") && !predicted.equals(expected)) {
                        System.err.printf(Locale.ROOT, "%s\t%s\t%s%n", expected, predicted,
                                EvalCases.text(row, "text", file).replace('\n', ' '));
                    }
                    ok += predicted.equals(expected) ? 1 : 0;
                    n++;
                }
                System.out.printf(Locale.ROOT, "%s: accuracy %.4f (%d/%d), lexicon vote %.2f, prior %s%n", file,
                        ok / (double) n, ok, n, vote, prior == null ? "corpus" : java.util.Arrays.toString(prior));
                if (a.contains("--confusion")) {
                    System.out.print(m.toTable());
                }
            }
        }
        if (a.contains("--grid")) {
            grid(c, Path.of(a.get(a.indexOf("--grid") + 1)));
        }
        if (a.contains("--write")) {
            for (Variant v : Variant.values()) {
                Files.writeString(v.file, render(train(corpus, v), corpus.size(), v));
                System.out.println("wrote " + v.file);
            }
        }
    }

    /** The corpus from the class path ({@link #CORPUS}). */
    static List<Row> corpus() {
        try (InputStream in = SentimentTrain.class.getClassLoader().getResourceAsStream(CORPUS)) {
            if (in == null) {
                throw new IllegalStateException("missing " + CORPUS);
            }
            return corpus(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The corpus from a file. */
    static List<Row> corpus(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return corpus(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the corpus " + file.toAbsolutePath(), e);
        }
    }

    /** Rows {@code label<TAB>text}; blank lines and {@code #} comments skipped. */
    private static List<Row> corpus(BufferedReader r) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            rows.add(new Row(TriageSignals.Polarity.fromCode(line.substring(0, tab)).code(),
                    line.substring(tab + 1)));
        }
        return rows;
    }

    /** The English model the app loads for {@code english-sentiment: embedding} (single-threaded session). */
    static EmbeddingModel model() {
        return InProcessEmbeddings.bgeSmallEnQuantized();
    }

    /** Unit embeddings of embedding texts ({@link SentimentTraining#embeddingText}), in one batch, memoised. */
    static synchronized List<float[]> embed(List<String> normalised) {
        List<String> missing = normalised.stream().filter(t -> !EMBEDDINGS.containsKey(t)).distinct().toList();
        if (!missing.isEmpty()) {
            var vectors = model().embedAll(missing.stream().map(TextSegment::from).toList()).content();
            for (int i = 0; i < missing.size(); i++) {
                EMBEDDINGS.put(missing.get(i), SentimentTraining.unit(vectors.get(i).vector()));
            }
        }
        return normalised.stream().map(EMBEDDINGS::get).toList();
    }

    /** Features of each row, as the runtime computes them. */
    static List<Map<String, Double>> features(List<String> texts, Variant variant) {
        List<float[]> emb = variant.embedding
                ? embed(texts.stream().map(SentimentTraining::embeddingText).toList()) : null;
        List<Map<String, Double>> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            out.add(RUNTIME.features(texts.get(i), emb == null ? null : emb.get(i)));
        }
        return out;
    }

    /** What the runtime would answer for one English text with this classifier. */
    static TriageSignals.Sentiment classify(SentimentTraining.Classifier c, String text, double lexiconVote,
                                            double[] prior) {
        return RUNTIME.classify(c, text,
                c.needsEmbedding() ? embed(List.of(SentimentTraining.embeddingText(text))).get(0) : null,
                lexiconVote, prior);
    }

    /** Feature weights (feature → negative, neutral, positive), {@link SentimentTraining#BIAS} included. */
    static Map<String, double[]> train(List<Row> rows, Variant variant) {
        Map<String, double[]> w = train(rows, features(rows.stream().map(Row::text).toList(), variant));
        double[] share = new double[SentimentTraining.CLASSES.size()];
        rows.forEach(r -> share[classOf(r.label())] += 1.0 / rows.size());
        w.put(SentimentTraining.CORPUS_SHARE, share);
        return w;
    }

    /** Weights from the given features of each row (word features in fewer than {@link #MIN_COUNT} rows dropped). */
    static Map<String, double[]> train(List<Row> rows, List<Map<String, Double>> features) {
        TRIBUO_LOG.setLevel(Level.WARNING);
        Map<String, Integer> counts = new HashMap<>();
        features.forEach(f -> f.keySet().forEach(k -> counts.merge(k, 1, Integer::sum)));
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("baton sentiment-en-corpus", labels), labels);
        for (int i = 0; i < rows.size(); i++) {
            List<String> names = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            features.get(i).forEach((k, v) -> {
                if (counts.get(k) >= MIN_COUNT || !k.startsWith("w:") && !k.startsWith("b:")) {
                    names.add(k);
                    values.add(v);
                }
            });
            data.add(new ArrayExample<>(new Label(rows.get(i).label()), names.toArray(String[]::new),
                    values.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        Map<String, double[]> weights = new TreeMap<>();
        for (int run = 0; run < RUNS; run++) {
            LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(LEARNING_RATE, 0.1),
                    EPOCHS, Integer.MAX_VALUE, 1, SEED + run);
            LinearSGDModel m = trainer.train(data);
            DenseMatrix w = m.getWeightsCopy(); // one row per class, one column per feature, the bias last
            ImmutableFeatureMap fm = m.getFeatureIDMap();
            ImmutableOutputInfo<Label> out = m.getOutputIDInfo();
            int[] row = new int[SentimentTraining.CLASSES.size()];
            for (int k = 0; k < row.length; k++) {
                row[k] = out.getID(new Label(SentimentTraining.CLASSES.get(k).code()));
            }
            for (int j = 0; j <= fm.size(); j++) {
                double[] v = weights.computeIfAbsent(j == fm.size() ? SentimentTraining.BIAS : fm.get(j).getName(),
                        x -> new double[row.length]);
                for (int k = 0; k < row.length; k++) {
                    v[k] += w.get(row[k], j) / RUNS;
                }
            }
        }
        return weights;
    }

    /** Accuracy of k-fold cross-validation over the corpus (rows dealt round-robin into folds), classifier alone. */
    static double crossValidate(List<Row> rows, int k, Variant variant) {
        List<Map<String, Double>> features = features(rows.stream().map(Row::text).toList(), variant);
        int ok = 0;
        for (int fold = 0; fold < k; fold++) {
            List<Row> train = new ArrayList<>();
            List<Map<String, Double>> trainFeatures = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (i % k != fold) {
                    train.add(rows.get(i));
                    trainFeatures.add(features.get(i));
                }
            }
            SentimentTraining.Classifier c = SentimentTraining.classifier(train(train, trainFeatures));
            for (int i = fold; i < rows.size(); i += k) {
                ok += argmax(c.probabilities(features.get(i))) == classOf(rows.get(i).label()) ? 1 : 0;
            }
        }
        return ok / (double) rows.size();
    }

    /** Experiments: accuracy of argmax(log p + shift·[negative] + vote·[lexicon's class]) over a grid. */
    static void grid(SentimentTraining.Classifier c, Path file) {
        List<String> texts = new ArrayList<>();
        List<Integer> gold = new ArrayList<>();
        for (JsonNode row : EvalCases.read(file)) {
            texts.add(EvalCases.text(row, "text", file));
            gold.add(classOf(EvalCases.text(row, "sentiment", file)));
        }
        List<Map<String, Double>> features = features(texts, c.needsEmbedding() ? Variant.EMBEDDING : Variant.WORDS);
        System.out.println(file + " rows: negative shift, columns: lexicon vote 0 0.5 1 1.5 2 3 5");
        for (double shift : new double[]{0, 0.25, 0.5, 0.75, 1.0, 1.5}) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%5.2f", shift));
            for (double vote : new double[]{0, 0.5, 1, 1.5, 2, 3, 5}) {
                int ok = 0;
                for (int i = 0; i < gold.size(); i++) {
                    double[] p = c.probabilities(features.get(i));
                    int lex = SentimentTraining.CLASSES.indexOf(RUNTIME.lexicon(texts.get(i)).polarity());
                    for (int k = 0; k < 3; k++) {
                        p[k] = Math.log(p[k]) + (k == 0 ? shift : 0) + (k == lex ? vote : 0);
                    }
                    ok += argmax(p) == gold.get(i) ? 1 : 0;
                }
                b.append(String.format(Locale.ROOT, " %.3f", ok / (double) gold.size()));
            }
            System.out.println(b);
        }
    }

    private static int classOf(String label) {
        return SentimentTraining.CLASSES.indexOf(TriageSignals.Polarity.fromCode(label));
    }

    private static int argmax(double[] p) {
        return p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
    }

    /** The weights resource: a header, then one line per feature with 4-decimal weights; all-zero rows left out. */
    static String render(Map<String, double[]> weights, int rows, Variant variant) {
        StringBuilder b = new StringBuilder();
        b.append("# English sentiment classifier for Baton (SentimentClassifier): multinomial logistic regression over\n");
        b.append(variant.embedding
                ? "# SentimentFeatures (lexicon readings, word uni/bigrams, bge-small-en-v1.5-q embedding e:0..383).\n"
                : "# SentimentFeatures (lexicon readings, word uni/bigrams).\n");
        b.append("# Trained by SentimentTrain (baton-tools; Tribuo LinearSGD, LogMulticlass, AdaGrad ")
                .append(LEARNING_RATE).append(", ").append(EPOCHS).append(" epochs; mean of ").append(RUNS)
                .append(" runs, seeds ").append(SEED).append("+0..").append(RUNS - 1)
                .append("; word features in >= ").append(MIN_COUNT).append(" rows)\n");
        b.append("# on the hand-written corpus triage/sentiment-en-corpus.tsv (").append(rows)
                .append(" rows). Do not edit: retrain.\n");
        b.append("# feature\tnegative\tneutral\tpositive\n");
        weights.forEach((name, v) -> {
            String line = String.format(Locale.ROOT, "%s\t%.4f\t%.4f\t%.4f", name, v[0], v[1], v[2])
                    .replace("-0.0000", "0.0000");
            if (!line.endsWith("\t0.0000\t0.0000\t0.0000")) {
                b.append(line).append('\n');
            }
        });
        return b.toString();
    }

    /** The classifier as the runtime would load it from {@link #render}ed weights. */
    static SentimentTraining.Classifier reload(String rendered) {
        try {
            return SentimentTraining.read(new BufferedReader(new StringReader(rendered)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
