package dev.baton.core.triage;

import dev.baton.core.conversation.TriageSignals;
import dev.baton.core.triage.TriageConfig.SentimentLexicon;
import dev.baton.text.Language;
import dev.baton.text.Texts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private static final int MAX_HAN_WORD = 6;
    private static final int MAX_LATIN_WORDS = 4;

    private enum Kind { WORD, COURTESY, NEGATOR, INTENSIFIER, CONTRAST, BREAK, OTHER }

    private record Token(Kind kind, String text, double value) {
    }

    private final SentimentLexicon lex;
    private final Map<String, Token> dictionary = new HashMap<>();
    private final Set<String> questionCues = new HashSet<>();
    private final Map<String, Double> emoticons = new HashMap<>();
    private final Map<Pattern, Double> patterns = new java.util.LinkedHashMap<>();
    private final List<Token> hashtagWords = new ArrayList<>();
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
        lex.words().forEach((w, v) -> dictionary.put(Texts.normalise(w), new Token(Kind.WORD, w, v)));
        lex.intensifiers().forEach((w, v) -> dictionary.put(Texts.normalise(w), new Token(Kind.INTENSIFIER, w, v)));
        lex.negators().forEach(w -> dictionary.put(Texts.normalise(w), new Token(Kind.NEGATOR, w, 0)));
        lex.contrast().forEach(w -> dictionary.put(Texts.normalise(w), new Token(Kind.CONTRAST, w, 0)));
        lex.courtesy().forEach(w -> dictionary.put(Texts.normalise(w),
                new Token(Kind.COURTESY, w, lex.words().getOrDefault(w, 0.0))));
        lex.questionCue().forEach(w -> questionCues.add(Texts.normalise(w)));
        if (lex.generalLexicon() != null && lex.generalWeight() != 0) {
            loadGeneral(lex.generalLexicon(), lex.generalWeight());
        }
        lex.emoticons().forEach((e, v) -> emoticons.put(Texts.normalise(e), v));
        lex.patterns().forEach((re, v) -> patterns.put(Pattern.compile(re), v));
        // words a hashtag may start or end with ("#worstservice", "#unitedsucks"); short words would match by chance
        dictionary.forEach((w, t) -> {
            if (t.kind() == Kind.WORD && w.length() >= 4 && w.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
                hashtagWords.add(new Token(Kind.WORD, w, t.value()));
            }
        });
        hashtagWords.sort((a, b) -> b.text().length() - a.text().length());
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
        List<Token> tokens = tokenize(normalised);
        boolean question = isQuestion(normalised);
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
        for (Token t : tokens) {
            if (negationLeft > 0 && (t.kind() == Kind.NEGATOR || t.kind() == Kind.CONTRAST || t.kind() == Kind.BREAK)) {
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
        for (Map.Entry<String, Double> e : emoticons.entrySet()) {
            int n = countEmoticon(normalised, e.getKey());
            if (n > 0) {
                cues += e.getValue() * Math.min(n, 2);
                sentimentWords++;
            }
        }
        for (Map.Entry<Pattern, Double> e : patterns.entrySet()) {
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

    /** Words of the general lexicon that no built-in list knows; emoticons and symbols are left to our own list. */
    private void loadGeneral(String resource, double weight) {
        try (InputStream in = SentimentScorer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int tab = line.indexOf('\t');
                if (line.startsWith("#") || tab < 0) {
                    continue;
                }
                String word = Texts.normalise(line.substring(0, tab));
                if (!word.isEmpty() && word.chars().allMatch(c -> c >= 'a' && c <= 'z' || c == '\'' || c == ' ')) {
                    double v = Double.parseDouble(line.substring(tab + 1).trim()) * weight;
                    if (v < 0 || !lex.generalNegativeOnly()) {
                        dictionary.putIfAbsent(word, new Token(Kind.WORD, word, v));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int countEmoticon(String s, String e) {
        int n = 0;
        boolean ascii = e.charAt(0) < 128;
        for (int i = s.indexOf(e); i >= 0; i = s.indexOf(e, i + e.length())) {
            // ":/" must not match "http://", ":d" not "re:dm"
            if (!ascii || (i == 0 || s.charAt(i - 1) == ' ')
                    && (i + e.length() == s.length() || !Character.isLetterOrDigit(s.charAt(i + e.length())))) {
                n++;
            }
        }
        return n;
    }

    /** A sentiment word a hashtag starts or ends with, the longest first; null if none. */
    private Token hashtagWord(String tag) {
        for (Token t : hashtagWords) {
            if (tag.length() > t.text().length() && (tag.startsWith(t.text()) || tag.endsWith(t.text()))) {
                return t;
            }
        }
        return null;
    }

    private boolean isQuestion(String s) {
        if (s.contains("?")) {
            return true;
        }
        for (String cue : questionCues) {
            if (Texts.find(s, cue, 0) >= 0) {
                return true;
            }
        }
        return false;
    }

    private List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Texts.isHan(c)) {
                Token best = null;
                int bestLen = 0;
                for (int len = Math.min(MAX_HAN_WORD, n - i); len >= 1; len--) {
                    Token t = dictionary.get(s.substring(i, i + len));
                    if (t != null) {
                        best = t;
                        bestLen = len;
                        break;
                    }
                }
                if (best != null) {
                    out.add(best);
                    i += bestLen;
                } else {
                    out.add(new Token(Kind.OTHER, String.valueOf(c), 0));
                    i++;
                }
            } else if (Texts.isWordChar(c)) {
                // longest phrase of up to MAX_LATIN_WORDS words starting here
                List<Integer> ends = new ArrayList<>();
                int j = i;
                while (ends.size() < MAX_LATIN_WORDS && j < n) {
                    int k = j;
                    while (k < n && Texts.isWordChar(s.charAt(k))) {
                        k++;
                    }
                    if (k == j) {
                        break;
                    }
                    ends.add(k);
                    if (k >= n || s.charAt(k) != ' ') {
                        break;
                    }
                    j = k + 1;
                }
                Token best = null;
                int bestEnd = ends.get(0);
                for (int e = ends.size() - 1; e >= 0; e--) {
                    Token t = dictionary.get(s.substring(i, ends.get(e)));
                    if (t != null) {
                        best = t;
                        bestEnd = ends.get(e);
                        break;
                    }
                }
                String word = s.substring(i, bestEnd);
                if (best == null && word.endsWith("n't")) {
                    best = new Token(Kind.NEGATOR, word, 0);
                }
                if (best == null && i > 0 && s.charAt(i - 1) == '#') {
                    best = hashtagWord(word);
                }
                out.add(best != null ? best : new Token(Kind.OTHER, word, 0));
                i = bestEnd;
            } else {
                if (".!?;,。！？；，\n~～".indexOf(c) >= 0) {
                    out.add(new Token(Kind.BREAK, String.valueOf(c), 0));
                }
                i++;
            }
        }
        return out;
    }
}
