package dev.baton.core.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Features of an English message for {@link SentimentClassifier}: what the lexicon scorer saw (its score and
 * polarity, the sums of positive and negative words, question, failure, courtesy, cues) and the words themselves
 * (unigrams and bigrams of the normalised text, with a start marker, numbers folded to {@code 0}, handles and links
 * dropped) and, for the embedding variant, the components of the message's English sentence embedding. Training
 * ({@code SentimentTrain} in {@code baton-tools}, through {@link SentimentTraining}) and prediction use this one
 * class, so they cannot drift.
 */
final class SentimentFeatures {

    private static final Pattern HANDLE = Pattern.compile("@\\w+");
    private static final Pattern LINK = Pattern.compile("(https?://|www\\.)\\S+");
    private static final Pattern NUMBER = Pattern.compile("^\\d+(st|nd|rd|th|am|pm|h|hr|hrs|min|mins|k)?$");

    private SentimentFeatures() {
    }

    /** Sentence-embedding components are multiplied by this (a unit vector's components are ~0.05). */
    static final double EMBEDDING_SCALE = 10;

    /** Feature name → value, sorted by name, without a sentence embedding. */
    static Map<String, Double> of(String normalised, SentimentScorer.Analysis a) {
        return of(normalised, a, null);
    }

    /** Feature name → value, sorted by name; {@code embedding} (a unit vector, may be null) adds {@code e:i}. */
    static Map<String, Double> of(String normalised, SentimentScorer.Analysis a, float[] embedding) {
        Map<String, Double> f = new TreeMap<>();
        f.put("lex:score", a.score());
        f.put("lex:" + a.polarity().code(), 1.0);
        f.put("lex:pos", squash(a.positive()));
        f.put("lex:neg", squash(a.negative()));
        f.put("lex:sum", squash(a.sum()));
        f.put("lex:cues", squash(a.cues()));
        if (a.question()) {
            f.put("lex:question", 1.0);
        }
        if (a.failure()) {
            f.put("lex:failure", 1.0);
        }
        if (a.courtesy() != 0) {
            f.put("lex:courtesy", 1.0);
        }
        List<String> words = words(normalised);
        String prev = "<s>";
        for (String w : words) {
            f.put("w:" + w, 1.0);
            f.put("b:" + prev + "_" + w, 1.0);
            prev = w;
        }
        if (embedding != null) {
            for (int i = 0; i < embedding.length; i++) {
                f.put("e:" + i, embedding[i] * EMBEDDING_SCALE);
            }
        }
        return f;
    }

    /**
     * The text whose sentence embedding the embedding classifier reads: handles and links dropped (a link alone is
     * a dozen word pieces of noise, and the model's cost grows with the length).
     */
    static String embeddingText(String normalised) {
        String s = LINK.matcher(HANDLE.matcher(normalised).replaceAll(" ")).replaceAll(" ").strip();
        return s.isEmpty() ? normalised : s.replaceAll("\\s{2,}", " ");
    }

    /** Word tokens: letters, digits and apostrophes; "?" and "!" are tokens too. */
    static List<String> words(String normalised) {
        String s = LINK.matcher(HANDLE.matcher(normalised).replaceAll(" ")).replaceAll(" ");
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '\'')) {
                    j++;
                }
                String w = s.substring(i, j);
                out.add(NUMBER.matcher(w).matches() ? "0" : w);
                i = j;
            } else {
                if ((c == '?' || c == '!') && (out.isEmpty() || !out.get(out.size() - 1).equals(String.valueOf(c)))) {
                    out.add(String.valueOf(c));
                }
                i++;
            }
        }
        return out;
    }

    private static double squash(double v) {
        return v / Math.sqrt(v * v + 6);
    }
}
