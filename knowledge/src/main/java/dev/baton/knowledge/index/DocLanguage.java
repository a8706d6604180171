package dev.baton.knowledge.index;

/**
 * Which embedding space a text belongs to: Chinese (bge-small-zh, which also reads Latin script) or English
 * (bge-small-en, which does not read Chinese). Decided per phrasing at index time and per message at query time.
 *
 * <p>The rule is the conversation-language rule of the engine ({@code core.conversation.Language}): a text is Chinese
 * when at least a fifth of its letters are Han ideographs, English when it has letters and fewer Han ones. Mixed text
 * with enough Chinese is Chinese, because only the Chinese model reads both scripts. A text without any letter
 * (an order number, emoji, punctuation) is {@link #ZH}: the Chinese model is the one that reads anything. Kept here,
 * free of dependencies, because the knowledge module does not depend on the engine.
 */
public enum DocLanguage {
    ZH("zh"),
    EN("en");

    private final String code;

    DocLanguage(String code) {
        this.code = code;
    }

    /** {@code "zh"} or {@code "en"}: the value of {@link IndexFields#LANG}. */
    public String code() {
        return code;
    }

    /** The language of {@code text} by the rule above. */
    public static DocLanguage of(String text) {
        if (text == null) {
            return ZH;
        }
        int han = 0;
        int letters = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.isLetter(cp)) {
                letters++;
                if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                    han++;
                }
            }
            i += Character.charCount(cp);
        }
        return letters == 0 || han * 5 >= letters ? ZH : EN;
    }
}
