package dev.baton.core.triage;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Trains the English sentiment classifier ({@link SentimentClassifier}) on the hand-written corpus
 * {@code triage/sentiment-en-corpus.tsv} (test resources) with Tribuo's multinomial logistic regression (linear SGD,
 * AdaGrad, fixed seed: the same corpus gives the same weights) and writes the weights resource the runtime reads.
 * <pre>
 * java -cp $CP dev.baton.core.triage.SentimentTrain --write   # rewrites src/main/resources/baton/triage/sentiment-en-model.tsv
 * java -cp $CP dev.baton.core.triage.SentimentTrain --cv      # 5-fold cross-validation on the corpus
 * java -cp $CP dev.baton.core.triage.SentimentTrain --eval FILE.jsonl   # train on the corpus, score a cases file
 * </pre>
 * Run from {@code plugin-core}. Only the corpus is read for training; an eval file is only scored.
 */
public final class SentimentTrain {

    static final String CORPUS = "triage/sentiment-en-corpus.tsv";
    static final Path MODEL_FILE = Path.of("src/main/resources/baton/triage/sentiment-en-model.tsv");
    /** Features seen in fewer corpus rows are dropped (rare bigrams only memorise). */
    static final int MIN_COUNT = Integer.getInteger("sent.mincount", 2);
    static final int EPOCHS = Integer.getInteger("sent.epochs", 10);
    static final double LEARNING_RATE = Double.parseDouble(System.getProperty("sent.lr", "0.1"));
    /** Experiments only: feature families to keep (lex, w, b). */
    static final List<String> FAMILIES = List.of(System.getProperty("sent.families", "lex,w,b").split(","));
    static final long SEED = 20261121L;

    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    record Row(String label, String text) {
    }

    private SentimentTrain() {
    }

    public static void main(String[] args) throws IOException {
        TRIBUO_LOG.setLevel(Level.WARNING);
        List<String> a = List.of(args);
        List<Row> corpus = corpus();
        if (a.contains("--cv")) {
            System.out.printf(Locale.ROOT, "5-fold cross-validation on the corpus (%d rows): accuracy %.4f%n",
                    corpus.size(), crossValidate(corpus, 5));
        }
        if (a.contains("--eval")) {
            SentimentClassifier c = new SentimentClassifier(train(corpus));
            SentimentScorer lexicon = lexicon();
            for (int i = a.indexOf("--eval") + 1; i < a.size() && !a.get(i).startsWith("--"); i++) {
                Path file = Path.of(a.get(i));
                int ok = 0;
                int n = 0;
                ConfusionMatrix m = ConfusionMatrix.empty(List.of("negative", "neutral", "positive"));
                for (JsonNode row : EvalCases.read(file)) {
                    String norm = Texts.normalise(EvalCases.text(row, "text", file));
                    String expected = TriageSignals.Polarity.fromCode(EvalCases.text(row, "sentiment", file)).code();
                    String predicted = c.classify(norm, lexicon.analyse(norm)).polarity().code();
                    m.add(expected, predicted);
                    String lex = lexicon.analyse(norm).polarity().code();
                    if (a.contains("--diff") && !lex.equals(predicted) && file.toString().contains("-A")) {
                        System.err.println(expected + "\tlex=" + lex + "\tclf=" + predicted + "\t" + norm);
                    }
                    ok += predicted.equals(expected) ? 1 : 0;
                    n++;
                }
                System.out.printf(Locale.ROOT, "%s: accuracy %.4f (%d/%d)%n", file, ok / (double) n, ok, n);
                if (a.contains("--confusion")) {
                    System.out.print(m.toTable());
                }
            }
        }
        if (a.contains("--grid")) {
            grid(new SentimentClassifier(train(corpus)), Path.of(a.get(a.indexOf("--grid") + 1)));
        }
        if (a.contains("--write")) {
            Files.writeString(MODEL_FILE, render(train(corpus), corpus.size()));
            System.out.println("wrote " + MODEL_FILE);
        }
    }

