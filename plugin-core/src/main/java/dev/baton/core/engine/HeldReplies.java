package dev.baton.core.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replies that a passive caller will deliver itself (WeChat passive mode puts them in the HTTP response), by inbound
 * message: the outbox leaves them alone while they are held, for {@link #HOLD} at most, so that a caller who never
 * comes back cannot hold a reply forever. Written by the {@link Engine} when a caller waits, read by the
 * {@link OutboxWorker}.
 */
final class HeldReplies {

    /** Replies of an inbound message stay held this long at most, even if nobody comes to claim them. */
    static final Duration HOLD = Duration.ofSeconds(30);

    private final Map<Long, Instant> until = new ConcurrentHashMap<>();
    private final Clock clock;

    HeldReplies(Clock clock) {
        this.clock = clock;
    }

    /** Holds the replies of this inbound message (if not held already). */
    void hold(long inboundId) {
        until.putIfAbsent(inboundId, clock.instant().plus(HOLD));
    }

    /** The caller has taken what it wanted: the outbox may deliver the rest. */
    void release(long inboundId) {
        until.remove(inboundId);
    }

    /** True while the replies of this inbound message are held; an expired hold is dropped. */
    boolean isHeld(long inboundId) {
        Instant end = until.get(inboundId);
        if (end != null && clock.instant().isAfter(end)) {
            until.remove(inboundId);
            return false;
        }
        return end != null;
    }
}
