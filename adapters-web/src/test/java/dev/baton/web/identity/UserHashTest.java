package dev.baton.web.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The site's user hash: HMAC-SHA256 in hex, as the integrator's server computes it (docs/web.md). */
class UserHashTest {

    @Test
    void should_compute_the_published_hmac_sha256_vector() {
        // RFC 2104 HMAC with SHA-256, the example every library documents (Wikipedia "HMAC")
        assertThat(new UserHash("key").of("The quick brown fox jumps over the lazy dog"))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void should_match_the_sites_hash_in_either_case_and_nothing_else() {
        UserHash hash = new UserHash("shop-secret-0123456789abcdef");
        // printf 'user-42' | openssl dgst -sha256 -hmac 'shop-secret-0123456789abcdef'
        String openssl = "3c327ffffb77c2b4d53326c326c69d58f5e4b1988aaaf319c0ad769d15f0c8db";

        assertThat(hash.matches("user-42", openssl)).isTrue();
        assertThat(hash.matches("user-42", openssl.toUpperCase())).isTrue();
        assertThat(hash.matches("user-43", openssl)).as("another user's id").isFalse();
        assertThat(hash.matches("user-42", openssl.substring(1))).as("a cut hash").isFalse();
        assertThat(hash.matches("user-42", "")).isFalse();
        assertThat(hash.matches("user-42", null)).isFalse();
        assertThat(new UserHash("another-secret-0123456789").matches("user-42", openssl)).as("another secret")
                .isFalse();
    }
}
