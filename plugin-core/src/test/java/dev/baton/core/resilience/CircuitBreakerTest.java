package dev.baton.core.resilience;

import dev.baton.core.config.LlmConfig;
import dev.baton.core.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTest {

    private final TestClock clock = TestClock.at(Instant.EPOCH);
    private final CircuitBreaker breaker = new CircuitBreaker(
            new LlmConfig.CircuitBreakerConfig(3, Duration.ofSeconds(30)), clock);

    @Test
    void should_stay_closed_when_failures_are_not_consecutive() {
        breaker.onFailure();
        breaker.onFailure();
        breaker.onSuccess();
        breaker.onFailure();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void should_refuse_calls_when_threshold_of_consecutive_failures_is_reached() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
    }

    @Test
    void should_let_one_trial_through_when_open_duration_has_passed() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }
        clock.advance(Duration.ofSeconds(30));

        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isFalse();
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void should_reopen_at_once_when_trial_fails() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }
        clock.advance(Duration.ofSeconds(31));
        assertThat(breaker.tryAcquire()).isTrue();

        breaker.onFailure();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.tryAcquire()).isFalse();
    }

    @Test
    void should_free_trial_slot_when_acquired_call_never_went_out() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }
        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.tryAcquire()).isTrue();

        breaker.release();

        assertThat(breaker.tryAcquire()).isTrue();
    }
}
