package dev.baton.text;

import com.github.houbb.opencc4j.util.ZhConverterUtil;

import java.text.Normalizer;
import java.util.Locale;

/** Text normalisation and phrase search shared by triage and the knowledge search. Stateless. */
public final class Texts {

    private Texts() {
    }

    /** NFKC (full-width → half-width), lower case, typographic apostrophes → ', whitespace collapsed. */
    public static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'').replace('\u2018', '\'').replace('`', '\'');
        return s.replaceAll("\\s+", " ").trim();
    }

    /**
     * The form of a message or a knowledge text that is embedded: traditional Chinese made simplified (so {@code 花唄}
     * embeds as {@code 花呗}), full-width letters and digits made ASCII, ideographic spaces made plain, trimmed;
     * punctuation, case and wording kept, because the embedding model was trained on natural text and measured worse
     * on NFKC-folded punctuation and stripped particles (docs/knowledge.md). Triage and the knowledge search both
     * embed this form, so one cached vector serves both in a turn. Null or empty: empty.
     */
    public static String dense(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '\uFF10' && c <= '\uFF19') || (c >= '\uFF21' && c <= '\uFF3A') || (c >= '\uFF41' && c <= '\uFF5A')) {
                c = (char) (c - 0xFEE0);
            } else if (c == '\u3000') {
                c = ' ';
            }
            sb.append(c);
        }
        return simplified(sb.toString()).strip();
    }

    /** Traditional Chinese characters made simplified (opencc4j); the text itself when it has none. */
    public static String simplified(String text) {
        return ZhConverterUtil.containsTraditional(text) ? ZhConverterUtil.toSimple(text) : text;
    }

    /** Normalised, without whitespace and punctuation: the key for exact repetition. */
    public static String compact(String normalised) {
        return normalised.replaceAll("[\\p{P}\\p{S}\\s]+", "");
    }

    /**
     * True when the text holds a word: a Han character, or a run of at least two Latin letters that is not part of a
     * code mixing letters and digits. "A12345", "#998877", "???" and "👍" hold none: they answer or refer to
     * something, they do not ask.
     */
    public static boolean hasWords(String text) {
        if (text == null) {
            return false;
        }
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isHan(c)) {
                return true;
            }
            if (Character.isLetterOrDigit(c)) {
                int letters = 0;
                boolean digit = false;
                while (i < text.length() && Character.isLetterOrDigit(text.charAt(i)) && !isHan(text.charAt(i))) {
                    digit |= Character.isDigit(text.charAt(i));
                    letters += Character.isLetter(text.charAt(i)) ? 1 : 0;
                    i++;
                }
                if (!digit && letters >= 2) {
                    return true;
                }
                continue;
            }
            i++;
        }
        return false;
    }

    public static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    public static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) && !isHan(c) || c == '\'';
    }

    /**
     * Finds {@code phrase} in {@code text} from {@code from}; phrases that start/end with a Latin letter or digit must
     * sit on word boundaries (so "agent" does not match "agents" nor "reagent"; Chinese phrases match anywhere).
     */
    public static int find(String text, String phrase, int from) {
        int i = text.indexOf(phrase, from);
        while (i >= 0) {
            boolean startOk = !isWordChar(phrase.charAt(0)) || i == 0 || !isWordChar(text.charAt(i - 1));
            int end = i + phrase.length();
            boolean endOk = !isWordChar(phrase.charAt(phrase.length() - 1)) || end == text.length()
                    || !isWordChar(text.charAt(end));
            if (startOk && endOk) {
                return i;
            }
            i = text.indexOf(phrase, i + 1);
        }
        return -1;
    }

    /** Start of the clause containing {@code pos}: the index after the previous clause delimiter. */
    public static int clauseStart(String text, int pos) {
        for (int i = pos - 1; i >= 0; i--) {
            if (".!?;,。！？；，\n:：".indexOf(text.charAt(i)) >= 0) {
                return i + 1;
            }
        }
        return 0;
    }
}
