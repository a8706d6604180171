package dev.baton.core.channel;

import java.time.Duration;
import java.util.List;

/**
 * What happened to one delivery attempt, typed by what the outbox must do next.
 */
public sealed interface SendOutcome {

    /** Delivered; the platform's ids of the message(s) sent (a long text may become several). */
    record Delivered(List<String> platformMessageIds) implements SendOutcome {
        public Delivered {
            platformMessageIds = List.copyOf(platformMessageIds);
        }
    }

    /** A transient failure (rate limit, 5xx, timeout): try again later with backoff. */
    record RetryLater(String code, String reason, Duration notBefore) implements SendOutcome {
    }

    /**
     * The platform refused for good: do not retry. {@code windowClosed} is true when the reason is the channel's
     * reply window or quota (WeChat 45015/45047, WhatsApp 131047, WeCom 95xxx): the conversation is marked so
     * agents see it.
     */
    record Rejected(String code, String reason, boolean windowClosed) implements SendOutcome {
    }

    /**
     * The sender chose not to send because a human is serving this customer on the platform itself (WeCom
     * service state): the message is dropped and the conversation treated as taken over.
     */
    record SuppressedByHuman(String detail) implements SendOutcome {
    }
}
