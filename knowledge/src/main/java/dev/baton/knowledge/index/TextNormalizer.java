package dev.baton.knowledge.index;

import dev.baton.text.Texts;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Brings customer phrasings and knowledge text to one lexical form, applied identically at index and query time.
 *
 * <p>The lexical form (analysed for BM25):
 * <ol>
 *   <li>NFKC: full-width letters, digits and punctuation become half-width ({@code ＡＢＣ１２３？} → {@code ABC123?});</li>
 *   <li>traditional → simplified Chinese (opencc4j), so {@code 花唄} matches {@code 花呗};</li>
 *   <li>lower case;</li>
 *   <li>politeness fillers that carry no meaning are removed ({@code 请问}, {@code 您好}, {@code 麻烦问一下}, …),
 *       and so are sentence-final particles ({@code 呢 吗 呀 啊 吧 哦 嘛 啦}) before punctuation or the end;</li>
 *   <li>punctuation becomes a space.</li>
 * </ol>
 *
 * <p>The dense form (embedded) is lighter and shared with triage: {@link Texts#dense(String)}.
 */
public final class TextNormalizer {

    private static final Pattern FILLERS = Pattern.compile(
            "请问一下|请问下|请问|麻烦问一下|麻烦问下|麻烦您|麻烦你|我想问一下|我想问下|想问一下|想问下|问一下|您好|你好|谢谢您|谢谢你|谢谢|亲爱的|亲[,，]?");
    private static final Pattern FINAL_PARTICLES = Pattern.compile("[呢吗呀啊吧哦嘛啦哈]+(?=[\\p{P}\\p{S}\\s]|$)");
    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}\\s]+");

    /** The form that is analysed for BM25: NFKC, simplified, lower case, fillers dropped, punctuation removed. */
    public String lexical(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = Texts.simplified(Normalizer.normalize(text, Normalizer.Form.NFKC)).toLowerCase(Locale.ROOT);
        String stripped = FINAL_PARTICLES.matcher(FILLERS.matcher(s).replaceAll("")).replaceAll("");
        if (!stripped.isBlank()) {
            s = stripped;
        }
        return PUNCTUATION.matcher(s).replaceAll(" ").strip();
    }
}
