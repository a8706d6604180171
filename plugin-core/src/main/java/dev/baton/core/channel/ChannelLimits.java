package dev.baton.core.channel;

import java.time.Duration;
import java.time.Instant;

/**
 * What a channel allows, so the engine and the inbox can respect it.
 *
 * @param maxTextChars          longest single text message; senders split above it
 * @param replyWindow           how long after the customer's last message a free-form reply is allowed, or null
 *                              when unlimited (WeChat OA 48 h, WeCom 48 h, WhatsApp 24 h)
 * @param maxRepliesPerInbound  how many messages may be sent per customer message inside the window, or 0 when
 *                              unlimited (WeCom: 5)
 * @param supportsButtons       true when replies can carry tappable buttons
 * @param answerDeadline        how long the agent may work on one customer message, or null when the channel does
 *                              not wait for the answer (the agent's own {@code llm.deadline} applies). Set by
 *                              channels that must answer inside the platform's request (WeChat passive mode), so
 *                              that the answer, the model's or the offline one, is ready while the platform waits
 */
public record ChannelLimits(int maxTextChars, Duration replyWindow, int maxRepliesPerInbound,
                            boolean supportsButtons, Duration answerDeadline) {

    /** Limits of a channel that does not wait for the answer. */
    public ChannelLimits(int maxTextChars, Duration replyWindow, int maxRepliesPerInbound, boolean supportsButtons) {
        this(maxTextChars, replyWindow, maxRepliesPerInbound, supportsButtons, null);
    }

    public static ChannelLimits unlimited() {
        return new ChannelLimits(100_000, null, 0, false);
    }

    /**
     * How long a free-form message stays allowed after the customer's last message: null when this channel has no
     * reply window or the customer never wrote, {@link Duration#ZERO} once the window has closed.
     */
    public Duration windowRemaining(Instant lastCustomerMessage, Instant now) {
        if (replyWindow == null || lastCustomerMessage == null) {
            return null;
        }
        Duration left = Duration.between(now, lastCustomerMessage.plus(replyWindow));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
