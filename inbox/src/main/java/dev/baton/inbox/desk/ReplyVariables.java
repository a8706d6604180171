package dev.baton.inbox.desk;

import dev.baton.core.conversation.Customer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values a canned reply's variables take in one conversation: {@code {customer.name}}, {@code {agent.name}},
 * {@code {ticket.id}} and the profile's {@code {customer.tier}}, {@code {customer.tags}}, {@code {customer.id}}.
 * A variable that is not one of these, or has no value here (a customer without a name, no open ticket), is left as
 * written and reported, never replaced by a guess or by nothing.
 */
public final class ReplyVariables {

    /** The variables a reply may use. */
    public static final List<String> KNOWN = List.of("customer.name", "agent.name", "ticket.id", "customer.tier",
            "customer.tags", "customer.id");

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)}");

    private final Map<String, String> values;
    private final String language;

    /**
     * @param values   the variables with a value (a blank value counts as none)
     * @param language the variant to use: {@code zh} or {@code en}
     */
    public ReplyVariables(Map<String, String> values, String language) {
        this.values = Map.copyOf(values);
        this.language = language;
    }

    /** The values for {@code customer} served by {@code agent}, {@code ticket} null when none is open. */
    static ReplyVariables of(Customer customer, String agent, Long ticket, String deskLanguage) {
        Map<String, String> v = new LinkedHashMap<>();
        put(v, "customer.name", customer.displayName());
        put(v, "agent.name", agent);
        put(v, "ticket.id", ticket == null ? null : String.valueOf(ticket));
        put(v, "customer.tier", customer.tier());
        put(v, "customer.tags", customer.tags().isEmpty() ? null : String.join(", ", customer.tags()));
        put(v, "customer.id", customer.platformId());
        String lang = "zh".equals(customer.language()) || "en".equals(customer.language()) ? customer.language()
                : deskLanguage;
        return new ReplyVariables(v, lang);
    }

    /** The variant in the customer's language (else the other one), filled. */
    public CannedReplies.Filled fill(String zh, String en) {
        String lang = language;
        String template = "zh".equals(lang) ? zh : en;
        if (template == null) {
            lang = "zh".equals(lang) ? "en" : "zh";
            template = "zh".equals(lang) ? zh : en;
        }
        List<String> unresolved = new ArrayList<>();
        Matcher m = VARIABLE.matcher(template == null ? "" : template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                if (!unresolved.contains(m.group())) {
                    unresolved.add(m.group());
                }
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
        }
        m.appendTail(out);
        return new CannedReplies.Filled(lang, out.toString(), List.copyOf(unresolved));
    }

    private static void put(Map<String, String> v, String key, String value) {
        if (value != null && !value.isBlank()) {
            v.put(key, value.strip());
        }
    }
}
