package dev.baton.core.triage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.baton.text.PhraseMatcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The complete, effective triage configuration: keywords, patterns, negation cues, intents with example utterances,
 * sentiment lexicons and thresholds.
 *
 * <p>{@link #defaults()} reads the built-in set from {@code baton/triage/defaults.yaml} on the classpath (Chinese and
 * English, written for customer service), with the negation cues every keyword matcher shares
 * ({@link PhraseMatcher#NEGATION_CUES}). Operators do not restate it: they bind {@link TriageOverrides} from the
 * YAML and apply it with {@link #with(TriageOverrides)}, which appends keywords and merges intents by name. The record
 * is immutable; {@link Triage} compiles it once at construction.
 *
 * @param requestKeywords     literal phrases that mean "let me talk to a person" (case-insensitive; Latin words
 *                            match on word boundaries)
 * @param requestPatterns     Java regular expressions with the same meaning, matched against the normalised text
 *                            (lower case, NFKC, single spaces)
 * @param negationCues        phrases that cancel a request when they come shortly before it in the same clause
 *                            ("不要转人工", "I don't need a human")
 * @param requestIntent       the intent whose example utterances count as an explicit request by similarity
 * @param requestSimilarity   cosine similarity to one of those examples from which a message is an explicit request
 * @param requestNouns        words for a person ("someone", "person", "客服人员"): a message that names one and is
 *                            at least {@code requestWeakSimilarity} similar to a request example is a request too
 *                            (two weak signals; catches typos such as "can I talkk to someone")
 * @param requestWeakSimilarity the lower similarity threshold used together with {@code requestNouns}
 * @param intents             intents with keywords and example utterances (kNN)
 * @param intentThreshold     minimum kNN score for an intent to be reported
 * @param intentK             how many nearest examples of an intent are averaged into its score
 * @param repetitionThreshold cosine similarity from which a message repeats an earlier one
 * @param repetitionMinChars  messages shorter than this (after normalisation, without spaces and punctuation) are
 *                            never repetitions ("ok", "好的")
 * @param embeddingCacheSize  how many earlier messages' embeddings are kept (LRU)
 * @param sentiment           lexicons and cues for the sentiment scorer
 * @param repetitionThresholdEnglish the same for two English messages, compared with the English sentence model
 *                            (bge-small-en) when there is one: the Chinese model maps English words it does not know
 *                            to one token, so "Can I pay with Alipay?" and "… with PayPal?" score 1.0 there
 */
public record TriageConfig(List<String> requestKeywords, List<String> requestPatterns, List<String> negationCues,
                           String requestIntent, Double requestSimilarity, List<String> requestNouns,
                           Double requestWeakSimilarity, List<IntentDefinition> intents,
                           Double intentThreshold, Integer intentK, Double repetitionThreshold,
                           Integer repetitionMinChars, Integer embeddingCacheSize, SentimentLexicon sentiment,
                           Double repetitionThresholdEnglish) {

    /** Where the built-in defaults live on the classpath. */
    public static final String DEFAULTS_RESOURCE = "baton/triage/defaults.yaml";

    public TriageConfig {
        requestKeywords = copy(requestKeywords);
        requestPatterns = copy(requestPatterns);
        negationCues = copy(negationCues);
        requestIntent = Objects.requireNonNullElse(requestIntent, "human_agent");
        requestSimilarity = Objects.requireNonNullElse(requestSimilarity, 0.82);
        requestNouns = copy(requestNouns);
        requestWeakSimilarity = Objects.requireNonNullElse(requestWeakSimilarity, 0.74);
        intents = intents == null ? List.of() : List.copyOf(intents);
        intentThreshold = Objects.requireNonNullElse(intentThreshold, 0.70);
        intentK = Objects.requireNonNullElse(intentK, 2);
        repetitionThreshold = Objects.requireNonNullElse(repetitionThreshold, 0.90);
        repetitionMinChars = Objects.requireNonNullElse(repetitionMinChars, 4);
        repetitionThresholdEnglish = Objects.requireNonNullElse(repetitionThresholdEnglish, 0.88);
        embeddingCacheSize = Objects.requireNonNullElse(embeddingCacheSize, 512);
        sentiment = sentiment == null ? new SentimentLexicon(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null)
                : sentiment;
    }

    /** The built-in configuration (Chinese and English customer service). Reads the classpath resource each call. */
    public static TriageConfig defaults() {
        try (InputStream in = TriageConfig.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + DEFAULTS_RESOURCE);
            }
            return yamlMapper().readValue(in, TriageConfig.class)
                    .with(new TriageOverrides(null, PhraseMatcher.NEGATION_CUES, null, null, null, null, null, null));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS_RESOURCE, e);
        }
    }

    /** Applies an operator's overrides: lists are appended, intents merged by name, thresholds replaced if set. */
    public TriageConfig with(TriageOverrides o) {
        if (o == null) {
            return this;
        }
        Map<String, IntentDefinition> merged = new LinkedHashMap<>();
        intents.forEach(i -> merged.put(i.name(), i));
        for (IntentDefinition extra : o.intents()) {
            merged.merge(extra.name(), extra, IntentDefinition::plus);
        }
        SentimentLexicon lex = sentiment;
        if (!o.sentimentWords().isEmpty()) {
            lex = lex.plusWords(o.sentimentWords());
        }
        TriageOverrides.EnglishSentiment english = o.englishSentimentMode();
        if (english != null) {
            lex = switch (english) {
                case LEXICON -> lex.withEnglish(null, false);
                case CLASSIFIER -> lex.withEnglish(lex.englishModel(), false);
                case EMBEDDING -> lex.withEnglish(lex.englishModel(), true);
            };
        }
        return new TriageConfig(concat(requestKeywords, o.keywords()), requestPatterns,
                concat(negationCues, o.negationCues()), requestIntent,
                Objects.requireNonNullElse(o.requestSimilarity(), requestSimilarity), requestNouns,
                requestWeakSimilarity, List.copyOf(merged.values()),
                Objects.requireNonNullElse(o.intentThreshold(), intentThreshold), intentK,
                Objects.requireNonNullElse(o.repetitionThreshold(), repetitionThreshold), repetitionMinChars,
                embeddingCacheSize, lex, repetitionThresholdEnglish);
    }

    /** Whether English sentiment asks the English sentence-embedding model, so that {@link Triage} needs it. */
    public boolean needsEnglishModel() {
        return sentiment.asksEmbedding();
    }

    /** Adds literal request keywords, e.g. the policy's {@code handoff.keywords}. Duplicates are dropped. */
    public TriageConfig withExtraKeywords(List<String> keywords) {
        return with(new TriageOverrides(keywords, null, null, null, null, null, null, null));
    }

    /**
     * One intent.
     *
     * @param name     stable name, e.g. {@code complaint}, {@code account_change}
     * @param keywords phrases that select this intent outright (negation-aware), e.g. {@code 投诉}
     * @param patterns regular expressions that select this intent outright (negation-aware), matched against the
     *                 normalised text
     * @param examples example utterances in any language; the kNN compares messages with them
     */
    public record IntentDefinition(String name, List<String> keywords, List<String> patterns, List<String> examples) {

        public IntentDefinition {
            Objects.requireNonNull(name, "intent name");
            keywords = copy(keywords);
            patterns = copy(patterns);
            examples = copy(examples);
        }

        IntentDefinition plus(IntentDefinition other) {
            return new IntentDefinition(name, concat(keywords, other.keywords), concat(patterns, other.patterns),
                    concat(examples, other.examples));
        }
    }

    /**
     * Lexicons for the sentiment scorer. Weights run from -3 (very negative) to +3 (very positive).
     *
     * @param words        word or phrase → weight, both languages (Chinese entries are matched longest-first
     *                     inside the text, English entries on word boundaries)
     * @param negators     words that flip the polarity of the next sentiment word ("不", "没", "not", "never")
     * @param intensifiers word → multiplier ("非常" 1.5, "very" 1.3, "slightly" 0.6)
     * @param contrast     words after which the rest of the clause weighs more ("但是", "but")
     * @param negatorScope how many tokens (English words / Chinese characters) after a negator it still applies
     * @param neutralBand  |score| below this is neutral
     * @param negativeBias added to the raw sum before normalising; customer-service messages lean negative
     * @param questionCue  phrases that mark a neutral information request when no sentiment word is present
     * @param normaliser   alpha in score = sum / sqrt(sum² + alpha) (as in VADER)
     * @param emoticons    emoji and emoticons ("🙂", ":(") → weight, matched anywhere in the text
     * @param patterns     regular expression (over the normalised text) → weight added once per match, for
     *                     customer-service statements without an emotion word ("\\d+ hours", "still waiting")
     * @param danglingNegation weight of a negator whose scope holds no sentiment word: "it won't load", "no one
     *                     answers", "还没到" state a failure (0: off)
     * @param questionBand a question or request (question cue, "?") whose raw sum lies within ±this and that holds no
     *                     failure pattern is neutral: "can you check my booking, the app is not helpful?" is a request
     * @param courtesy     politeness formulas ("thanks", "please", "would be great") that are not praise when the
     *                     message is a question/request or states a failure: "where is my bag? thanks", "thanks for
     *                     the 3 hour delay"; their weight counts only in a plain statement ("thanks, all sorted")
     * @param englishModel class path resource of the trained English classifier's weights ({@link
     *                     SentimentClassifier}); when set, English messages get its polarity instead of the lexicon's
     *                     (the lexicon's readings are among its features); null: lexicon only
     * @param englishEmbeddingModel class path resource of the weights trained with the bge-small-en sentence embedding
     *                     too, asked when {@code englishEmbedding} is on and the words classifier is unsure
     * @param englishEmbedding whether the embedding classifier is asked ({@code english-sentiment: embedding})
     * @param englishEmbeddingBelow the words classifier is "unsure" when its most probable class is below this
     *                     probability (1 or more: the embedding classifier answers every English message)
     * @param englishLexiconVote the lexicon's class gets the classifier's probability times e^this (0: the classifier
     *                     alone)
     * @param englishClassPrior expected share of negative / neutral / positive English messages; the classifier's
     *                     probabilities are reweighted from the training corpus's mix to this one (empty: the corpus's)
     */
    public record SentimentLexicon(Map<String, Double> words, List<String> negators,
                                   Map<String, Double> intensifiers, List<String> contrast, Integer negatorScope,
                                   Double neutralBand, Double negativeBias, List<String> questionCue,
                                   Double normaliser, Map<String, Double> emoticons, Map<String, Double> patterns,
                                   Double danglingNegation, Double questionBand, List<String> courtesy,
                                   String generalLexicon, Double generalWeight, Boolean generalNegativeOnly,
                                   Double negativeBiasZh, String englishModel, String englishEmbeddingModel,
                                   Boolean englishEmbedding, Double englishEmbeddingBelow, Double englishLexiconVote,
                                   Map<String, Double> englishClassPrior) {

        public SentimentLexicon {
            words = words == null ? Map.of() : Map.copyOf(words);
            negators = copy(negators);
            intensifiers = intensifiers == null ? Map.of() : Map.copyOf(intensifiers);
            contrast = copy(contrast);
            negatorScope = Objects.requireNonNullElse(negatorScope, 3);
            neutralBand = Objects.requireNonNullElse(neutralBand, 0.1);
            negativeBias = Objects.requireNonNullElse(negativeBias, 0.0);
            questionCue = copy(questionCue);
            normaliser = Objects.requireNonNullElse(normaliser, 6.0);
            emoticons = emoticons == null ? Map.of() : Map.copyOf(emoticons);
            patterns = patterns == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(patterns));
            danglingNegation = Objects.requireNonNullElse(danglingNegation, 0.0);
            questionBand = Objects.requireNonNullElse(questionBand, 0.0);
            courtesy = copy(courtesy);
            generalWeight = Objects.requireNonNullElse(generalWeight, 0.0);
            generalNegativeOnly = Objects.requireNonNullElse(generalNegativeOnly, false);
            negativeBiasZh = Objects.requireNonNullElse(negativeBiasZh, negativeBias);
            englishEmbedding = Objects.requireNonNullElse(englishEmbedding, false);
            englishEmbeddingBelow = Objects.requireNonNullElse(englishEmbeddingBelow, 1.0);
            englishLexiconVote = Objects.requireNonNullElse(englishLexiconVote, 0.0);
            englishClassPrior = englishClassPrior == null ? Map.of() : Map.copyOf(englishClassPrior);
        }

        SentimentLexicon plusWords(Map<String, Double> extra) {
            Map<String, Double> all = new LinkedHashMap<>(words);
            all.putAll(extra);
            return with(all, englishModel, englishEmbedding, englishEmbeddingBelow);
        }

        /** Whether English messages the words classifier is unsure of go to the embedding classifier. */
        boolean asksEmbedding() {
            return englishModel != null && englishEmbedding;
        }

        /** The same lexicon with another words classifier ({@code null}: the lexicon alone) and embedding switch. */
        SentimentLexicon withEnglish(String model, boolean embedding) {
            return with(words, model, embedding, englishEmbeddingBelow);
        }

        /** The same lexicon asking the embedding classifier below another confidence (tests, tuning). */
        SentimentLexicon withEnglishEmbeddingBelow(double below) {
            return with(words, englishModel, englishEmbedding, below);
        }

        private SentimentLexicon with(Map<String, Double> words, String englishModel, boolean englishEmbedding,
                                      double englishEmbeddingBelow) {
            return new SentimentLexicon(words, negators, intensifiers, contrast, negatorScope, neutralBand,
                    negativeBias, questionCue, normaliser, emoticons, patterns, danglingNegation, questionBand,
                    courtesy, generalLexicon, generalWeight, generalNegativeOnly, negativeBiasZh, englishModel,
                    englishEmbeddingModel, englishEmbedding, englishEmbeddingBelow, englishLexiconVote,
                    englishClassPrior);
        }
    }

    static ObjectMapper yamlMapper() {
        return new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static List<String> copy(List<String> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        if (b != null) {
            b.stream().filter(s -> s != null && !all.contains(s)).forEach(all::add);
        }
        return List.copyOf(all);
    }
}
