package dev.baton.core.handoff.callback;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a way to reach the customer in a plain message: an email address, or a phone number. A bare run of digits
 * could as well be an order number, so a number counts as a phone only when it looks like one: an international
 * number ({@code +44 20 7946 0958}, {@code 0086…}), a Chinese mobile number (11 digits from 13 to 19), a landline
 * with its area code ({@code 010-6552 9988}), or any 7 to 15 digits right after a word that says so ("电话", "手机",
 * "phone", "call me on", "tel").
 */
public final class ContactDetails {

    /**
     * What a message holds.
     *
     * @param contact the email or phone as written (trimmed), or null
     * @param rest    the message without it (the question, if any)
     */
    public record Found(String contact, String rest) {
        public boolean hasContact() {
            return contact != null;
        }
    }

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern INTERNATIONAL = Pattern.compile("(?<![\\w+])(?:\\+|00)\\d[\\d \\-()]{6,20}\\d");
    private static final Pattern MOBILE_CN = Pattern.compile("(?<!\\d)1[3-9]\\d[ \\-]?\\d{4}[ \\-]?\\d{4}(?!\\d)");
    private static final Pattern LANDLINE = Pattern.compile("(?<!\\d)0\\d{2,3}[ \\-]\\d{3,4}[ \\-]?\\d{4}(?!\\d)");
    private static final Pattern AFTER_WORD = Pattern.compile(
            "(?:电话|手机|手机号|号码|联系方式|phone|mobile|tel|call me (?:on|at)|number)\\s*(?:是|为|:|：|is)?\\s*"
                    + "(\\d[\\d \\-]{5,18}\\d)", Pattern.CASE_INSENSITIVE);

    private ContactDetails() {
    }

    public static Found find(String text) {
        if (text == null || text.isBlank()) {
            return new Found(null, "");
        }
        Optional<Matcher> m = first(text, EMAIL, INTERNATIONAL, MOBILE_CN, LANDLINE);
        if (m.isEmpty()) {
            Matcher w = AFTER_WORD.matcher(text);
            if (w.find() && digits(w.group(1)) >= 7 && digits(w.group(1)) <= 15) {
                return new Found(w.group(1).strip(), rest(text, w.start(1), w.end(1)));
            }
            return new Found(null, text.strip());
        }
        Matcher hit = m.get();
        return new Found(hit.group().strip(), rest(text, hit.start(), hit.end()));
    }

    private static Optional<Matcher> first(String text, Pattern... patterns) {
        for (Pattern p : patterns) {
            Matcher m = p.matcher(text);
            if (m.find() && (p == EMAIL || digits(m.group()) >= 7 && digits(m.group()) <= 15)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static long digits(String s) {
        return s.chars().filter(Character::isDigit).count();
    }

    /** The message without the contact and the words just before it that only introduce it ("我的电话是"). */
    private static String rest(String text, int start, int end) {
        String before = INTRO.matcher(text.substring(0, start)).replaceFirst("");
        String r = (before.strip() + " " + text.substring(end).strip()).strip();
        r = r.replaceAll("^[\\s,，。.;；:：]+|[\\s,，;；:：]+$", "").replaceAll("\\s{2,}", " ");
        return r.toLowerCase(Locale.ROOT).matches("[\\p{Punct}\\s，。！？、]*") ? "" : r;
    }

    private static final Pattern INTRO = Pattern.compile("(?:我的)?(?:电话|手机号?|号码|联系方式|邮箱|座机|email|e-mail|"
            + "phone(?: number)?|mobile|tel|call me(?: on| at)?|(?:my )?(?:phone )?number|reach me(?: on| at)?)"
            + "\\s*(?:是|为|:|：|is)?\\s*$", Pattern.CASE_INSENSITIVE);
}
