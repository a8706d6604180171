package dev.baton.web.identity;

import dev.baton.core.state.KeyValueStore;
import dev.baton.core.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The tokens Baton issues to visitors: what they carry, and that nobody else can make or change one. */
class VisitorTokensTest {

    private final TestClock clock = TestClock.at(Instant.parse("2025-05-01T08:00:00Z"));
    private final KeyValueStore state = KeyValueStore.inMemory();
    private final VisitorTokens tokens = VisitorTokens.fromState(state, new SecureRandom(), clock);

    @Test
    void should_give_back_the_visitor_it_was_issued_for_until_it_expires() {
        Visitor ann = Visitor.user("42", "Ann", "vip");
        String token = tokens.issue(ann, Duration.ofHours(1));

        assertThat(tokens.verify(token)).contains(ann);
        clock.advance(Duration.ofMinutes(59));
        assertThat(tokens.verify(token)).contains(ann);
        clock.advance(Duration.ofMinutes(2));
        assertThat(tokens.verify(token)).as("expired").isEmpty();
    }

    @Test
    void should_keep_its_key_in_the_durable_state_so_tokens_survive_a_restart() {
        String token = tokens.issue(Visitor.anonymous("abc", null), Duration.ofDays(1));

        VisitorTokens afterRestart = VisitorTokens.fromState(state, new SecureRandom(), clock);
        VisitorTokens otherDatabase = VisitorTokens.fromState(KeyValueStore.inMemory(), new SecureRandom(), clock);

        assertThat(afterRestart.verify(token)).isPresent();
        assertThat(otherDatabase.verify(token)).as("another key").isEmpty();
    }

    @Test
    void should_refuse_a_token_someone_changed_to_claim_another_customer() {
        String token = tokens.issue(Visitor.anonymous("abc", null), Duration.ofDays(1));
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("visitor:abc\n0", "user:42\n1").getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));

        assertThat(tokens.verify(forged)).isEmpty();
        for (String bad : new String[] {"", ".", "abc", "a.b.c", "%%%.%%%", token + "x", "x".repeat(5000), null}) {
            assertThat(tokens.verify(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void should_never_let_an_anonymous_visitor_carry_a_tier() {
        assertThat(new Visitor("visitor:abc", false, null, "vip").tier()).isNull();
    }
}
