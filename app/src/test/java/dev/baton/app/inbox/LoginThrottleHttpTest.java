package dev.baton.app.inbox;

import dev.baton.inbox.auth.LoginThrottle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Password guessing at /inbox/login meets 429 with Retry-After and a clear message (default limits). */
class LoginThrottleHttpTest {

    @TempDir
    Path dir;
    TestBaton baton;

    @BeforeEach
    void start() throws Exception {
        baton = TestBaton.start(dir, Map.of());
    }

    @AfterEach
    void stop() {
        baton.close();
    }

    private HttpResponse<String> signIn(String name, String password) {
        return baton.anonymous().form("/inbox/login", "name=" + name + "&password=" + password);
    }

    @Test
    void should_refuse_a_name_with_429_after_five_failures_even_with_the_right_password() {
        for (int i = 0; i < LoginThrottle.Limits.DEFAULT.perName(); i++) {
            assertThat(signIn("bob", "guess" + i).headers().firstValue("Location")).hasValue("/inbox/login?error=1");
        }

        HttpResponse<String> locked = signIn("bob", TestBaton.PASSWORD);

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, LoginThrottle.Limits.DEFAULT.window().toSeconds());
        assertThat(locked.body()).contains("Too many failed sign-ins. Try again in");
        assertThat(locked.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(baton.login("ann")).as("another name signs in").isNotNull();
    }

    @Test
    void should_refuse_an_address_with_429_after_too_many_failures_across_names() {
        for (int i = 0; i < LoginThrottle.Limits.DEFAULT.perAddress(); i++) {
            assertThat(signIn("guess-" + i, "wrong").statusCode()).isEqualTo(302);
        }

        HttpResponse<String> locked = signIn("ann", TestBaton.PASSWORD);

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(locked.body()).contains("Too many failed sign-ins");
    }
}
