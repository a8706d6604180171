package dev.baton.core.agent;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One turn in the model per conversation: LangChain4j's memory for an id must never see two calls at once. A turn
 * enters its conversation's slot before its call and leaves when the call has really ended, even after its caller
 * gave up at the deadline.
 *
 * <p>A turn abandoned at its deadline had its call cancelled, so it leaves moments later. The conversation's next turn
 * waits for that (with the patience it is given) instead of giving up at once: a slow call must not make the
 * customer's next message fall back, and hand off when the knowledge has no answer. A turn whose call was not
 * abandoned (two callers at once, which the engine's lanes never do) is not waited for.
 */
final class TurnSlots {

    private final Map<Long, Turn> slots = new ConcurrentHashMap<>();

    /** The turn in progress for a conversation, or null. */
    Turn current(long conversationId) {
        return slots.get(conversationId);
    }

    /** Takes the slot for {@code turn}; false when another turn holds it and does not leave within the patience. */
    boolean enter(Turn turn, Duration patience) {
        Turn previous = slots.putIfAbsent(turn.conversationId, turn);
        if (previous == null) {
            return true;
        }
        if (!previous.abandoned) {
            return false;
        }
        try {
            if (!previous.awaitEnd(patience)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return slots.putIfAbsent(turn.conversationId, turn) == null;
    }

    /** The turn leaves its slot (if it held it); whoever waits for it may go on. */
    void leave(Turn turn) {
        slots.remove(turn.conversationId, turn);
        turn.end();
    }
}
