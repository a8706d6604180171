package dev.baton.web.live;

import dev.baton.core.channel.TypingIndicator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * "ann is typing…" for the widget: the latest notice per visitor, which their open streams send as a {@code typing}
 * event (and wake for). Memory only, per Baton instance: a notice is a hint that lasts {@link #SHOWN}; one that a
 * stream never sent is simply dropped. Bounded: at most {@link #MAX_VISITORS} visitors are remembered, the stale ones
 * are forgotten first.
 */
public final class AgentTyping implements TypingIndicator {

    /** How long a notice is worth sending after the agent typed. */
    public static final Duration SHOWN = Duration.ofSeconds(6);
    static final int MAX_VISITORS = 10_000;

    /** One notice: its order among all notices, who typed, when. */
    public record Notice(long seq, String agent, Instant at) {
    }

    private final ConcurrentHashMap<String, Notice> latest = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private final Wakeups wakeups;
    private final Clock clock;

    public AgentTyping(Wakeups wakeups, Clock clock) {
        this.wakeups = wakeups;
        this.clock = clock;
    }

    @Override
    public void agentTyping(String customerId, String agentName) {
        if (customerId == null || agentName == null) {
            return;
        }
        Instant now = clock.instant();
        if (latest.size() >= MAX_VISITORS) {
            latest.values().removeIf(n -> !n.at().plus(SHOWN).isAfter(now));
            if (latest.size() >= MAX_VISITORS) {
                return;
            }
        }
        latest.put(customerId, new Notice(seq.incrementAndGet(), agentName, now));
        wakeups.wake(customerId);
    }

    /** The visitor's notice newer than {@code afterSeq} and still fresh, if any. */
    public Optional<Notice> since(String customerId, long afterSeq) {
        Notice n = latest.get(customerId);
        if (n == null || n.seq() <= afterSeq || !n.at().plus(SHOWN).isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(n);
    }
}
