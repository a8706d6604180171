package dev.baton.core.channel;

import java.time.Instant;
import java.util.List;

/**
 * A reply to deliver to one customer.
 *
 * @param outboxId       the outbox row id; senders may use it as an idempotency key
 * @param conversationId the conversation it belongs to
 * @param channel        where it goes
 * @param customerId     the customer's platform id
 * @param channelAccount the business-side account to send from (may be null)
 * @param content        what to send
 * @param author         who wrote it: the bot's answers may carry a "talk to a human" button, a human's never
 * @param language       the customer's language (e.g. {@code zh}, {@code en}), for localised labels; may be null
 * @param customerLastMessageAt when the customer last wrote, for reply-window checks; may be null
 */
public record OutboundMessage(long outboxId, long conversationId, Channel channel, String customerId,
                             String channelAccount, OutboundContent content, Author author, String language,
                             Instant customerLastMessageAt) {

    /** Who wrote an outbound message. */
    public enum Author { BOT, HUMAN, SYSTEM }

    /** What a reply holds. */
    public sealed interface OutboundContent {
        String text();
    }

    /** Plain text. Senders split it at the platform's length limit. */
    public record Text(String text) implements OutboundContent {
    }

    /**
     * Text with reply buttons (WhatsApp interactive buttons). Channels without buttons send the text and, where
     * sensible, a textual hint.
     */
    public record TextWithButtons(String text, List<Button> buttons) implements OutboundContent {
        public TextWithButtons {
            buttons = List.copyOf(buttons);
        }
    }

    public record Button(String id, String title) {
    }

    /**
     * A satisfaction request (CSAT): the customer is asked to rate, from 1 (bad) to 5 (very good), the conversation
     * with a person that just ended. {@code text} is the whole question as text ("How did we do? Reply 1–5 …"): what
     * a text-only channel sends, what the transcript shows, and what the customer answers by typing a number (the
     * engine reads it). A channel with tappable choices renders {@code prompt} with the {@code choices} instead and
     * maps a tap back to {@link InboundContent.Rating}: WhatsApp a list message ({@code action} is the label of the
     * button that opens it), the web widget its stars. All texts are already in the customer's language.
     *
     * @param choices the five scores with their labels, best first
     */
    public record RatingRequest(String text, String prompt, String action, List<RatingChoice> choices)
            implements OutboundContent {
        public RatingRequest {
            choices = List.copyOf(choices);
        }
    }

    /** One score of a {@link RatingRequest}: 1 to 5 and its label ("5 · Very good"). */
    public record RatingChoice(int score, String label) {
    }

    /** A pre-approved template (WhatsApp, outside the 24-hour window). */
    public record Template(String name, String language, List<String> parameters, String text)
            implements OutboundContent {
        public Template {
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
        }
    }
}
