package dev.baton.text;

import java.util.Locale;

/**
 * Tells Chinese from other text by its share of CJK ideographs: good enough to pick the reply language, and the one
 * rule every caller uses (the engine for the customer's language, triage for its {@code language} signal and for
 * keeping Chinese away from the English sentiment classifiers).
 *
 * <p>The rule: {@code zh} when at least a fifth of the letters are Han characters, else {@code en}. A fifth, not a
 * third or a half, because Chinese customers name products in Latin letters: "iPhone 坏了" (2 of 8 letters) is a
 * Chinese message and must be answered in Chinese.
 */
public final class Language {

    /** Chinese. */
    public static final String ZH = "zh";
    /** English, and every text that is not Chinese. */
    public static final String EN = "en";

    private Language() {
    }

    /** {@value #ZH} when at least a fifth of the letters are CJK ideographs, else {@value #EN} (also for blank text). */
    public static String detect(String text) {
        if (text == null || text.isBlank()) {
            return EN;
        }
        int cjk = 0;
        int letters = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.isLetter(cp)) {
                letters++;
                if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                    cjk++;
                }
            }
            i += Character.charCount(cp);
        }
        return letters > 0 && cjk * 5 >= letters ? ZH : EN;
    }

    /** How many Latin words a message needs to move a conversation out of Chinese: a sentence, not "ok" or "thx". */
    public static final int WORDS_TO_LEAVE_CHINESE = 3;

    /**
     * The language of a conversation after the customer wrote {@code text}, when it was {@code current} before (null:
     * not known yet). The conversation's language comes from what the customer writes, and only words are evidence:
     * text without letters (an emoji, an order number, punctuation) and codes that mix letters and digits
     * ({@code A12345}) leave it as it was. Chinese text (the rule of {@link #detect(String)}) makes it {@value #ZH};
     * Latin words make a new conversation {@value #EN}, but a Chinese one only with a sentence of at least
     * {@value #WORDS_TO_LEAVE_CHINESE} words, because Chinese customers write "ok", "thx" or "pick up" in Latin
     * letters too. Without any evidence and nothing known, {@link #detect(String)} decides ({@value #EN}).
     */
    public static String following(String current, String text) {
        int han = 0;
        int letters = 0;
        int words = 0;
        String s = text == null ? "" : text;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                han++;
                letters++;
                i += Character.charCount(cp);
                continue;
            }
            if (Character.isLetterOrDigit(cp)) {
                int start = i;
                boolean digit = false;
                int count = 0;
                while (i < s.length()) {
                    int c = s.codePointAt(i);
                    if (!Character.isLetterOrDigit(c) || Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                        break;
                    }
                    digit |= Character.isDigit(c);
                    count += Character.isLetter(c) ? 1 : 0;
                    i += Character.charCount(c);
                }
                letters += count;
                if (!digit && count >= 2 && i > start) {
                    words++;
                }
                continue;
            }
            i += Character.charCount(cp);
        }
        if (han > 0 && han * 5 >= letters) {
            return ZH;
        }
        if (words == 0) {
            return current != null ? current : detect(s);
        }
        if (current == null || !current.equals(ZH)) {
            return EN;
        }
        return words >= WORDS_TO_LEAVE_CHINESE ? EN : ZH;
    }

    /**
     * The language of {@code text} when the channel or the customer's profile may already know it: a hint such as
     * {@code zh-CN} or {@code en_US} becomes {@value #ZH} or {@value #EN}, another hint is kept in lower case
     * ({@code ja}); without a hint, {@link #detect(String)}.
     */
    public static String detect(String text, String hint) {
        if (hint == null || hint.isBlank()) {
            return detect(text);
        }
        String h = hint.toLowerCase(Locale.ROOT);
        return h.startsWith(ZH) ? ZH : h.startsWith(EN) ? EN : h;
    }
}
