package dev.baton.core.triage;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.ArrayList;
import java.util.List;

/**
 * The example utterances of every intent, embedded once at construction. A brute-force scan: a few hundred
 * 512-dimensional dot products take well under a millisecond, so no ANN structure is needed.
 */
final class ExampleIndex {

    private static final int BATCH = 64;

    private final List<String> intentNames = new ArrayList<>();
    private final int[] intentOf;
    private final String[] texts;
    private final float[][] vectors;

    ExampleIndex(List<TriageConfig.IntentDefinition> intents, EmbeddingModel model) {
        List<String> allTexts = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (TriageConfig.IntentDefinition intent : intents) {
            int id = intentNames.size();
            intentNames.add(intent.name());
            for (String ex : intent.examples()) {
                allTexts.add(ex);
                owners.add(id);
            }
        }
        texts = allTexts.toArray(String[]::new);
        intentOf = owners.stream().mapToInt(Integer::intValue).toArray();
        vectors = new float[texts.length][];
        for (int from = 0; from < texts.length; from += BATCH) {
            int to = Math.min(texts.length, from + BATCH);
            List<TextSegment> batch = allTexts.subList(from, to).stream().map(TextSegment::from).toList();
            var embeddings = model.embedAll(batch).content();
            for (int i = from; i < to; i++) {
                vectors[i] = Vectors.unit(embeddings.get(i - from).vector());
            }
        }
    }

    /** Best example of one intent: [similarity, index], or null when the intent has no examples. */
    Nearest nearestOf(String intent, float[] query) {
        Nearest best = null;
        for (int i = 0; i < vectors.length; i++) {
            if (intentNames.get(intentOf[i]).equals(intent)) {
                double s = Vectors.dot(query, vectors[i]);
                if (best == null || s > best.similarity()) {
                    best = new Nearest(intent, s, texts[i]);
                }
            }
        }
        return best;
    }

    /** The intent whose k nearest examples have the highest mean similarity to the query, or null if none. */
    Nearest classify(float[] query, int k) {
        int n = intentNames.size();
        double[][] top = new double[n][k];
        for (double[] row : top) {
            java.util.Arrays.fill(row, Double.NEGATIVE_INFINITY);
        }
        String[] nearestText = new String[n];
        double[] nearestSim = new double[n];
        java.util.Arrays.fill(nearestSim, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < vectors.length; i++) {
            double s = Vectors.dot(query, vectors[i]);
            int owner = intentOf[i];
            double[] row = top[owner];
            int min = 0;
            for (int j = 1; j < k; j++) {
                if (row[j] < row[min]) {
                    min = j;
                }
            }
            if (s > row[min]) {
                row[min] = s;
            }
            if (s > nearestSim[owner]) {
                nearestSim[owner] = s;
                nearestText[owner] = texts[i];
            }
        }
        Nearest best = null;
        for (int c = 0; c < n; c++) {
            double sum = 0;
            int count = 0;
            for (double v : top[c]) {
                if (v != Double.NEGATIVE_INFINITY) {
                    sum += v;
                    count++;
                }
            }
            if (count == 0) {
                continue;
            }
            double score = sum / count;
            if (best == null || score > best.similarity()) {
                best = new Nearest(intentNames.get(c), score, nearestText[c]);
            }
        }
        return best;
    }

    int size() {
        return texts.length;
    }

    record Nearest(String intent, double similarity, String example) {
    }
}
