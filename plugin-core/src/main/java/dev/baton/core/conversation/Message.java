package dev.baton.core.conversation;

import java.time.Instant;

/**
 * One line of the transcript.
 *
 * @param inboundId   the inbound log row it came from (customer messages), or null
 * @param authorName  the human agent's name for human replies, else null
 * @param citation    the knowledge citation behind a bot answer, or null
 * @param signals     what Baton read from a customer message, or null (other authors; unreadable old rows)
 */
public record Message(long id, long conversationId, Long inboundId, Author author, String authorName, String text,
                      String citation, TurnSignals signals, Instant createdAt) {

    public boolean fromCustomer() {
        return author == Author.CUSTOMER;
    }
}
