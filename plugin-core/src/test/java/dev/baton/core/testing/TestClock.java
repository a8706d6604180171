package dev.baton.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that tests move forward by hand instead of sleeping: either stopped at an instant ({@link #at}) or
 * following the system clock ({@link #system()}, for code that also runs on real threads and timers), in both cases
 * plus every {@link #advance}. It never goes back. Thread-safe; UTC.
 */
public final class TestClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> advanced = new AtomicReference<>(Duration.ZERO);

    private TestClock(Clock base) {
        this.base = base;
    }

    /** Stopped at {@code start}: time passes only by {@link #advance}. */
    public static TestClock at(Instant start) {
        return new TestClock(Clock.fixed(start, ZoneOffset.UTC));
    }

    /** The system clock plus what the test advanced. */
    public static TestClock system() {
        return new TestClock(Clock.systemUTC());
    }

    /** Moves the clock forward by {@code d} (not negative). */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("a clock does not go back: " + d);
        }
        advanced.updateAndGet(a -> a.plus(d));
    }

    @Override
    public Instant instant() {
        return base.instant().plus(advanced.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
