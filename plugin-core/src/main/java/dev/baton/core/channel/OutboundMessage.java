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

    /** A pre-approved template (WhatsApp, outside the 24-hour window). */
    public record Template(String name, String language, List<String> parameters, String text)
            implements OutboundContent {
        public Template {
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
        }
    }
}
