package dev.baton.core.triage;

import java.util.List;
import java.util.Objects;

/**
 * One customer message to triage.
 *
 * @param text                    the customer's message as received
 * @param earlierCustomerMessages the same customer's earlier messages in this conversation, oldest first; used for
 *                                repetition (the engine passes a bounded window, e.g. the last 10)
 * @param languageHint            {@code "zh"} or {@code "en"} when the channel or profile knows it, else null
 *                                (then the language is detected from the text)
 */
public record TriageInput(String text, List<String> earlierCustomerMessages, String languageHint) {

    public TriageInput {
        text = Objects.requireNonNullElse(text, "");
        earlierCustomerMessages = earlierCustomerMessages == null ? List.of() : List.copyOf(earlierCustomerMessages);
    }

    /** A message with no earlier context and no language hint. */
    public static TriageInput of(String text) {
        return new TriageInput(text, List.of(), null);
    }
}
