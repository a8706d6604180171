package dev.baton.core.channel;

/**
 * Delivers replies through one platform's send API. Called by the outbox worker, never inline with the webhook.
 * Implementations map platform errors onto {@link SendOutcome}: retry later, give up (and say whether the reply
 * window is the reason), or refresh a token and retry exactly once internally.
 */
public interface Sender {

    Channel channel();

    SendOutcome send(OutboundMessage message);

    /** Limits the engine respects when composing replies for this channel. */
    ChannelLimits limits();

    /**
     * True when the platform confirms each accepted message with a status that echoes this sender's
     * {@link OutboxReference} (WhatsApp). A reply whose send was cut short (the instance died between the request
     * and recording it) is then not sent again at once: the outbox waits a grace period for that status, which
     * proves it left, and sends it again only if none came. False (the default): such a reply is sent again at once.
     */
    default boolean confirmsDeliveries() {
        return false;
    }
}
