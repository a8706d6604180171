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
