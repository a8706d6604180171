package dev.baton.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.baton.config.BatonConfig;
import dev.baton.eval.EvalSetup;
import dev.baton.config.ConfigLoader;
import dev.baton.dev.DevConfig;
import dev.baton.whatsapp.config.WhatsAppConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What an evaluation keeps of a given config and what it takes over. */
class EvalBatonTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** As EvalBaton draws one: long enough for the start-up check on integration tokens. */
    private static final String TOKEN = "eval-0123456789abcdefghijklmnop";

    private static BatonConfig overlaid(String yaml) throws Exception {
        ObjectNode tree = yaml.isEmpty() ? YAML.createObjectNode() : (ObjectNode) YAML.readTree(yaml);
        EvalSetup.overlay(tree, Path.of("/suite/knowledge"), Path.of("/tmp/x/index"), Path.of("/tmp/x/db"), TOKEN);
        return new ConfigLoader(Map.of("KEY", "secret")::get).load(
                new ByteArrayInputStream(YAML.writeValueAsBytes(tree)), "test");
    }

    @Test
    void should_start_from_the_defaults_with_the_dev_channel_and_a_temporary_database() throws Exception {
        BatonConfig cfg = overlaid("");
        BatonConfig defaults = new ConfigLoader(k -> null).load(new ByteArrayInputStream(new byte[0]), "defaults");

        assertThat(cfg.server().port()).isZero();
        assertThat(cfg.server().host()).isEqualTo("127.0.0.1");
        assertThat(cfg.storage().url()).isEqualTo("jdbc:h2:file:/tmp/x/db/baton");
        assertThat(cfg.knowledge().folder()).isEqualTo(Path.of("/suite/knowledge"));
        assertThat(cfg.knowledge().indexDir()).isEqualTo(Path.of("/tmp/x/index"));
        assertThat(cfg.knowledge().watch()).isFalse();
        assertThat(cfg.channels().isEnabled(DevConfig.KEY)).isTrue();
        assertThat(cfg.inbox().apiToken()).isEqualTo(TOKEN);
        assertThat(cfg.llm()).as("offline agent").isNull();
        assertThat(cfg.handoff()).isEqualTo(defaults.handoff());
        assertThat(cfg.triage()).isEqualTo(defaults.triage());
        assertThat(cfg.messages()).usingRecursiveComparison().isEqualTo(defaults.messages());
    }

    @Test
    void should_keep_a_configs_judgement_settings_and_replace_what_could_reach_the_outside() throws Exception {
        BatonConfig cfg = overlaid("""
                storage: { url: "jdbc:postgresql://db/prod", user: baton, password: x }
                knowledge: { folder: ./kb, score-floor: 0.9 }
                handoff: { vip: { tiers: [vip], direct: false } }
                inbox:
                  kind: webhook
                  api-token: prod-token
                  webhook: { url: "https://helpdesk.example.com/hook", secret: "${KEY}" }
                channels:
                  dev: { enabled: false, reply-timeout: 45s }
                  whatsapp: { phone-number-id: "1", access-token: "${KEY}", app-secret: s, verify-token: v }
                """);

        assertThat(cfg.storage().url()).startsWith("jdbc:h2:file:");
        assertThat(cfg.storage().user()).isNull();
        assertThat(cfg.knowledge().folder()).isEqualTo(Path.of("/suite/knowledge"));
        assertThat(cfg.knowledge().scoreFloor()).isEqualTo(0.9);
        assertThat(cfg.handoff().vip().direct()).isFalse();
        assertThat(cfg.inbox().kind()).isEqualTo("builtin");
        assertThat(cfg.inbox().webhook()).isNull();
        assertThat(cfg.inbox().apiToken()).isEqualTo(TOKEN);
        assertThat(cfg.channels().config(WhatsAppConfig.KEY, WhatsAppConfig.class)).isEmpty();
        assertThat(cfg.channels().isEnabled(DevConfig.KEY)).isTrue();
        assertThat(cfg.channels().config(DevConfig.KEY, DevConfig.class).orElseThrow().replyTimeout()).hasSeconds(45);
    }
}
