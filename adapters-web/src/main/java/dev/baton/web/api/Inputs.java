package dev.baton.web.api;

import dev.baton.core.conversation.Customer;

import java.util.regex.Pattern;

/**
 * What a visitor may hand in, checked before anything is stored: message texts (no control characters but line
 * breaks and tabs, at most the configured length), client ids, names, tiers, contact details. Each check either
 * returns the clean value or throws a {@link Refusal} that says what to fix.
 */
final class Inputs {

    /** A client id: what makes a resend a duplicate. Long enough for a UUID, short enough to key the inbound log. */
    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    static final int MAX_NAME = 64;
    static final int MAX_USER_ID = 128;
    static final int MAX_COMMENT = 1000;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|[\\u2028\\u2029]");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{5,30}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{2,}");

    private Inputs() {
    }

    /** A message text: required, control characters removed, at most {@code max} characters. */
    static String text(String raw, int max, String field) {
        String t = raw == null ? "" : CONTROL.matcher(raw).replaceAll("").strip();
        if (t.isEmpty()) {
            throw new Refusal(400, field + " is required");
        }
        if (t.codePointCount(0, t.length()) > max) {
            throw new Refusal(413, field + " is longer than " + max + " characters");
        }
        return t;
    }

    /** An optional one-line text (a name, a comment): null when blank; cut at {@code max} characters. */
    static String line(String raw, int max) {
        if (raw == null) {
            return null;
        }
        String t = CONTROL.matcher(raw.replace('\n', ' ').replace('\t', ' ')).replaceAll("").strip()
                .replaceAll("\\s+", " ");
        if (t.isEmpty()) {
            return null;
        }
        return t.codePointCount(0, t.length()) <= max ? t : t.substring(0, t.offsetByCodePoints(0, max));
    }

    static String clientId(String raw) {
        if (raw == null || !CLIENT_ID.matcher(raw).matches()) {
            throw new Refusal(400, "id is required: 8 to 64 letters, digits, '-' or '_', unique per message "
                    + "(a resend with the same id is stored once)");
        }
        return raw;
    }

    /** A site's user id: 1 to 128 characters, no control character. */
    static String userId(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > MAX_USER_ID || CONTROL.matcher(raw).find()
                || raw.contains("\n") || raw.contains("\t")) {
            throw new Refusal(400, "userId must be 1 to " + MAX_USER_ID + " characters without control characters");
        }
        return raw.strip();
    }

    /** A tier as the customer profile takes it, or null for none. */
    static String tier(String raw) {
        String tier = Customer.normalizeTier(raw);
        String problem = Customer.tierProblem(tier);
        if (problem != null) {
            throw new Refusal(400, problem);
        }
        return tier;
    }

    /** A phone number or an e-mail address. */
    static String contact(String raw) {
        String c = line(raw, 128);
        if (c == null || !(PHONE.matcher(c).matches() || EMAIL.matcher(c).matches())) {
            throw new Refusal(400, "contact must be a phone number or an e-mail address");
        }
        return c;
    }
}
