package dev.baton.core.conversation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * The offline signals for one customer message. Stored with the message as JSON (plain records, no Jackson
 * configuration needed) and fed to {@code HandoffPolicy}; the policy, not triage, decides whether to hand off.
 *
 * @param language        {@code "zh"} or {@code "en"}
 * @param explicitRequest did the customer ask for a person
 * @param sentiment       polarity and score
 * @param intent          the nearest intent, or null when nothing is close enough
 * @param repetition      is this (semantically) a message the customer already sent
 * @param elapsedMicros   time spent in {@code Triage.analyze}, embedding included
 * @param smallTalk       the kind of small talk the message is ("hi", "谢谢", "are you a bot?"), or null when it asks
 *                        something: small talk is never a request, a knowledge miss or a step toward a handoff
 */
public record TriageSignals(String language, ExplicitRequest explicitRequest, Sentiment sentiment, IntentMatch intent,
                            Repetition repetition, long elapsedMicros,
                            @JsonInclude(JsonInclude.Include.NON_NULL) SmallTalkKind smallTalk) {

    /** The stored form is read through this constructor (there are shorter ones for callers). */
    @JsonCreator
    public TriageSignals {
    }

    /** Signals of a message that is not small talk. */
    public TriageSignals(String language, ExplicitRequest explicitRequest, Sentiment sentiment, IntentMatch intent,
                         Repetition repetition, long elapsedMicros) {
        this(language, explicitRequest, sentiment, intent, repetition, elapsedMicros, null);
    }


    /** How a signal was detected; shown in the policy's explanation so an operator can tune the right knob. */
    public enum Method {
        NONE, KEYWORD, PATTERN, SIMILARITY;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Did the customer ask for a human.
     *
     * @param detected   true when the request stands (not negated)
     * @param method     what matched
     * @param matched    the keyword, pattern text or example utterance that matched, or null
     * @param confidence 1.0 for keywords and patterns, the cosine similarity for {@link Method#SIMILARITY}
     * @param negated    a request was matched but negated ("不要转人工", "I don't need a human"): not detected
     */
    public record ExplicitRequest(boolean detected, Method method, String matched, double confidence,
                                  boolean negated) {

        public static ExplicitRequest none() {
            return new ExplicitRequest(false, Method.NONE, null, 0.0, false);
        }
    }

    /** Sentiment classes. */
    public enum Polarity {
        NEGATIVE, NEUTRAL, POSITIVE;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@code negative|neutral|positive}, case-insensitive. */
        public static Polarity fromCode(String code) {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        }
    }

    /**
     * Sentiment of the message.
     *
     * @param polarity the class
     * @param score    -1 (very negative) .. 1 (very positive)
     * @param furious  strongly angry: negative and said with intensity (shouting, "!!", an angry emoji, insults), so
     *                 that one such message is enough for a person
     */
    public record Sentiment(Polarity polarity, double score, boolean furious) {

        /** The stored form is read through this constructor. */
        @JsonCreator
        public Sentiment {
        }

        /** A sentiment that is not furious. */
        public Sentiment(Polarity polarity, double score) {
            this(polarity, score, false);
        }

        /** The same sentiment, furious or not. */
        public Sentiment withFurious(boolean f) {
            return f == furious ? this : new Sentiment(polarity, score, f);
        }
    }

    /**
     * The nearest intent by kNN over example utterances (or a keyword of the intent).
     *
     * @param name       intent name, e.g. {@code complaint}, {@code account_change}
     * @param similarity cosine similarity (mean of the k nearest examples of that intent); 1.0 for a keyword hit
     * @param method     {@link Method#SIMILARITY} or {@link Method#KEYWORD}
     * @param nearest    the closest example utterance or the matched keyword
     */
    public record IntentMatch(String name, double similarity, Method method, String nearest) {
    }

    /**
     * Is this a repeat of an earlier customer message.
     *
     * @param repeated     true when similar enough to an earlier message
     * @param similarity   the highest cosine similarity to an earlier message (1.0 for a normalised exact match)
     * @param earlierIndex index into {@code TriageInput.earlierCustomerMessages} of the most similar one, or -1
     * @param exact        the normalised texts are equal
     */
    public record Repetition(boolean repeated, double similarity, int earlierIndex, boolean exact) {

        public static Repetition none() {
            return new Repetition(false, 0.0, -1, false);
        }
    }
}
