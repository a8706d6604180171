package dev.baton.inbox.auth;

import dev.baton.core.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Failed sign-ins per name and per address, on a clock the test moves. */
class LoginThrottleTest {

    private final TestClock clock = TestClock.system();
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(3, 5, Duration.ofMinutes(10)),
            clock);

    /** One sign-in attempt with a wrong password; returns the refusal's wait, if refused. */
    private Optional<Duration> fail(String name, String address) {
        return throttle.begin(name, address);
    }

    @Test
    void should_refuse_a_name_after_n_failures_until_the_oldest_leaves_the_window() {
        assertThat(fail("ann", "10.0.0.1")).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(fail("ann", "10.0.0.2")).isEmpty();
        assertThat(fail("ann", "10.0.0.3")).isEmpty();

        // a fourth try for ann, from any address, is refused until the first failure is 10 minutes old
        assertThat(fail("ann", "10.0.0.4")).hasValue(Duration.ofMinutes(9));
        assertThat(fail("bob", "10.0.0.4")).as("another name is not affected").isEmpty();

        clock.advance(Duration.ofMinutes(9).minusSeconds(1));
        assertThat(fail("ann", "10.0.0.5")).hasValue(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(fail("ann", "10.0.0.5")).as("unlocked after the window").isEmpty();
        assertThat(fail("ann", "10.0.0.5")).as("the two later failures still count").isPresent();
    }

    @Test
    void should_refuse_an_address_after_n_failures_whatever_the_names() {
        for (int i = 0; i < 5; i++) {
            assertThat(fail("guess" + i, "203.0.113.9")).isEmpty();
        }

        assertThat(fail("ann", "203.0.113.9")).hasValue(Duration.ofMinutes(10));
        assertThat(fail("ann", "198.51.100.1")).as("another address is not affected").isEmpty();

        clock.advance(Duration.ofMinutes(10));
        assertThat(fail("guess5", "203.0.113.9")).isEmpty();
    }

    @Test
    void should_count_unknown_names_like_known_ones() {
        for (int i = 0; i < 3; i++) {
            fail("no-such-agent", "10.0.0." + i);
        }
        assertThat(fail("no-such-agent", "10.0.0.9")).isPresent();
    }

    @Test
    void should_clear_the_names_failures_but_not_the_addresses_on_a_success() {
        fail("ann", "10.0.0.1");
        fail("ann", "10.0.0.1");
        assertThat(throttle.begin("ann", "10.0.0.1")).isEmpty();
        throttle.succeeded("ann", "10.0.0.1");

        for (int i = 0; i < 3; i++) {
            assertThat(fail("ann", "10.0.0.2")).as("ann's failures were cleared").isEmpty();
        }
        for (int i = 0; i < 3; i++) {
            assertThat(fail("x" + i, "10.0.0.1")).as("the success does not count as a failure").isEmpty();
        }
        assertThat(fail("x3", "10.0.0.1")).as("the address keeps its 2 + 3 failures").isPresent();
    }

    @Test
    void should_count_an_attempt_from_its_start_so_concurrent_guesses_cannot_overshoot() {
        // three attempts whose hashes are still being computed use up the name's budget
        assertThat(throttle.begin("ann", "10.0.0.1")).isEmpty();
        assertThat(throttle.begin("ann", "10.0.0.1")).isEmpty();
        assertThat(throttle.begin("ann", "10.0.0.1")).isEmpty();
        assertThat(throttle.begin("ann", "10.0.0.1")).isPresent();
    }
}
