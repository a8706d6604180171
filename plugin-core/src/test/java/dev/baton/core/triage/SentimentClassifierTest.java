package dev.baton.core.triage;

import dev.baton.core.conversation.TriageSignals;
import dev.baton.knowledge.embed.InProcessEmbeddings;
import dev.baton.text.Texts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The trained English sentiment classifiers with the shipped weights: the default over words, and the embedding variant
 * with bge-small-en from the test class path (nothing is downloaded). Sentences are hand-written; the second group is
 * not in the training corpus (checked).
 */
class SentimentClassifierTest {

    /** The training corpus (SentimentTrain in baton-tools), to check that the unseen sentences are unseen. */
    private static final String CORPUS = "triage/sentiment-en-corpus.tsv";
    private static final TriageConfig.SentimentLexicon LEX = TriageConfig.defaults().sentiment();
    /** {@code english-sentiment: embedding}: the embedding classifier for the messages the words leave unsure. */
    private static final TriageConfig.SentimentLexicon EMBEDDING_LEX = LEX.withEnglish(LEX.englishModel(), true);
    /** The embedding classifier for every English message. */
    private static final TriageConfig.SentimentLexicon ALWAYS_EMBED = EMBEDDING_LEX.withEnglishEmbeddingBelow(2);
    private static SentimentScorer scorer;
    private static Function<String, float[]> embedder;
    private static SentimentScorer embeddingScorer;
    private static SentimentScorer cascade;

    @BeforeAll
    static void load() {
        scorer = new SentimentScorer(LEX);
        var model = InProcessEmbeddings.bgeSmallEnQuantized();
        embedder = text -> Vectors.unit(model.embed(text).content().vector());
        embeddingScorer = new SentimentScorer(ALWAYS_EMBED, embedder);
        cascade = new SentimentScorer(EMBEDDING_LEX, embedder);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // in the corpus
            "my refund still hasn't arrived after 3 weeks                     | negative",
            "what time does the store open?                                   | neutral",
            "thanks, that fixed it!                                           | positive",
    })
    void should_classify_corpus_sentences(String text, String polarity) {
        assertEveryVariantSays(text, polarity);
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
        assertEveryVariantSays(text, polarity);
    }

    /** The words classifier, the embedding classifier and the shipped cascade of both all give {@code polarity}. */
    private static void assertEveryVariantSays(String text, String polarity) {
        for (SentimentScorer s : List.of(scorer, embeddingScorer, cascade)) {
            assertThat(s.score(Texts.normalise(text)).polarity().code()).isEqualTo(polarity);
        }
    }

    /** A scorer over {@code lex} whose English embeddings are counted in {@code calls}. */
    private static SentimentScorer counting(TriageConfig.SentimentLexicon lex, AtomicInteger calls) {
        return new SentimentScorer(lex, text -> {
            calls.incrementAndGet();
            return embedder.apply(text);
        });
    }

    @Test
    void should_not_embed_chinese_text_with_the_english_model() {
        // given
        AtomicInteger calls = new AtomicInteger();
        SentimentScorer counting = counting(ALWAYS_EMBED, calls);
        // when
        TriageSignals.Sentiment zh = counting.score(Texts.normalise("快递三天了还没到，太慢了"));
        // then
        assertThat(calls).hasValue(0);
        assertThat(zh.polarity()).isEqualTo(TriageSignals.Polarity.NEGATIVE);
        counting.score(Texts.normalise("my parcel is three days late"));
        assertThat(calls).hasValue(1);
        // Chinese by the engine's rule too when it names a product in Latin letters (2 Han characters of 8 letters)
        counting.score(Texts.normalise("iPhone 坏了"));
        assertThat(calls).hasValue(1);
    }

    @Test
    void should_ask_the_embedding_classifier_only_when_the_words_are_unsure() {
        // given
        AtomicInteger calls = new AtomicInteger();
        SentimentScorer counting = counting(EMBEDDING_LEX, calls);
        List<String> texts = List.of("my refund still hasn't arrived after 3 weeks", "thanks, that fixed it!",
                "the courier says he came by but nobody rang my bell", "is the museum shop open on public holidays?",
                "I am travelling to Madrid with my two kids in June", "the new checkout is so much quicker, love it",
                "well that was an experience", "ok so what now", "flight 22 again", "interesting choice of music");
        int unsure = 0;
        for (String text : texts) {
            String norm = Texts.normalise(text);
            boolean ask = scorer.wordsConfidence(norm) < EMBEDDING_LEX.englishEmbeddingBelow();
            unsure += ask ? 1 : 0;
            // when / then: an unsure message gets the embedding classifier's answer, a sure one the words'
            assertThat(counting.score(norm)).isEqualTo(ask ? embeddingScorer.score(norm) : scorer.score(norm));
        }
        assertThat(calls).hasValue(unsure);
        assertThat(unsure).isBetween(1, texts.size() - 1); // the list holds both kinds, or the test proves nothing
    }

    @Test
    void should_answer_with_the_words_classifier_when_the_english_model_fails() {
        SentimentScorer broken = new SentimentScorer(ALWAYS_EMBED, text -> {
            throw new IllegalStateException("onnx session closed");
        });
        String norm = Texts.normalise("I have been waiting two hours and nobody answers");
        assertThat(broken.score(norm)).isEqualTo(scorer.score(norm));
        assertThat(broken.score(norm).polarity()).isEqualTo(TriageSignals.Polarity.NEGATIVE);
    }

    @Test
    void should_answer_with_the_words_classifier_when_no_english_model_is_supplied() {
        String unsure = Texts.normalise("well that was an experience");
        assertThat(scorer.wordsConfidence(unsure)).isLessThan(EMBEDDING_LEX.englishEmbeddingBelow());
        assertThat(new SentimentScorer(EMBEDDING_LEX).score(unsure)).isEqualTo(scorer.score(unsure));
        assertThatThrownBy(() -> new SentimentScorer(EMBEDDING_LEX, SentimentClassifier.load(LEX.englishModel()),
                SentimentClassifier.load(LEX.englishEmbeddingModel()), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sentence-embedding model");
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
                "lexicon"));
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
            for (SentimentScorer sc : List.of(scorer, embeddingScorer, cascade)) {
                TriageSignals.Sentiment s = sc.score(Texts.normalise(text));
                assertThat(s.score()).isBetween(-1.0, 1.0);
                if (s.polarity() == TriageSignals.Polarity.NEGATIVE) {
                    assertThat(s.score()).isNegative();
                } else if (s.polarity() == TriageSignals.Polarity.POSITIVE) {
                    assertThat(s.score()).isPositive();
                }
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SentimentClassifierTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String corpusText() throws IOException {
        return Texts.normalise(resource(CORPUS).replace('\n', ' '));
    }
}
