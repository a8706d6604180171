package dev.baton.knowledge.ingest;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Stable, readable anchors for headings: {@code "How do I return?"} → {@code how-do-i-return},
 * {@code "怎么退货？"} → {@code 怎么退货}. Letters and digits of any script are kept (NFKC, lower case), every
 * other run of characters becomes one {@code -}. Repeated slugs in one file get {@code -2}, {@code -3}, ….
 */
public final class Slugs {

    private final Map<String, Integer> seen = new HashMap<>();

    /** The slug of a text, without de-duplication. */
    public static String slug(String text) {
        if (text == null) {
            return "top";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(s.length());
        boolean dash = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                sb.appendCodePoint(cp);
                dash = false;
            } else if (!dash && sb.length() > 0) {
                sb.append('-');
                dash = true;
            }
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == '-') {
            end--;
        }
        String slug = sb.substring(0, Math.min(end, 80));
        return slug.isEmpty() ? "section" : slug;
    }

    /** The slug of a text, unique within this instance (one instance per file). */
    public String unique(String text) {
        String base = slug(text);
        int n = seen.merge(base, 1, Integer::sum);
        return n == 1 ? base : base + "-" + n;
    }
}
