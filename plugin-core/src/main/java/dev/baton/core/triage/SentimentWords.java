package dev.baton.core.triage;

import dev.baton.core.triage.TriageConfig.SentimentLexicon;
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
import java.util.regex.Pattern;

/**
 * The sentiment lexicon as {@link SentimentScorer} reads a message with it: the dictionary of words, intensifiers,
 * negators, contrast and courtesy words (normalised), question cues, emoticons, failure patterns and the words a
 * hashtag may carry; and the tokenizer that turns a normalised message into those tokens (longest match first, up to
 * {@value #MAX_HAN_WORD} Han characters or {@value #MAX_LATIN_WORDS} Latin words).
 */
final class SentimentWords {

    private static final int MAX_HAN_WORD = 6;
    private static final int MAX_LATIN_WORDS = 4;

    enum Kind { WORD, COURTESY, NEGATOR, INTENSIFIER, CONTRAST, BREAK, OTHER }

    record Token(Kind kind, String text, double value) {
    }

    private final Map<String, Token> dictionary = new HashMap<>();
    private final Set<String> questionCues = new HashSet<>();
    private final Map<String, Double> emoticons = new HashMap<>();
    private final Map<Pattern, Double> patterns = new java.util.LinkedHashMap<>();
    private final List<Token> hashtagWords = new ArrayList<>();

    private final SentimentLexicon lex;

    SentimentWords(SentimentLexicon lex) {
        this.lex = lex;
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

    Map<String, Double> emoticons() {
        return emoticons;
    }

    Map<Pattern, Double> patterns() {
        return patterns;
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

    static int countEmoticon(String s, String e) {
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

    boolean isQuestion(String s) {
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

    List<Token> tokenize(String s) {
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
