package dev.baton.core.channel;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The engine as an adapter sees it. An adapter verifies and parses a webhook, then hands the messages here
 * <em>before</em> it acks the platform: {@link #accept} stores them durably (deduplicated on channel + platform
 * message id) and schedules processing. Only then may the adapter answer 200 / "success".
 */
public interface InboundSink {

    /**
     * Stores each message in the inbound log and schedules it. Duplicates (same channel + platform message id)
     * are recognised and not processed again.
     *
     * @return one receipt per message, in order
     */
    List<Receipt> accept(List<InboundMessage> messages);

    /**
     * Like {@link #accept}, and the replies to these messages are held back from the outbox for a while (about
     * 30 s) because the caller will {@link #awaitReplies} them and deliver them itself (WeChat passive mode). Holding
     * before processing starts closes the race where the outbox would send a reply before the caller asks for it.
     */
    default List<Receipt> acceptHeld(List<InboundMessage> messages) {
        return accept(messages);
    }

    /** Records a delivery status for a message Baton sent. Unknown ids are ignored. */
    void deliveryStatus(DeliveryStatus status);

    /**
     * Waits up to {@code timeout} for the replies produced for one inbound message and <em>claims</em> them: claimed
     * replies are not delivered by the outbox, because the caller delivers them itself (WeChat passive mode puts
     * the reply in the HTTP response; the dev channel returns it in the API response). Returns what was ready.
     */
    PassiveReplies awaitReplies(long inboundId, Duration timeout);

    /**
     * Claims the replies for this customer that are stored but not yet delivered (for channels that can only
     * answer inside an HTTP response, such as WeChat passive mode: a reply that missed its request goes out with
     * the customer's next message).
     */
    PassiveReplies claimPending(Channel channel, String customerId);

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

    /**
     * Replies claimed by {@link #awaitReplies}.
     *
     * @param texts    the reply texts, in order
     * @param complete true when processing of the inbound message finished (no more replies will come)
     */
    record PassiveReplies(List<String> texts, boolean complete) {
        public Optional<String> joined() {
            return texts.isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", texts));
        }
    }
}
