package dev.baton.core.resilience;

import dev.baton.core.config.LlmConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A small consecutive-failure circuit breaker for a remote endpoint, the model's or a business look-up's
 * (Resilience4j is not a dependency, and this needs only three states). {@code CLOSED}: calls pass; {@code failures} consecutive failures open it. {@code OPEN}:
 * calls are refused until {@code openFor} has passed on the injected {@link Clock}. {@code HALF_OPEN}: one trial
 * call passes; its success closes the breaker, its failure opens it again. Thread-safe.
 */
public final class CircuitBreaker {

    /** The breaker's state. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(LlmConfig.CircuitBreakerConfig config, Clock clock) {
        this.threshold = config.failures();
        this.openFor = config.openFor();
        this.clock = clock;
    }

    /** True when a call may go out now. In {@code HALF_OPEN} only the first caller gets {@code true}. */
    public synchronized boolean tryAcquire() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openFor))) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialInFlight) {
                    yield false;
                }
                trialInFlight = true;
                yield true;
            }
        };
    }

    public synchronized void onSuccess() {
        consecutiveFailures = 0;
        trialInFlight = false;
        state = State.CLOSED;
    }

    public synchronized void onFailure() {
        consecutiveFailures++;
        trialInFlight = false;
        if (state == State.HALF_OPEN || consecutiveFailures >= threshold) {
            state = State.OPEN;
            openedAt = clock.instant();
        }
    }

    /** A call acquired with {@link #tryAcquire} never went out: neither success nor failure. */
    public synchronized void release() {
        trialInFlight = false;
    }

    /** The state as of now (an expired {@code OPEN} reads as {@code HALF_OPEN}). */
    public synchronized State state() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openFor))) {
            return State.HALF_OPEN;
        }
        return state;
    }
}
