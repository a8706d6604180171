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
}
