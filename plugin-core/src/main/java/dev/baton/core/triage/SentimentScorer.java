package dev.baton.core.triage;

import dev.baton.core.triage.TriageConfig.SentimentLexicon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lexicon sentiment for Chinese and English, in the manner of VADER (Hutto &amp; Gilbert, 2014): the text becomes a
 * token stream (English words and phrases of up to four words; Chinese by longest dictionary match), each sentiment
 * word is scaled by preceding intensifiers, flipped and damped by a preceding negator within its scope ("不好吃",
 * "not helpful", "没有问题"), words after a contrast ("但是", "but") weigh more than those before it, and the sum is
 * squashed into -1..1. Immutable and thread-safe. No model: it runs in microseconds.
 */
final class SentimentScorer {

    private static final double NEGATION_FACTOR = -0.75;
    private static final double BEFORE_CONTRAST = 0.5;
    private static final double AFTER_CONTRAST = 1.5;
    private static final int MAX_HAN_WORD = 6;
    private static final int MAX_LATIN_WORDS = 4;

    private enum Kind { WORD, NEGATOR, INTENSIFIER, CONTRAST, BREAK, OTHER }

    private record Token(Kind kind, String text, double value) {
    }

    private final SentimentLexicon lex;
    private final Map<String, Token> dictionary = new HashMap<>();
    private final Set<String> questionCues = new HashSet<>();

    SentimentScorer(SentimentLexicon lex) {
        this.lex = lex;
        lex.words().forEach((w, v) -> dictionary.put(Texts.normalise(w), new Token(Kind.WORD, w, v)));
        lex.intensifiers().forEach((w, v) -> dictionary.put(Texts.normalise(w), new Token(Kind.INTENSIFIER, w, v)));
        lex.negators().forEach(w -> dictionary.put(Texts.normalise(w), new Token(Kind.NEGATOR, w, 0)));
        lex.contrast().forEach(w -> dictionary.put(Texts.normalise(w), new Token(Kind.CONTRAST, w, 0)));
        lex.questionCue().forEach(w -> questionCues.add(Texts.normalise(w)));
    }

    TriageSignals.Sentiment score(String normalised) {
        List<Token> tokens = tokenize(normalised);
        double before = 0;
        double after = 0;
        boolean contrastSeen = false;
        int negationLeft = 0;
        double boost = 1.0;
        int sentimentWords = 0;
        for (Token t : tokens) {
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
                        v *= NEGATION_FACTOR;
                        negationLeft = 0;
                    }
                    if (contrastSeen) {
                        after += v;
                    } else {
                        before += v;
                    }
                    sentimentWords++;
                    boost = 1.0;
                }
                case OTHER -> {
                    if (negationLeft > 0) {
                        negationLeft--;
                    }
                }
            }
        }
        double sum = contrastSeen ? before * BEFORE_CONTRAST + after * AFTER_CONTRAST : before;
        long bangs = normalised.chars().filter(c -> c == '!').count();
        sum *= 1 + Math.min(bangs, 3) * 0.08;
        if (sentimentWords == 0 && isQuestion(normalised)) {
            return new TriageSignals.Sentiment(TriageSignals.Polarity.NEUTRAL, 0.0);
        }
        sum += lex.negativeBias();
        double score = sum / Math.sqrt(sum * sum + lex.normaliser());
        score = Math.max(-1, Math.min(1, score));
        TriageSignals.Polarity polarity = score <= -lex.neutralBand() ? TriageSignals.Polarity.NEGATIVE
                : score >= lex.neutralBand() ? TriageSignals.Polarity.POSITIVE : TriageSignals.Polarity.NEUTRAL;
        return new TriageSignals.Sentiment(polarity, Math.round(score * 1000) / 1000.0);
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
