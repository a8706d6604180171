package dev.baton.core.triage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trained English sentiment classifier with the shipped weights. Sentences are hand-written; the second group is
 * not in the training corpus (checked).
 */
class SentimentClassifierTest {

    private static final TriageConfig.SentimentLexicon LEX = TriageConfig.defaults().sentiment();
    private static SentimentScorer scorer;

    @BeforeAll
    static void load() {
        scorer = new SentimentScorer(LEX);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // in the corpus
            "my refund still hasn't arrived after 3 weeks                     | negative",
            "what time does the store open?                                   | neutral",
            "thanks, that fixed it!                                           | positive",
    })
    void should_classify_corpus_sentences(String text, String polarity) {
        assertThat(scorer.score(Texts.normalise(text)).polarity().code()).isEqualTo(polarity);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "the courier says he came by but nobody rang my bell              | negative",
            "my package has been stuck in customs for three weeks             | negative",
            "I have called your helpline five times this week                 | negative",
            "the washing machine you installed is leaking again               | negative",
            "is the museum shop open on public holidays?                      | neutral",
            "can I change the pickup address for my order?                    | neutral",
            "I am travelling to Madrid with my two kids in June               | neutral",
            "how many loyalty points do I get for a hotel night?              | neutral",
            "the new checkout is so much quicker, love it                     | positive",
            "the nurse on your hotline was incredibly reassuring, thank you   | positive",
            "got my replacement glasses in two days, very impressed           | positive",
    })
    void should_classify_unseen_sentences(String text, String polarity) throws IOException {
        assertThat(corpusText()).doesNotContain(Texts.normalise(text));
        assertThat(scorer.score(Texts.normalise(text)).polarity().code()).isEqualTo(polarity);
    }

    @Test
    void should_leave_chinese_text_to_the_lexicon() {
        String norm = Texts.normalise("快递三天了还没到，太慢了");
        SentimentScorer.Analysis a = scorer.analyse(norm);
        assertThat(scorer.score(norm)).isEqualTo(new TriageSignals.Sentiment(a.polarity(), a.score()));
        assertThat(a.polarity()).isEqualTo(TriageSignals.Polarity.NEGATIVE);
    }

    @Test
    void should_use_the_lexicon_alone_when_the_classifier_is_switched_off() {
        TriageConfig cfg = TriageConfig.defaults().with(new TriageOverrides(null, null, null, null, null, null, null,
                false));
        assertThat(cfg.sentiment().englishModel()).isNull();
        SentimentScorer lexiconOnly = new SentimentScorer(cfg.sentiment());
        String norm = Texts.normalise("thanks!! can you check where my bag is");
        SentimentScorer.Analysis a = lexiconOnly.analyse(norm);
        assertThat(lexiconOnly.score(norm)).isEqualTo(new TriageSignals.Sentiment(a.polarity(), a.score()));
        assertThat(TriageConfig.defaults().with(new TriageOverrides(null, null, null, null, null, null, null, null))
                .sentiment().englishModel()).isEqualTo(LEX.englishModel()).isNotNull();
    }

    @Test
    void should_keep_the_score_within_minus_one_and_one_with_the_polarity_sign() {
        for (String text : List.of("worst service ever, my bag is gone", "thank you so much, you are amazing",
                "what is the baggage allowance?")) {
            TriageSignals.Sentiment s = scorer.score(Texts.normalise(text));
            assertThat(s.score()).isBetween(-1.0, 1.0);
            if (s.polarity() == TriageSignals.Polarity.NEGATIVE) {
                assertThat(s.score()).isNegative();
            } else if (s.polarity() == TriageSignals.Polarity.POSITIVE) {
                assertThat(s.score()).isPositive();
            }
        }
    }

    /** Retraining on the corpus gives the shipped weights (up to the 4 decimals written and float noise). */
    @Test
    void should_reproduce_the_shipped_weights_when_retrained() throws IOException {
        // given
        SentimentClassifier shipped = SentimentClassifier.load(LEX.englishModel());
        // when
        String rendered = SentimentTrain.render(SentimentTrain.train(SentimentTrain.corpus()),
                SentimentTrain.corpus().size());
        // then
        Map<String, double[]> retrained = weights(rendered);
        Map<String, double[]> file = weights(resource(LEX.englishModel()));
        assertThat(retrained.keySet()).isEqualTo(file.keySet());
        double maxDiff = 0;
        for (var e : file.entrySet()) {
            for (int k = 0; k < 3; k++) {
                maxDiff = Math.max(maxDiff, Math.abs(e.getValue()[k] - retrained.get(e.getKey())[k]));
            }
        }
        assertThat(maxDiff).isLessThanOrEqualTo(0.002);
        assertThat(shipped.probabilities(Map.of())).hasSize(3);
    }

    /** Trained on four fifths of the corpus, the classifier alone gets the held-out fifth right. */
    @Test
    void should_classify_held_out_corpus_rows() {
        List<SentimentTrain.Row> rows = SentimentTrain.corpus();
        List<SentimentTrain.Row> train = new ArrayList<>();
        List<SentimentTrain.Row> test = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            (i % 5 == 0 ? test : train).add(rows.get(i));
        }
        SentimentClassifier c = new SentimentClassifier(SentimentTrain.train(train));
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
        try (InputStream in = SentimentClassifierTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String corpusText() throws IOException {
        return Texts.normalise(resource(SentimentTrain.CORPUS).replace('\n', ' '));
    }
}
