package dev.baton.core.csat;

import dev.baton.core.channel.InboundContent;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a typed answer to a satisfaction request as a rating, or says it is not one. Only the start of the message
 * counts; what follows the score is the comment:
 * <ul>
 *   <li>a digit 1–5, half- or full-width ({@code 5}, {@code ５}), optionally with a unit ({@code 5分}, {@code 4星},
 *       {@code 4/5}, {@code 4 stars}), then the comment ({@code 4 很好}, {@code 3 - slow reply}, {@code 4很好});</li>
 *   <li>a Chinese numeral with 星 or 分 ({@code 五星}, {@code 三分 一般}), or alone ({@code 五}): a bare numeral
 *       followed by more text is not read, because {@code 一般} or {@code 一下} are words, not scores;</li>
 *   <li>one to five stars ({@code ★★★★}, {@code ⭐⭐⭐⭐⭐}).</li>
 * </ul>
 * Anything else is not a rating: {@code 0}, {@code 6}, {@code 12345}, {@code 4.5}, {@code 5pm}, a question. Stateless.
 */
public final class RatingReader {

    private static final String UNIT = "(?:\\s*/\\s*5|\\s*(?:分|星|颗星|stars?|points?)\\b|\\s*(?:分|星|颗星))?";
    /** What may follow the score directly: the end, a space or punctuation, or a Chinese character. */
    private static final String BOUNDARY = "(?=$|[\\s\\p{Punct}，。！？、；：～…—–·]|\\p{IsHan})";
    /** A score, not the start of a number ("12", "4.5"), then an optional unit. */
    private static final Pattern DIGIT = Pattern.compile("^([1-5])(?![0-9.,]\\d)" + UNIT + BOUNDARY + "(.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL | Pattern.UNICODE_CASE);
    private static final Pattern HAN = Pattern.compile("^([一二三四五])\\s*(?:颗星|星|分)(.*)$", Pattern.DOTALL);
    private static final Pattern HAN_ALONE = Pattern.compile("^([一二三四五])[\\s\\p{Punct}，。！]*$");
    private static final Pattern STARS = Pattern.compile("^([★⭐]{1,5})(?![★⭐])(.*)$", Pattern.DOTALL);
    private static final Pattern LEADING_SEPARATORS = Pattern.compile("^[\\s\\p{Punct}，。！？、；：～…—–·]+");

    private RatingReader() {
    }

    public static Optional<InboundContent.Rating> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = halfWidthDigits(text).strip().replace("\uFE0F", "");
        Matcher m = DIGIT.matcher(t);
        if (m.matches()) {
            return rating(m.group(1).charAt(0) - '0', m.group(2));
        }
        m = HAN.matcher(t);
        if (m.matches()) {
            return rating(han(m.group(1).charAt(0)), m.group(2));
        }
        m = HAN_ALONE.matcher(t);
        if (m.matches()) {
            return rating(han(m.group(1).charAt(0)), "");
        }
        m = STARS.matcher(t);
        if (m.matches()) {
            return rating(m.group(1).codePointCount(0, m.group(1).length()), m.group(2));
        }
        return Optional.empty();
    }

    /**
     * "５", "４／５" as "5", "4/5". Only digits and the slash: the comment stays as the customer wrote it (a full
     * normalisation would turn "很快，谢谢" into "很快,谢谢").
     */
    private static String halfWidthDigits(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(c >= '０' && c <= '９' ? (char) ('0' + (c - '０')) : c == '／' ? '/' : c);
        }
        return sb.toString();
    }

    private static Optional<InboundContent.Rating> rating(int score, String rest) {
        String comment = LEADING_SEPARATORS.matcher(rest == null ? "" : rest).replaceFirst("").strip();
        return Optional.of(new InboundContent.Rating(score, comment.isEmpty() ? null : comment));
    }

    private static int han(char c) {
        return "一二三四五".indexOf(c) + 1;
    }
}
