package dev.baton.config.logging;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the redaction masks in a log line, and that it leaves ordinary text alone. */
class LogRedactionTest {

    private final LogRedaction redaction = new LogRedaction();

    @Test
    void should_mask_a_configured_secret_as_written_and_url_encoded() {
        redaction.add(List.of("sk-live-1234567890", "aes+key/with=chars"));

        assertThat(redaction.redact("provider said: Incorrect API key provided: sk-live-1234567890."))
                .isEqualTo("provider said: Incorrect API key provided: ***.");
        assertThat(redaction.redact("GET /x?k=aes%2Bkey%2Fwith%3Dchars&y=1")).isEqualTo("GET /x?k=***&y=1");
    }

    @Test
    void should_mask_a_secret_that_contains_another_whole() {
        redaction.add(List.of("abcd", "abcdefgh"));

        assertThat(redaction.redact("x abcdefgh y")).isEqualTo("x *** y");
    }

    @Test
    void should_not_mask_blank_or_very_short_secrets() {
        redaction.add(List.of("", "  ", "sa"));

        assertThat(redaction.redact("salt and pepper")).isEqualTo("salt and pepper");
    }

    @Test
    void should_mask_bearer_tokens_and_authorization_headers() {
        assertThat(redaction.redact("call with Authorization: Bearer sk-abc.DEF_123-xyz failed"))
                .isEqualTo("call with Authorization: Bearer *** failed");
        assertThat(redaction.redact("header bearer eyJhbGciOi.eyJzdWIi.sig=")).isEqualTo("header bearer ***");
        assertThat(redaction.redact("Authorization: Basic dXNlcjpwYXNz")).isEqualTo("Authorization: Basic ***");
        assertThat(redaction.redact("{\"Authorization\":\"Token abc123\"}"))
                .isEqualTo("{\"Authorization\":\"Token ***\"}");
    }

    @Test
    void should_mask_token_and_secret_parameters_in_urls_forms_and_json() {
        assertThat(redaction.redact("POST https://api.weixin.qq.com/cgi-bin/message/custom/send?access_token=ACC.T0k-n"
                + "&x=1 failed")).isEqualTo("POST https://api.weixin.qq.com/cgi-bin/message/custom/send?access_token=***"
                + "&x=1 failed");
        assertThat(redaction.redact("gettoken?corpid=ww1&corpsecret=S3cr3t")).isEqualTo("gettoken?corpid=ww1&corpsecret=***");
        assertThat(redaction.redact("token?grant_type=client_credential&appid=wx1&secret=abc"))
                .isEqualTo("token?grant_type=client_credential&appid=wx1&secret=***");
        assertThat(redaction.redact("https://generativelanguage.googleapis.com/v1?key=AIzaXYZ"))
                .isEqualTo("https://generativelanguage.googleapis.com/v1?key=***");
        assertThat(redaction.redact("{\"access_token\":\"ACCESS\",\"expires_in\":7200}"))
                .isEqualTo("{\"access_token\":\"***\",\"expires_in\":7200}");
        assertThat(redaction.redact("jdbc:postgresql://db/baton?user=baton&password=pw1"))
                .isEqualTo("jdbc:postgresql://db/baton?user=baton&password=***");
    }

    @Test
    void should_mask_passwords_in_urls_and_baton_api_tokens() {
        assertThat(redaction.redact("crm https://shop:hunter22@crm.example.com/api failed"))
                .isEqualTo("crm https://shop:***@crm.example.com/api failed");
        assertThat(redaction.redact("token bt_Zm9vYmFyYmF6cXV4cXV1eGZvbw rejected")).isEqualTo("token *** rejected");
    }

    @Test
    void should_leave_ordinary_log_lines_unchanged() {
        redaction.add(List.of("sk-live-1234567890"));
        String line = "conversation 42: model unavailable (deadline); answering offline. token budget 1200, key "
                + "points: returns, https://example.com/a?b=c";

        assertThat(redaction.redact(line)).isEqualTo(line);
    }
}
