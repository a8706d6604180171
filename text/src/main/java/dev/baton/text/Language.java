package dev.baton.text;

/** Tells Chinese from other text by its share of CJK ideographs: good enough to pick the reply language. */
public final class Language {

    private Language() {
    }

    /** {@code "zh"} when at least a fifth of the letters are CJK ideographs, else {@code "en"}. */
    public static String detect(String text) {
        if (text == null || text.isBlank()) {
            return "en";
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
        return letters > 0 && cjk * 5 >= letters ? "zh" : "en";
    }
}
