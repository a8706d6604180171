package dev.baton.core.channel;

import java.util.List;

/**
 * The engine as every adapter sees it. An adapter verifies and parses a webhook, then hands the messages here
 * <em>before</em> it acks the platform: {@link #accept} stores them durably (deduplicated on channel + platform
 * message id) and schedules processing. Only then may the adapter answer 200 / "success".
 *
 * <p>This is all a channel that delivers its replies through a send API needs. A channel whose replies leave in
 * answer to a request instead (WeChat passive mode, the dev channel) declares it and gets more: {@code PassiveReplies}
 * in the {@code plugin} package.
 */
public interface InboundSink {

    /**
     * Stores each message in the inbound log and schedules it. Duplicates (same channel + platform message id)
     * are recognised and not processed again.
     *
     * @return one receipt per message, in order
     */
    List<Receipt> accept(List<InboundMessage> messages);

    /** Records a delivery status for a message Baton sent. Unknown ids are ignored. */
    void deliveryStatus(DeliveryStatus status);

    /** A platform-level alert (e.g. an expired token) to be logged and counted, never with the secret. */
    default void alert(Channel channel, String code, String message) {
    }

    /**
     * What {@link #accept} did with one message.
     *
     * @param inboundId the inbound log row id (the same id for a duplicate)
     * @param duplicate true when this platform message id was already stored
     */
    record Receipt(long inboundId, boolean duplicate) {
    }
}
