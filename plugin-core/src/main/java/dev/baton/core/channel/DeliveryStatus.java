package dev.baton.core.channel;

import java.time.Instant;

/**
 * A platform's report about a message Baton sent (WhatsApp statuses). Statuses may arrive out of order: the
 * store only moves a message forward (sent → delivered → read), except that {@code FAILED} is always recorded.
 *
 * @param reference what the sender attached to the request and the platform echoed ({@link OutboxReference}), or
 *                  null: it names the outbox row even when the row's platform id was never recorded
 */
public record DeliveryStatus(Channel channel, String platformMessageId, String customerId, State state,
                             Instant at, String errorCode, String errorTitle, String reference) {

    /** A status without a reference. */
    public DeliveryStatus(Channel channel, String platformMessageId, String customerId, State state, Instant at,
                          String errorCode, String errorTitle) {
        this(channel, platformMessageId, customerId, state, at, errorCode, errorTitle, null);
    }

    public enum State {
        SENT(1), DELIVERED(2), READ(3), FAILED(4);

        private final int rank;

        State(int rank) {
            this.rank = rank;
        }

        /** Order used to ignore a late "sent" after "read". */
        public int rank() {
            return rank;
        }
    }
}
