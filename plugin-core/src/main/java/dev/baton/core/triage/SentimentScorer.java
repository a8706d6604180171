package dev.baton.core.triage;

import dev.baton.core.conversation.TriageSignals;
import dev.baton.core.triage.TriageConfig.SentimentLexicon;
import dev.baton.text.Language;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lexicon sentiment for Chinese and English, in the manner of VADER (Hutto &amp; Gilbert, 2014): the text becomes a
 * token stream (English words and phrases of up to four words; Chinese by longest dictionary match), each sentiment
 * word is scaled by preceding intensifiers, flipped and damped by a preceding negator within its scope ("不好吃",
 * "not helpful", "没有问题"), words after a contrast ("但是", "but") weigh more than those before it, and the sum is
 * squashed into -1..1. Immutable and thread-safe. No model: it runs in microseconds.
 *
 * <p>Customer-service rules on top (all weights in {@code defaults.yaml}): failure patterns (a stated duration, "still
 * waiting", "no reply", "supposed to", "never again") and a negator whose scope holds no sentiment word ("the app won't
 * load") count as negative without an emotion word; courtesy ("thanks", "please") is not praise in a question/request
 * or next to a failure (sarcasm); emoji and emoticons; a sentiment word a hashtag starts or ends with; an optional
 * optional general lexicon (an operator's word list) for unknown words; a question or request with a small sum and no failure is neutral.
 */
final class SentimentScorer {

    /** "not happy" is as negative as "unhappy"; "not bad" is only mildly positive. */
    private static final double NEGATED_POSITIVE = -0.9;
    private static final double NEGATED_NEGATIVE = -0.5;
    private static final double BEFORE_CONTRAST = 0.5;
    private static final double AFTER_CONTRAST = 1.5;

    private final SentimentLexicon lex;
    private final SentimentWords words;
    private final SentimentClassifier classifier;
    private final SentimentClassifier embeddingClassifier;
    private final Function<String, float[]> englishEmbedder;
    private final double[] englishPrior;

    /** As configured, without an English sentence-embedding model: the words classifier answers every message. */
    SentimentScorer(SentimentLexicon lex) {
        this(lex, (Function<String, float[]>) null);
    }

    /**
     * As configured: the words classifier ({@code english-model}; none: the lexicon alone) and, with
     * {@code english-embedding} and an embedder, the embedding classifier ({@code english-embedding-model}) for the
     * messages the words classifier is unsure of.
     *
     * @param englishEmbedder English text → unit vector (bge-small-en-v1.5); null: none, the words answer
     */
    SentimentScorer(SentimentLexicon lex, Function<String, float[]> englishEmbedder) {
        this(lex, lex.englishModel() == null ? null : SentimentClassifier.load(lex.englishModel()),
                lex.asksEmbedding() && englishEmbedder != null
                        ? SentimentClassifier.load(lex.englishEmbeddingModel()) : null,
                englishEmbedder);
    }

    /** The lexicon alone, also for English: what the classifiers read as features. */
    static SentimentScorer lexiconOnly(SentimentLexicon lex) {
        return new SentimentScorer(lex, null, null, null);
    }

    /**
     * With the given classifiers.
     *
     * @param classifier          over words and the lexicon's readings; null: the lexicon alone
     * @param embeddingClassifier trained with the sentence embedding too, asked when {@code classifier}'s most
     *                            probable class is below {@code english-embedding-below}; null: never
     * @param englishEmbedder     required with {@code embeddingClassifier}
     */
    SentimentScorer(SentimentLexicon lex, SentimentClassifier classifier, SentimentClassifier embeddingClassifier,
                    Function<String, float[]> englishEmbedder) {
        if (classifier != null && classifier.needsEmbedding()) {
            throw new IllegalArgumentException("english-model " + lex.englishModel() + " was trained with a sentence "
                    + "embedding; it belongs in english-embedding-model");
        }
        if (embeddingClassifier != null && englishEmbedder == null) {
            throw new IllegalArgumentException("the English sentiment classifier " + lex.englishEmbeddingModel()
                    + " needs the English sentence-embedding model");
        }
        this.lex = lex;
        this.classifier = classifier;
        this.embeddingClassifier = embeddingClassifier;
        this.englishEmbedder = englishEmbedder;
        Map<String, Double> p = lex.englishClassPrior();
        this.englishPrior = p.isEmpty() ? null : SentimentClassifier.CLASSES.stream()
                .mapToDouble(c -> p.getOrDefault(c.code(), 0.0)).toArray();
        this.words = new SentimentWords(lex);
    }

    /**
     * What the lexicon saw in one message; the trained English classifier reads it as features.
     *
     * @param polarity  the lexicon's own verdict
     * @param score     the lexicon's score in -1..1 (0 for a neutral question)
     * @param sum       raw sum of words, cues and dangling negation, before the prior
     * @param positive  sum of the positive sentiment words (after negation and contrast)
     * @param negative  sum of the negative sentiment words (after negation and contrast)
     * @param question  a question or request ("?", a question cue)
     * @param failure   a failure pattern or a dangling negation
     * @param courtesy  sum of the courtesy formulas ("thanks", "please"), counted or not
     * @param cues      sum of emoji, emoticons and patterns
     */
    record Analysis(TriageSignals.Polarity polarity, double score, double sum, double positive, double negative,
                    boolean question, boolean failure, double courtesy, double cues) {
    }

    TriageSignals.Sentiment score(String normalised) {
        Analysis a = analyse(normalised);
        if (classifier == null || Language.ZH.equals(Language.detect(normalised))) {
            return new TriageSignals.Sentiment(a.polarity(), a.score());
        }
        double[] p = classifier.posterior(normalised, a, null, lex.englishLexiconVote(), englishPrior);
        if (embeddingClassifier != null && max(p) < lex.englishEmbeddingBelow()) {
            // unsure from the words alone: the sentence embedding decides (one model call, for about 1 in 10)
            try {
                p = embeddingClassifier.posterior(normalised, a,
                        englishEmbedder.apply(SentimentFeatures.embeddingText(normalised)),
                        lex.englishLexiconVote(), englishPrior);
            } catch (RuntimeException e) {
                // the English model failed (e.g. ONNX Runtime): triage never fails a turn, the words answer
                org.slf4j.LoggerFactory.getLogger(SentimentScorer.class).warn(
                        "English sentiment model failed, using the words classifier: {}", e.toString());
            }
        }
        return SentimentClassifier.sentiment(p);
    }

    /** The words classifier's most probable class's probability for an English text (tests, tuning). */
    double wordsConfidence(String normalised) {
        return max(classifier.posterior(normalised, analyse(normalised), null, lex.englishLexiconVote(),
                englishPrior));
    }

    private static double max(double[] p) {
        return Math.max(p[0], Math.max(p[1], p[2]));
    }

    Analysis analyse(String normalised) {
        List<SentimentWords.Token> tokens = words.tokenize(normalised);
        boolean question = words.isQuestion(normalised);
        double before = 0;
        double after = 0;
        boolean contrastSeen = false;
        int negationLeft = 0;
        double boost = 1.0;
        int sentimentWords = 0;
        double dangling = 0;
        double courtesy = 0;
        double positive = 0;
        double negative = 0;
        for (SentimentWords.Token t : tokens) {
            if (negationLeft > 0 && (t.kind() == SentimentWords.Kind.NEGATOR || t.kind() == SentimentWords.Kind.CONTRAST || t.kind() == SentimentWords.Kind.BREAK)) {
                dangling += lex.danglingNegation(); // the negator's scope closed without a sentiment word
            }
            switch (t.kind()) {
                case NEGATOR -> negationLeft = lex.negatorScope();
                case INTENSIFIER -> boost *= t.value();
                case CONTRAST -> {
                    contrastSeen = true;
                    negationLeft = 0;
                    boost = 1.0;
                }
                case BREAK -> {
                    negationLeft = 0;
                    boost = 1.0;
                }
                case WORD -> {
                    double v = t.value() * boost;
                    if (negationLeft > 0) {
                        v *= v > 0 ? NEGATED_POSITIVE : NEGATED_NEGATIVE;
                        negationLeft = 0;
                    }
                    if (v > 0) {
                        positive += contrastSeen ? v * AFTER_CONTRAST : v;
                    } else {
                        negative += contrastSeen ? v * AFTER_CONTRAST : v;
                    }
                    if (contrastSeen) {
                        after += v;
                    } else {
                        before += v;
                    }
                    sentimentWords++;
                    boost = 1.0;
                }
                case COURTESY -> {
                    courtesy += negationLeft > 0 ? 0 : t.value(); // "no thanks" is not thanks
                    negationLeft = 0;
                    boost = 1.0;
                }
                case OTHER -> {
                    if (negationLeft > 0 && --negationLeft == 0) {
                        dangling += lex.danglingNegation();
                    }
                }
            }
        }
        if (negationLeft > 0) {
            dangling += lex.danglingNegation();
        }
        double sum = contrastSeen ? before * BEFORE_CONTRAST + after * AFTER_CONTRAST : before;
        long bangs = normalised.chars().filter(c -> c == '!').count();
        sum *= 1 + Math.min(bangs, 3) * 0.08;
        // emoji, emoticons and customer-service failure patterns count once each, outside the clause logic
        double cues = 0;
        boolean failure = false;
        for (Map.Entry<String, Double> e : words.emoticons().entrySet()) {
            int n = SentimentWords.countEmoticon(normalised, e.getKey());
            if (n > 0) {
                cues += e.getValue() * Math.min(n, 2);
                sentimentWords++;
            }
        }
        for (Map.Entry<Pattern, Double> e : words.patterns().entrySet()) {
            Matcher m = e.getKey().matcher(normalised);
            int n = 0;
            while (n < 2 && m.find()) {
                n++;
            }
            if (n > 0) {
                cues += e.getValue() * n;
                sentimentWords++;
                failure |= e.getValue() < 0;
            }
        }
        sum += cues + dangling;
        failure |= dangling < 0;
        if (!question && !failure) {
            sum += courtesy; // "thanks, all sorted" is praise; "where is my bag? thanks" and sarcasm are not
            sentimentWords += courtesy != 0 ? 1 : 0;
        }
        if (question && (sentimentWords == 0 && dangling == 0
                || !failure && Math.abs(sum) <= lex.questionBand())) {
            return new Analysis(TriageSignals.Polarity.NEUTRAL, 0.0, sum, positive, negative, true, failure, courtesy,
                    cues);
        }
        double raw = sum;
        sum += Language.ZH.equals(Language.detect(normalised)) ? lex.negativeBiasZh() : lex.negativeBias();
        double score = sum / Math.sqrt(sum * sum + lex.normaliser());
        score = Math.max(-1, Math.min(1, score));
        TriageSignals.Polarity polarity = score <= -lex.neutralBand() ? TriageSignals.Polarity.NEGATIVE
                : score >= lex.neutralBand() ? TriageSignals.Polarity.POSITIVE : TriageSignals.Polarity.NEUTRAL;
        return new Analysis(polarity, Math.round(score * 1000) / 1000.0, raw, positive, negative, question, failure,
                courtesy, cues);
    }
}
