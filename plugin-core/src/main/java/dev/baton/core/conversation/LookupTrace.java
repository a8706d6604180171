package dev.baton.core.conversation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a business look-up did in one customer turn, stored with the customer's message (in its {@link TurnSignals}):
 * later turns read it back (a parameter the bot asked for, a follow-up on the same look-up), and people read it in the
 * handoff and the conversation view ({@link #results}).
 *
 * @param name    the look-up's name ({@code lookups[].name})
 * @param outcome what happened
 * @param params  the parameters the customer gave (never the verified identity, which the channel supplies)
 * @param asked   the parameter the bot asked for ({@link Outcome#ASKED}), else null
 * @param text    what the result says, in the conversation's language (the answer template, the not-found or the
 *                error text), for people; null when asked
 */
public record LookupTrace(String name, Outcome outcome,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> params,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String asked,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String text) {

    @JsonCreator
    public LookupTrace {
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** What a look-up did. */
    public enum Outcome {
        /** A parameter was missing: the bot asked the customer for it. */
        ASKED,
        /** The business's API returned the record; the customer got the answer. */
        FOUND,
        /** The API has no such record. */
        NOT_FOUND,
        /** The API failed (timeout, error status, unreadable answer, circuit open). */
        FAILED,
        /** The call was refused before it went out (a typed identity, the per-turn limit). */
        REFUSED;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Outcome fromCode(String code) {
            return Arrays.stream(values()).filter(o -> o.code().equalsIgnoreCase(code)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown look-up outcome " + code));
        }

        /** The API answered (the record, or that there is none): the customer got facts, not an apology. */
        public boolean answered() {
            return this == FOUND || this == NOT_FOUND;
        }
    }

    public static LookupTrace asked(String name, Map<String, String> params, String param) {
        return new LookupTrace(name, Outcome.ASKED, params, param, null);
    }

    /**
     * The look-up results of a transcript, oldest first, for people: every look-up that reached the business's API
     * (found, not found, failed), with when the customer asked.
     */
    public static List<HandoffTicket.LookupResult> results(List<Message> transcript) {
        List<HandoffTicket.LookupResult> out = new ArrayList<>();
        for (Message m : transcript) {
            if (!m.fromCustomer() || m.signals() == null) {
                continue;
            }
            for (LookupTrace t : m.signals().lookups()) {
                if (t.outcome() == Outcome.FOUND || t.outcome() == Outcome.NOT_FOUND
                        || t.outcome() == Outcome.FAILED) {
                    out.add(new HandoffTicket.LookupResult(m.createdAt(), t.name(), t.outcome().code(), t.text()));
                }
            }
        }
        return out;
    }
}
