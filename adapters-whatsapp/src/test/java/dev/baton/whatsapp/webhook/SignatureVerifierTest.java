package dev.baton.whatsapp.webhook;

import dev.baton.whatsapp.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SignatureVerifierTest {

    /**
     * Computed independently of this code, from the repository root:
     * {@code openssl dgst -sha256 -hmac 'baton-test-app-secret'
     * adapters-whatsapp/src/test/resources/whatsapp/signature/delivery.json}
     */
    private static final String KNOWN_SIGNATURE =
            "sha256=5afb95754f8c3209b9d8134d9ff1de4856e80d4e8d12801dec5d9ce8ddb2fd6f";

    private final SignatureVerifier verifier = new SignatureVerifier(Fixtures.APP_SECRET);
    private final byte[] body = Fixtures.payload("signature/delivery.json");

    @Test
    void should_accept_the_known_vector_when_body_and_secret_match() {
        // given the fixture and its openssl-computed signature
        // when / then
        assertThat(verifier.verify(body, KNOWN_SIGNATURE)).isTrue();
        assertThat(verifier.sign(body)).isEqualTo(KNOWN_SIGNATURE);
    }

    @Test
    void should_reject_when_one_byte_of_the_body_is_changed() {
        // given
        byte[] tampered = body.clone();
        tampered[tampered.length / 2] ^= 0x01;
        // when / then
        assertThat(verifier.verify(tampered, KNOWN_SIGNATURE)).isFalse();
    }

    @Test
    void should_reject_when_the_secret_differs() {
        assertThat(new SignatureVerifier("another-secret").verify(body, KNOWN_SIGNATURE)).isFalse();
    }

    @Test
    void should_accept_upper_case_hex_and_prefix_when_the_digest_matches() {
        assertThat(verifier.verify(body, KNOWN_SIGNATURE.toUpperCase())).isTrue();
    }

    @Test
    void should_reject_when_the_header_is_missing_malformed_or_truncated() {
        assertThat(verifier.verify(body, null)).isFalse();
        assertThat(verifier.verify(body, "")).isFalse();
        assertThat(verifier.verify(body, KNOWN_SIGNATURE.substring("sha256=".length()))).isFalse();
        assertThat(verifier.verify(body, "sha1=" + KNOWN_SIGNATURE.substring(7))).isFalse();
        assertThat(verifier.verify(body, KNOWN_SIGNATURE.substring(0, KNOWN_SIGNATURE.length() - 2))).isFalse();
        assertThat(verifier.verify(body, "sha256=not-hex")).isFalse();
    }

    @Test
    void should_sign_the_raw_bytes_not_a_reserialised_form_when_json_whitespace_differs() {
        // given the same JSON with different whitespace
        byte[] compact = "{\"object\":\"whatsapp_business_account\"}".getBytes(StandardCharsets.UTF_8);
        byte[] spaced = "{\"object\": \"whatsapp_business_account\"}".getBytes(StandardCharsets.UTF_8);
        // when / then
        assertThat(verifier.verify(spaced, verifier.sign(compact))).isFalse();
    }
}
