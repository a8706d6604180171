package dev.baton.core.triage;

import dev.baton.core.config.ConfigProblems;
import dev.baton.core.config.Validated;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an operator may change in triage from the YAML ({@code triage:}), applied on top of
 * {@link TriageConfig#defaults()} with {@link TriageConfig#with(TriageOverrides)}. Every field is optional.
 * Lists add to the built-in ones; an intent with a built-in name gets the extra keywords and examples, a new name
 * becomes a new intent (e.g. a business-specific {@code warranty_claim}).
 *
 * @param keywords            extra explicit-request keywords
 * @param negationCues        extra negation cues
 * @param intents             extra or extended intents
 * @param requestSimilarity   replaces the explicit-request similarity threshold
 * @param intentThreshold     replaces the intent kNN threshold
 * @param repetitionThreshold replaces the repetition similarity threshold
 * @param sentimentWords      extra sentiment words with weights (-3..3), e.g. a product name customers curse
 * @param englishSentiment    how English sentiment is scored: {@code embedding} (default: the trained classifier over
 *                            the lexicon's readings and the words, and for the messages it is unsure of, about 1 in
 *                            10, the one trained with the bge-small-en sentence embedding too: one more model call),
 *                            {@code classifier} (the words classifier alone: no English model is loaded) or
 *                            {@code lexicon} (the lexicon alone); null: the default
 */
public record TriageOverrides(List<String> keywords, List<String> negationCues,
                              List<TriageConfig.IntentDefinition> intents, Double requestSimilarity,
                              Double intentThreshold, Double repetitionThreshold, Map<String, Double> sentimentWords,
                              String englishSentiment) implements Validated {

    /** The values of {@code english-sentiment}. */
    public static final List<String> ENGLISH_SENTIMENT = Arrays.stream(EnglishSentiment.values())
            .map(EnglishSentiment::code).toList();

    /** How English messages get their sentiment ({@code triage.english-sentiment}); see {@link TriageOverrides}. */
    public enum EnglishSentiment {
        /** The words classifier alone: no English model is loaded. */
        CLASSIFIER,
        /** The words classifier, and the embedding classifier for the messages it is unsure of (the default). */
        EMBEDDING,
        /** The lexicon alone. */
        LEXICON;

        /** The value in the YAML. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The mode a YAML value names, if any. */
        public static Optional<EnglishSentiment> fromCode(String code) {
            return Arrays.stream(values()).filter(m -> m.code().equals(code)).findFirst();
        }
    }

    public TriageOverrides {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        negationCues = negationCues == null ? List.of() : List.copyOf(negationCues);
        intents = intents == null ? List.of() : List.copyOf(intents);
        sentimentWords = sentimentWords == null ? Map.of() : Map.copyOf(sentimentWords);
    }

    /**
     * {@link #englishSentiment} as a mode; null when it is not set.
     *
     * @throws IllegalArgumentException when it names no mode ({@link #validate} reports that first)
     */
    public EnglishSentiment englishSentimentMode() {
        if (englishSentiment == null) {
            return null;
        }
        return EnglishSentiment.fromCode(englishSentiment).orElseThrow(() -> new IllegalArgumentException(
                "english-sentiment must be one of " + ENGLISH_SENTIMENT + ", got " + englishSentiment));
    }

    @Override
    public void validate(String prefix, ConfigProblems problems) {
        if (englishSentiment != null && EnglishSentiment.fromCode(englishSentiment).isEmpty()) {
            problems.add(prefix + ".english-sentiment", "must be one of " + String.join(", ", ENGLISH_SENTIMENT)
                    + ", got " + englishSentiment);
        }
    }
}
