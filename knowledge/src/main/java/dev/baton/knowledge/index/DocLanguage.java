package dev.baton.knowledge.index;

import dev.baton.text.Language;

/**
 * Which embedding space a text belongs to: Chinese (bge-small-zh, which also reads Latin script) or English
 * (bge-small-en, which does not read Chinese). Decided per phrasing at index time and per message at query time.
 *
 * <p>The rule is the one language rule of {@link Language#detect(String)}: a text is Chinese when at least a fifth of
 * its letters are Han ideographs, English when it has letters and fewer Han ones. Mixed text with enough Chinese is
 * Chinese, because only the Chinese model reads both scripts. A text without any letter (an order number, emoji,
 * punctuation) is {@link #ZH}: the Chinese model is the one that reads anything.
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
        if (text == null || text.codePoints().noneMatch(Character::isLetter)) {
            return ZH; // no letters: the Chinese model reads anything
        }
        return Language.ZH.equals(Language.detect(text)) ? ZH : EN;
    }
}
