package dev.baton.core.channel;

/**
 * Receives one platform's webhook. Implementations verify the signature on the raw bytes (constant time),
 * decrypt if needed, parse with a tolerant reader, pass the messages to the {@link InboundSink} and return the
 * ack. They never process a message inline: the sink schedules processing after the message is stored.
 *
 * <p>Bad input gets a clear error status (400 malformed, 401/403 bad signature) and no side effects.
 */
public interface ChannelAdapter {

    Channel channel();

    /** The route this adapter serves, e.g. {@code /webhooks/wechat}. */
    String path();

    /** The largest body this route accepts; larger ones are refused with 413 before reaching the adapter. */
    default long maxBodyBytes() {
        return 1024 * 1024;
    }

    WebhookResponse handle(WebhookRequest request, InboundSink sink);
}
