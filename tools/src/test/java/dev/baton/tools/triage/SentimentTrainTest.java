package dev.baton.tools.triage;

import dev.baton.core.triage.SentimentTraining;
import dev.baton.core.triage.TriageConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trainer of the English sentiment classifiers: retrained on the corpus it gives the shipped weights, and trained on
 * four fifths of the corpus it gets the held-out fifth right, for both variants. The weights and the features are the
 * runtime's ({@link SentimentTraining}); the corpus is plugin-core's test resource.
 */
class SentimentTrainTest {

    private static final TriageConfig.SentimentLexicon LEX = TriageConfig.defaults().sentiment();

    /** Retraining on the corpus gives the shipped weights (up to the 4 decimals written and float noise). */
    @ParameterizedTest
    @EnumSource(SentimentTrain.Variant.class)
    void should_reproduce_the_shipped_weights_when_retrained(SentimentTrain.Variant variant) throws IOException {
        // given
        String resource = variant.embedding ? LEX.englishEmbeddingModel() : LEX.englishModel();
        assertThat(variant.file.toString().replace('\\', '/')).endsWith(resource);
        SentimentTraining.Classifier shipped = SentimentTrain.reload(resource(resource));
        // when
        String rendered = SentimentTrain.render(SentimentTrain.train(SentimentTrain.corpus(), variant),
                SentimentTrain.corpus().size(), variant);
        // then
        Map<String, double[]> retrained = weights(rendered);
        Map<String, double[]> file = weights(resource(resource));
        assertThat(retrained.keySet()).isEqualTo(file.keySet());
        double maxDiff = 0;
        for (var e : file.entrySet()) {
            for (int k = 0; k < 3; k++) {
                maxDiff = Math.max(maxDiff, Math.abs(e.getValue()[k] - retrained.get(e.getKey())[k]));
            }
        }
        assertThat(maxDiff).isLessThanOrEqualTo(0.002);
        assertThat(shipped.needsEmbedding()).isEqualTo(variant.embedding);
    }

    /** Trained on four fifths of the corpus, the classifier alone gets the held-out fifth right. */
    @ParameterizedTest
    @EnumSource(SentimentTrain.Variant.class)
    void should_classify_held_out_corpus_rows(SentimentTrain.Variant variant) {
        List<SentimentTrain.Row> rows = SentimentTrain.corpus();
        List<SentimentTrain.Row> train = new ArrayList<>();
        List<SentimentTrain.Row> test = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            (i % 5 == 0 ? test : train).add(rows.get(i));
        }
        SentimentTraining.Classifier c = SentimentTraining.classifier(SentimentTrain.train(train, variant));
        long ok = test.stream()
                .filter(r -> SentimentTrain.classify(c, r.text(), 0, null).polarity().code().equals(r.label()))
                .count();
        assertThat(ok / (double) test.size()).isGreaterThanOrEqualTo(0.85);
    }

    private static Map<String, double[]> weights(String rendered) {
        Map<String, double[]> w = new java.util.HashMap<>();
        rendered.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> {
            String[] p = l.split("\t");
            w.put(p[0], new double[]{Double.parseDouble(p[1]), Double.parseDouble(p[2]), Double.parseDouble(p[3])});
        });
        return w;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SentimentTrainTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
