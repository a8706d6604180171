package dev.baton.web.guard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Token buckets by key (a visitor, an address): each holds up to {@code capacity} tokens and refills evenly, the
 * whole capacity per {@code period}; a request takes one token or is refused with the time until the next one. Keeps
 * at most {@code maxKeys} buckets (the least recently used go first: a bucket forgotten is a full one, which errs on
 * the side of the visitor). Time comes from the clock, so tests move it instead of sleeping. Thread-safe.
 */
public final class RateLimiter {

    private final int capacity;
    private final Duration period;
    private final Clock clock;
    private final Map<String, double[]> buckets;

    public RateLimiter(int capacity, Duration period, int maxKeys, Clock clock) {
        if (capacity < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a bucket has a capacity of at least 1 and a positive period");
        }
        this.capacity = capacity;
        this.period = period;
        this.clock = clock;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** Takes one token for {@code key}: empty when allowed, else how long until a token is back. */
    public synchronized Optional<Duration> take(String key) {
        Instant now = clock.instant();
        double perNano = (double) capacity / period.toNanos();
        double[] b = buckets.computeIfAbsent(key, k -> new double[] {capacity, now.getEpochSecond() * 1e9
                + now.getNano()});
        double nowNanos = now.getEpochSecond() * 1e9 + now.getNano();
        b[0] = Math.min(capacity, b[0] + Math.max(0, nowNanos - b[1]) * perNano);
        b[1] = nowNanos;
        if (b[0] >= 1) {
            b[0] -= 1;
            return Optional.empty();
        }
        long waitNanos = (long) Math.ceil((1 - b[0]) / perNano);
        return Optional.of(Duration.ofNanos(waitNanos));
    }
}
