package dev.baton.whatsapp;

import dev.baton.whatsapp.config.TemplateConfig;
import dev.baton.whatsapp.config.WhatsAppConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.baton.core.config.ConfigProblems;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WhatsAppConfigTest {

    /** Bound the way the app binds {@code channels.whatsapp}: kebab-case, unknown keys fail. */
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void should_apply_every_default_when_only_credentials_are_given() throws Exception {
        // given
        String doc = """
                phone-number-id: "1234567890"
                access-token: tok
                app-secret: sec
                verify-token: ver
                """;
        // when
        WhatsAppConfig cfg = yaml.readValue(doc, WhatsAppConfig.class);
        // then
        assertThat(cfg.phoneNumberId()).isEqualTo("1234567890");
        assertThat(cfg.apiBaseUrl()).isEqualTo(URI.create("https://graph.facebook.com/v21.0"));
        assertThat(cfg.humanButton()).isTrue();
        assertThat(cfg.markAsRead()).isTrue();
        assertThat(cfg.humanButtonLabels()).containsEntry("en", "Talk to a human").containsEntry("zh", "转人工");
        assertThat(cfg.template()).isNull();
        assertThat(cfg.replyWindow()).isEqualTo(Duration.ofHours(24));
        assertProblems(cfg).isEmpty();
    }

    @Test
    void should_bind_every_key_when_all_are_given() throws Exception {
        String doc = """
                phone-number-id: "1234567890"
                access-token: tok
                app-secret: sec
                verify-token: ver
                api-base-url: http://localhost:9999/v21.0/
                human-button: false
                human-button-labels: { en: "Agent please", zh-TW: "真人客服" }
                mark-as-read: false
                template: { name: hello_world, language: en_US }
                reply-window: 20s
                """;
        WhatsAppConfig cfg = yaml.readValue(doc, WhatsAppConfig.class);
        assertThat(cfg.apiBaseUrl()).isEqualTo(URI.create("http://localhost:9999/v21.0"));
        assertThat(cfg.humanButton()).isFalse();
        assertThat(cfg.markAsRead()).isFalse();
        assertThat(cfg.template()).isEqualTo(new TemplateConfig("hello_world", "en_US"));
        assertThat(cfg.replyWindow()).isEqualTo(Duration.ofSeconds(20));
        assertThat(cfg.humanButtonLabel("zh-TW")).isEqualTo("真人客服");
        assertThat(cfg.humanButtonLabel("zh_tw")).isEqualTo("真人客服");
        assertThat(cfg.humanButtonLabel("de")).isEqualTo("Agent please");
    }

    @Test
    void should_accept_iso_and_short_durations() {
        assertThat(dev.baton.core.config.Durations.parse("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(dev.baton.core.config.Durations.parse("PT24H")).isEqualTo(Duration.ofHours(24));
        assertThat(dev.baton.core.config.Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(dev.baton.core.config.Durations.parse("90")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void should_fail_naming_the_key_when_an_unknown_key_is_present() {
        String doc = """
                phone-number-id: "1"
                acess-token: typo
                """;
        assertThatThrownBy(() -> yaml.readValue(doc, WhatsAppConfig.class))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("acess-token");
    }

    @Test
    void should_report_each_missing_credential_with_its_key_and_fix() {
        WhatsAppConfig cfg = WhatsAppConfig.of(null, null, " ", null);
        assertProblems(cfg).containsExactly(
                "channels.whatsapp.phone-number-id: required; set phone-number-id: \"<Phone number ID from "
                        + "WhatsApp > API Setup>\"",
                "channels.whatsapp.access-token: required; set access-token: ${WHATSAPP_TOKEN}",
                "channels.whatsapp.app-secret: required; set app-secret: ${WHATSAPP_APP_SECRET}",
                "channels.whatsapp.verify-token: required; set verify-token: ${WHATSAPP_VERIFY_TOKEN}");
    }

    @Test
    void should_report_labels_templates_and_ids_that_whatsapp_would_refuse() {
        WhatsAppConfig cfg = new WhatsAppConfig("+1 555 0100", "t", "s", "v", URI.create("ftp://x"), true,
                Map.of("en", "Please connect me to a human"), true, new TemplateConfig(" ", null), Duration.ZERO);
        assertProblems(cfg).anySatisfy(p -> assertThat(p).startsWith("channels.whatsapp.phone-number-id: must be "
                        + "the numeric"))
                .anySatisfy(p -> assertThat(p).startsWith("channels.whatsapp.api-base-url:"))
                .anySatisfy(p -> assertThat(p).startsWith("channels.whatsapp.human-button-labels.en: is longer"))
                .anySatisfy(p -> assertThat(p).startsWith("channels.whatsapp.template.name: required"))
                .anySatisfy(p -> assertThat(p).startsWith("channels.whatsapp.reply-window: must be positive"));
    }

    @Test
    void should_mask_secrets_when_printed() {
        String printed = WhatsAppConfig.of("1", "EAAG-secret-token", "app-secret-value", "verify-value").toString();
        assertThat(printed).doesNotContain("EAAG-secret-token", "app-secret-value", "verify-value");
    }

    private static org.assertj.core.api.ListAssert<String> assertProblems(WhatsAppConfig cfg) {
        ConfigProblems problems = new ConfigProblems();
        cfg.validate("channels.whatsapp", problems);
        return assertThat(problems.all());
    }
}
