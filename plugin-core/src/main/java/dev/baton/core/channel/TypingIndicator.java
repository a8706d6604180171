package dev.baton.core.channel;

/**
 * A channel that can show its customer that a person is typing an answer (the web widget's "ann is typing…"). The
 * inbox calls it, throttled, while an agent who holds the conversation types in the reply box. It is a hint: it must
 * return at once, never throw, and may drop the notice (no open connection, the customer left).
 */
@FunctionalInterface
public interface TypingIndicator {

    /**
     * @param customerId the customer's platform id on this channel
     * @param agentName  the name to show
     */
    void agentTyping(String customerId, String agentName);
}