    /** Experiments: accuracy of argmax(log p + shift·[negative] + lambda·[lexicon's class]) over a grid. */
    static void grid(SentimentClassifier c, Path file) {
        SentimentScorer lexicon = lexicon();
        List<double[]> logp = new ArrayList<>();
        List<Integer> lex = new ArrayList<>();
        List<Integer> gold = new ArrayList<>();
        for (JsonNode row : EvalCases.read(file)) {
            String norm = Texts.normalise(EvalCases.text(row, "text", file));
            SentimentScorer.Analysis an = lexicon.analyse(norm);
            double[] p = c.probabilities(SentimentFeatures.of(norm, an));
            for (int k = 0; k < 3; k++) {
                p[k] = Math.log(p[k]);
            }
            logp.add(p);
            lex.add(SentimentClassifier.CLASSES.indexOf(an.polarity()));
            gold.add(SentimentClassifier.CLASSES.indexOf(
                    TriageSignals.Polarity.fromCode(EvalCases.text(row, "sentiment", file))));
        }
        System.out.println(file + " rows: neg shift, columns: lambda 0 0.5 1 1.5 2 3 5");
        for (double shift : new double[]{0, 0.25, 0.5, 0.75, 1.0, 1.5}) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%5.2f", shift));
            for (double lambda : new double[]{0, 0.5, 1, 1.5, 2, 3, 5}) {
                int ok = 0;
                for (int i = 0; i < gold.size(); i++) {
                    int best = -1;
                    double bestV = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < 3; k++) {
                        double v = logp.get(i)[k] + (k == 0 ? shift : 0) + (k == lex.get(i) ? lambda : 0);
                        if (v > bestV) {
                            bestV = v;
                            best = k;
                        }
                    }
                    ok += best == gold.get(i) ? 1 : 0;
                }
                b.append(String.format(Locale.ROOT, " %.3f", ok / (double) gold.size()));
            }
            System.out.println(b);
        }
    }

    /** The corpus from the test class path. */
    static List<Row> corpus() {
        try (InputStream in = SentimentTrain.class.getClassLoader().getResourceAsStream(CORPUS)) {
            if (in == null) {
                throw new IllegalStateException("missing " + CORPUS);
            }
            List<Row> rows = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                rows.add(new Row(TriageSignals.Polarity.fromCode(line.substring(0, tab)).code(),
                        line.substring(tab + 1)));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lexicon scorer whose readings are features: the configured lexicon, without any classifier. */
    static SentimentScorer lexicon() {
        return new SentimentScorer(TriageConfig.defaults().sentiment(), null);
    }

    /** Feature weights (feature → negative, neutral, positive), {@link SentimentClassifier#BIAS} included. */
    static Map<String, double[]> train(List<Row> rows) {
        SentimentScorer lexicon = lexicon();
        List<Map<String, Double>> features = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        for (Row row : rows) {
            String norm = Texts.normalise(row.text());
            Map<String, Double> f = SentimentFeatures.of(norm, lexicon.analyse(norm));
            features.add(f);
            f.keySet().forEach(k -> counts.merge(k, 1, Integer::sum));
        }
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("baton sentiment-en-corpus", labels), labels);
        for (int i = 0; i < rows.size(); i++) {
            List<String> names = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            features.get(i).forEach((k, v) -> {
                if ((counts.get(k) >= MIN_COUNT || k.startsWith("lex:"))
                        && FAMILIES.contains(k.substring(0, k.indexOf(':')))) {
                    names.add(k);
                    values.add(v);
                }
            });
            data.add(new ArrayExample<>(new Label(rows.get(i).label()), names.toArray(String[]::new),
                    values.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(LEARNING_RATE, 0.1),
                EPOCHS, Integer.MAX_VALUE, 1, SEED);
        LinearSGDModel model = trainer.train(data);
        DenseMatrix w = model.getWeightsCopy(); // one row per class, one column per feature, the bias last
        ImmutableFeatureMap fm = model.getFeatureIDMap();
        ImmutableOutputInfo<Label> out = model.getOutputIDInfo();
        int[] row = new int[SentimentClassifier.CLASSES.size()];
        for (int k = 0; k < row.length; k++) {
            row[k] = out.getID(new Label(SentimentClassifier.CLASSES.get(k).code()));
        }
        Map<String, double[]> weights = new TreeMap<>();
        for (int j = 0; j < fm.size(); j++) {
            double[] v = new double[row.length];
            for (int k = 0; k < row.length; k++) {
                v[k] = w.get(row[k], j);
            }
            weights.put(fm.get(j).getName(), v);
        }
        double[] bias = new double[row.length];
        for (int k = 0; k < row.length; k++) {
            bias[k] = w.get(row[k], fm.size());
        }
        weights.put(SentimentClassifier.BIAS, bias);
        return weights;
    }

    /** Accuracy of k-fold cross-validation over the corpus (rows dealt round-robin into folds). */
    static double crossValidate(List<Row> rows, int k) {
        SentimentScorer lexicon = lexicon();
        int ok = 0;
        for (int fold = 0; fold < k; fold++) {
            List<Row> train = new ArrayList<>();
            List<Row> test = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                (i % k == fold ? test : train).add(rows.get(i));
            }
            SentimentClassifier c = new SentimentClassifier(train(train));
            for (Row r : test) {
                String norm = Texts.normalise(r.text());
                ok += c.classify(norm, lexicon.analyse(norm)).polarity().code().equals(r.label()) ? 1 : 0;
            }
        }
        return ok / (double) rows.size();
    }

    /** The weights resource: a header, then one line per feature with 4-decimal weights; zero rows left out. */
    static String render(Map<String, double[]> weights, int rows) {
        StringBuilder b = new StringBuilder();
        b.append("# English sentiment classifier for Baton (SentimentClassifier): multinomial logistic regression.\n");
        b.append("# Trained by SentimentTrain (test scope, Tribuo LinearSGD, LogMulticlass, AdaGrad ")
                .append(LEARNING_RATE).append(", ").append(EPOCHS).append(" epochs, seed ").append(SEED)
                .append(", features in >= ").append(MIN_COUNT).append(" rows)\n");
        b.append("# on the hand-written corpus triage/sentiment-en-corpus.tsv (").append(rows)
                .append(" rows). Do not edit: retrain.\n");
        b.append("# feature\tnegative\tneutral\tpositive\n");
        weights.forEach((name, v) -> {
            String line = String.format(Locale.ROOT, "%s\t%.4f\t%.4f\t%.4f", name, v[0], v[1], v[2]);
            if (!line.endsWith("\t0.0000\t0.0000\t0.0000")) {
                b.append(line.replace("-0.0000", "0.0000")).append('\n');
            }
        });
        return b.toString();
    }

    /** The classifier as the runtime would load it from {@link #render}ed weights. */
    static SentimentClassifier reload(String rendered) {
        try {
            return SentimentClassifier.read(new BufferedReader(new StringReader(rendered)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
