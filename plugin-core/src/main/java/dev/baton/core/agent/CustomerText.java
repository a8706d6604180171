package dev.baton.core.agent;

import java.util.Locale;

/**
 * Puts untrusted text into the prompt so that it cannot pass for Baton's own markup. The customer's message goes
 * inside {@code <customer_message lang="…">…</customer_message>}; inside it {@code & < >} are escaped, so the text can
 * never close the tag or open a {@code <staff_note>} or {@code <knowledge>} block, and {@code {{ }}} are broken up,
 * because LangChain4j renders the user message as a prompt template.
 */
public final class CustomerText {

    /** Longer messages are cut: an essay-length paste is not a customer-service question. */
    public static final int MAX_CHARS = 2000;

    private CustomerText() {
    }

    /** The customer's message, escaped and wrapped in its tag. */
    public static String delimit(String text, String language) {
        String lang = language == null ? "unknown" : language.toLowerCase(Locale.ROOT).replaceAll("[^a-z-]", "");
        String body = text == null ? "" : text.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").strip();
        if (body.length() > MAX_CHARS) {
            body = body.substring(0, MAX_CHARS) + "…";
        }
        return "<customer_message lang=\"" + lang + "\">\n" + escape(body) + "\n</customer_message>";
    }

    /** A note from Baton's staff (a human agent's resolve note), escaped and wrapped in its tag. */
    public static String staffNote(String text) {
        return "<staff_note>\n" + escape(text == null ? "" : text.strip()) + "\n</staff_note>";
    }

    /** Escapes markup and template braces; the model reads {@code &lt;} as {@code <} well enough. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replaceAll("\\{(?=\\{)", "{ ").replaceAll("}(?=})", "} ");
    }
}
