package dev.baton.core.conversation;

/**
 * Notified after a change is committed, so live views (the inbox's SSE stream) can refresh. Called on the thread
 * that made the change: implementations must be quick and must not throw.
 */
@FunctionalInterface
public interface ConversationEvents {

    /**
     * What happened: a new message, a state change, a new ticket, a delivery problem, a first-response SLA breach (a
     * claimed ticket nobody answered in time went back to the queue: supervisors are alerted), a callback (left
     * message) created or closed.
     */
    enum Kind { MESSAGE, STATE, TICKET, DELIVERY, SLA_BREACH, CALLBACK }

    void changed(long conversationId, Kind kind);

    static ConversationEvents none() {
        return (id, kind) -> {
        };
    }
}
