package dev.baton.inbox.auth;

import dev.baton.core.store.Database;
import dev.baton.core.testing.EmbeddedPostgresDatabase;
import dev.baton.core.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Baton instances on one PostgreSQL database behind a round-robin load balancer: a guesser's failed sign-ins count
 * together whichever instance each attempt reaches, so two instances do not allow twice the attempts.
 */
class LoginThrottleClusterTest {

    private static final LoginThrottle.Limits LIMITS = new LoginThrottle.Limits(3, 5, Duration.ofMinutes(10));

    private final TestClock clock = TestClock.at(java.time.Instant.parse("2026-12-03T08:00:00Z"));
    private EmbeddedPostgresDatabase pg;
    private Database dbA;
    private Database dbB;
    private LoginThrottle a;
    private LoginThrottle b;

    @BeforeEach
    void twoInstances() throws IOException {
        pg = EmbeddedPostgresDatabase.start(2);
        dbA = pg.openInstance(2);
        dbB = pg.openInstance(2);
        a = new LoginThrottle(LIMITS, clock, dbA);
        b = new LoginThrottle(LIMITS, clock, dbB);
    }

    @AfterEach
    void stop() throws IOException {
        dbA.close();
        dbB.close();
        pg.close();
    }

    @Test
    void should_refuse_a_name_on_either_instance_once_its_failures_on_both_reach_the_limit() {
        assertThat(a.begin("ann", "10.0.0.1")).isEmpty();
        assertThat(b.begin("ann", "10.0.0.2")).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(a.begin("ann", "10.0.0.3")).isEmpty();

        assertThat(b.begin("ann", "10.0.0.4")).as("the fourth try, on the other instance")
                .hasValue(Duration.ofMinutes(9));
        assertThat(a.begin("ann", "10.0.0.4")).isPresent();
        assertThat(b.begin("bob", "10.0.0.4")).as("another name is not affected").isEmpty();

        clock.advance(Duration.ofMinutes(9));
        assertThat(a.begin("ann", "10.0.0.5")).as("the first two left the window").isEmpty();
    }

    @Test
    void should_refuse_an_address_on_either_instance_and_clear_a_name_everywhere_on_a_success() {
        for (int i = 0; i < 5; i++) {
            assertThat((i % 2 == 0 ? a : b).begin("guess" + i, "203.0.113.9")).isEmpty();
        }
        assertThat(a.begin("carol", "203.0.113.9")).isPresent();
        assertThat(b.begin("carol", "203.0.113.9")).isPresent();

        a.begin("dan", "10.0.0.1");
        b.begin("dan", "10.0.0.1");
        assertThat(a.begin("dan", "10.0.0.1")).isEmpty();
        a.succeeded("dan", "10.0.0.1"); // signed in on a: dan's failures are gone on b too
        for (int i = 0; i < 3; i++) {
            assertThat(b.begin("dan", "10.0.0.2")).isEmpty();
        }
    }
}
