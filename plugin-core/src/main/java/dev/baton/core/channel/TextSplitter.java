package dev.baton.core.channel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Splits a long reply into parts that fit a platform's limit, preferring paragraph, then sentence, then word
 * boundaries, and never splitting a surrogate pair. Limits are in characters (WhatsApp 4096) or UTF-8 bytes
 * (WeChat 2048 bytes).
 */
public final class TextSplitter {

    private TextSplitter() {
    }

    public static List<String> byChars(String text, int maxChars) {
        return split(text, maxChars, String::length);
    }

    public static List<String> byUtf8Bytes(String text, int maxBytes) {
        return split(text, maxBytes, s -> s.getBytes(StandardCharsets.UTF_8).length);
    }

    private static List<String> split(String text, int max, ToIntFunction<String> size) {
        if (max <= 0) {
            throw new IllegalArgumentException("max must be positive");
        }
        List<String> parts = new ArrayList<>();
        String rest = text == null ? "" : text.strip();
        while (size.applyAsInt(rest) > max) {
            int cut = largestPrefix(rest, max, size);
            int boundary = bestBoundary(rest, cut);
            String head = rest.substring(0, boundary).strip();
            if (!head.isEmpty()) {
                parts.add(head);
            }
            rest = rest.substring(boundary).strip();
        }
        if (!rest.isEmpty() || parts.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    /** Length (in chars) of the longest prefix whose size fits, not ending inside a surrogate pair. */
    private static int largestPrefix(String s, int max, ToIntFunction<String> size) {
        int lo = 1;
        int hi = s.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (size.applyAsInt(s.substring(0, mid)) <= max) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if (lo < s.length() && Character.isHighSurrogate(s.charAt(lo - 1)) && lo > 1) {
            lo--;
        }
        return lo;
    }

    private static int bestBoundary(String s, int cut) {
        int min = Math.max(1, cut / 2);
        int para = s.lastIndexOf("\n\n", cut);
        if (para >= min) {
            return para;
        }
        int line = s.lastIndexOf('\n', cut - 1);
        if (line >= min) {
            return line + 1;
        }
        for (int i = cut - 1; i >= min; i--) {
            char c = s.charAt(i);
            if (c == '。' || c == '！' || c == '？' || c == '；' || c == '.' || c == '!' || c == '?') {
                return i + 1;
            }
        }
        for (int i = cut - 1; i >= min; i--) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i + 1;
            }
        }
        return cut;
    }
}
