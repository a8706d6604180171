package dev.baton.inbox.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

    @Test
    void should_verify_the_right_password_only() {
        String h = PasswordHasher.hash("correct horse".toCharArray(), 1000);
        assertThat(h).startsWith("pbkdf2-sha256$1000$");
        assertThat(PasswordHasher.verify("correct horse".toCharArray(), h)).isTrue();
        assertThat(PasswordHasher.verify("correct horsE".toCharArray(), h)).isFalse();
    }

    @Test
    void should_salt_each_hash() {
        assertThat(PasswordHasher.hash("x".toCharArray(), 1000)).isNotEqualTo(PasswordHasher.hash("x".toCharArray(), 1000));
    }

    @Test
    void should_read_the_work_parameters_of_a_hash() {
        assertThat(PasswordHasher.params(PasswordHasher.hash("x".toCharArray(), 1000)))
                .hasValue(new PasswordHasher.Params(1000, 16, 32));
        assertThat(PasswordHasher.params("plain")).isEmpty();
        assertThat(PasswordHasher.params("pbkdf2-sha256$abc$AAAA$AAAA")).isEmpty();
        assertThat(PasswordHasher.params(null)).isEmpty();
    }

    @Test
    void should_reject_malformed_hashes() {
        assertThat(PasswordHasher.verify("x".toCharArray(), null)).isFalse();
        assertThat(PasswordHasher.verify("x".toCharArray(), "plain")).isFalse();
        assertThat(PasswordHasher.verify("x".toCharArray(), "pbkdf2-sha256$abc$AAAA$AAAA")).isFalse();
        assertThat(PasswordHasher.verify("x".toCharArray(), "pbkdf2-sha256$1000$!!$AAAA")).isFalse();
    }
}
