package dev.baton.config;

import dev.baton.config.ConfigLoader;
import dev.baton.config.ConfigException;
import dev.baton.config.BatonConfig;
import dev.baton.app.BatonRuntime;
import dev.baton.dev.DevConfig;
import dev.baton.wechat.config.WeChatConfig;
import dev.baton.whatsapp.config.WhatsAppConfig;
import dev.baton.core.config.BotMessages;
import dev.baton.core.config.Localized;
import dev.baton.core.knowledge.KnowledgeAnswer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    private static BatonConfig load(String yaml, Map<String, String> env) {
        return new ConfigLoader(env::get).load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "test.yaml");
    }

    private static ConfigException fails(String yaml) {
        try {
            load(yaml, Map.of());
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a config error");
    }

    @Test
    void should_start_from_an_empty_file_with_embedded_defaults() {
        BatonConfig cfg = load("", Map.of());

        assertThat(cfg.server().port()).isEqualTo(8080);
        assertThat(cfg.storage().url()).isEqualTo("jdbc:h2:file:./data/baton");
        assertThat(cfg.knowledge().watch()).isTrue();
        assertThat(cfg.channels().isEnabled(DevConfig.KEY)).isFalse();
        assertThat(cfg.inbox().kind()).isEqualTo("builtin");
    }

    @Test
    void should_interpolate_environment_variables_with_defaults() {
        BatonConfig cfg = load("""
                server:
                  port: ${PORT:-9090}
                storage:
                  url: ${DB_URL}
                handoff:
                  keywords: ["${WORD:-人工}", agent]
                engine:
                  average-handle-time: 90s
                """, Map.of("DB_URL", "jdbc:postgresql://db:5432/baton"));

        assertThat(cfg.server().port()).isEqualTo(9090);
        assertThat(cfg.storage().url()).isEqualTo("jdbc:postgresql://db:5432/baton");
        assertThat(cfg.handoff().keywords()).containsExactly("人工", "agent");
        assertThat(cfg.engine().averageHandleTime()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void should_score_english_sentiment_with_the_english_model_for_unsure_messages_unless_configured_otherwise() {
        var lex = BatonRuntime.triageConfig(load("", Map.of())).sentiment();
        assertThat(lex.englishModel()).isEqualTo("baton/triage/sentiment-en-model.tsv");
        assertThat(BatonRuntime.triageConfig(load("", Map.of())).needsEnglishModel()).isTrue();
        assertThat(BatonRuntime.triageConfig(load("triage:\n  english-sentiment: embedding\n", Map.of()))
                .needsEnglishModel()).isTrue();
        var classifier = BatonRuntime.triageConfig(load("triage:\n  english-sentiment: classifier\n", Map.of()));
        assertThat(classifier.sentiment().englishModel()).isEqualTo(lex.englishModel());
        assertThat(classifier.needsEnglishModel()).isFalse();
        assertThat(BatonRuntime.triageConfig(load("triage:\n  english-sentiment: lexicon\n", Map.of()))
                .sentiment().englishModel()).isNull();
        assertThat(fails("triage:\n  english-sentiment: bert\n").problems()).singleElement().asString()
                .contains("triage.english-sentiment").contains("classifier, embedding, lexicon");
    }

    @Test
    void should_cite_by_title_unless_configured_otherwise_and_refuse_a_template_without_placeholders() {
        KnowledgeAnswer hit = new KnowledgeAnswer("faq/returns.md#how", "How do I return?", "Open My orders.",
                "faq/returns.md › How do I return?", 0.9, true, "How do I return?", "After-sales");
        Localized label = BotMessages.defaults().sourceLabel();

        assertThat(load("", Map.of()).knowledge().scoreFloor()).isNull(); // calibrated thresholds by default
        assertThat(load("", Map.of()).knowledge().citationStyle().line(List.of(hit), "en", label))
                .isEqualTo("Source: How do I return?");
        assertThat(load("knowledge:\n  citation: none\n", Map.of()).knowledge().citationStyle()
                .line(List.of(hit), "en", label)).isEmpty();
        assertThat(load("knowledge:\n  citation:\n    zh: \"参考：{title}\"\n    en: \"See {title} ({section})\"\n",
                Map.of()).knowledge().citationStyle().line(List.of(hit), "en", label))
                .isEqualTo("See How do I return? (After-sales)");
        assertThat(fails("knowledge:\n  citation: filename\n").problems()).singleElement().asString()
                .contains("knowledge.citation").contains("title, none, or a template");
    }

    @Test
    void should_keep_processed_deliveries_two_weeks_and_refuse_less_than_a_platform_retries() {
        assertThat(load("", Map.of()).engine().inboundRetention()).isEqualTo(Duration.ofDays(14));
        assertThat(load("engine:\n  inbound-retention: 30d\n", Map.of()).engine().inboundRetention())
                .isEqualTo(Duration.ofDays(30));
        assertThat(fails("engine:\n  inbound-retention: 1d\n").problems()).singleElement().asString()
                .contains("engine.inbound-retention").contains("at least 7d");
    }

    @Test
    void should_run_one_instance_unless_cluster_is_enabled_and_refuse_a_cluster_on_h2() {
        assertThat(load("", Map.of()).cluster().enabled()).isFalse();
        BatonConfig pg = load("storage:\n  url: jdbc:postgresql://db:5432/baton\ncluster:\n  enabled: true\n"
                + "  lease: 20s\n  instance-id: baton-1\n", Map.of());
        assertThat(pg.cluster().enabled()).isTrue();
        assertThat(pg.cluster().lease()).isEqualTo(Duration.ofSeconds(20));
        assertThat(pg.cluster().instanceId()).isEqualTo("baton-1");
        assertThat(fails("cluster:\n  enabled: true\n").problems()).singleElement().asString()
                .contains("cluster.enabled").contains("jdbc:postgresql");
        assertThat(fails("storage:\n  url: jdbc:postgresql://db/baton\ncluster:\n  enabled: true\n  lease: 1s\n")
                .problems()).singleElement().asString().contains("cluster.lease").contains("between 3s and 10m");
    }

    @Test
    void should_name_the_key_and_the_variable_when_an_env_var_is_missing() {
        ConfigException e = fails("inbox:\n  api-token: ${BATON_API_TOKEN}\n");

        assertThat(e.problems()).singleElement().asString()
                .contains("inbox.api-token").contains("BATON_API_TOKEN").contains(":-default");
    }

    @Test
    void should_report_an_unknown_key_with_the_nearest_valid_key() {
        ConfigException e = fails("server: { prot: 8081 }");

        assertThat(e.problems()).singleElement().asString()
                .startsWith("server.prot: unknown key").contains("did you mean port?");
    }

    @Test
    void should_report_a_misspelt_section() {
        ConfigException e = fails("knowlege: { folder: ./kb }");

        assertThat(e.problems()).singleElement().asString().contains("did you mean knowledge?");
    }

    @Test
    void should_point_at_the_line_of_broken_yaml() {
        ConfigException e = fails("server:\n  port: 8080\n   host: x\n");

        assertThat(e.problems()).singleElement().asString().startsWith("line 3");
    }

    @Test
    void should_describe_broken_yaml_on_one_line() {
        ConfigException e = fails("server: [\n");

        assertThat(e.problems()).singleElement().asString()
                .doesNotContain("\n")
                .contains("expected the node content, but found '<stream end>'")
                .endsWith("check the indentation and quoting there");
    }

    @Test
    void should_say_to_quote_a_question_mark_or_a_placeholder_in_a_flow_map() {
        ConfigException question = fails("lookups:\n  - name: order_status\n    params:\n      order: { pattern: x, "
                + "ask: { zh: 请提供订单号, en: What is your order number? } }\n");
        ConfigException placeholder = fails("lookups:\n  - name: order_status\n    examples: [订单 {order} 发货了吗]\n");

        assertThat(question.problems()).singleElement().asString().startsWith("line 4")
                .contains("quote a text that holds a ?");
        assertThat(placeholder.problems()).singleElement().asString().contains("quote a text that holds {placeholders}");
    }

    @Test
    void should_explain_a_value_of_the_wrong_type() {
        assertThat(fails("server: { port: eighty }").problems()).singleElement().asString()
                .contains("server.port").contains("whole number");
        assertThat(fails("server: { shutdown-grace: soon }").problems()).singleElement().asString()
                .contains("shutdown-grace").contains("20s");
    }

    @Test
    void should_validate_values_and_channel_credentials_with_the_fix() {
        ConfigException e = fails("""
                storage: { url: "mysql://x" }
                channels:
                  whatsapp: { phone-number-id: "123" }
                """);

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("storage.url:").contains("jdbc:h2:"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("channels.whatsapp.app-secret:"));
    }

    @Test
    void should_accept_a_config_with_only_port_storage_knowledge_and_one_channel() {
        BatonConfig cfg = load("""
                server: { port: 8081 }
                storage: { url: "jdbc:h2:mem:x" }
                knowledge: { folder: ./kb, index-dir: ./idx, watch: false }
                channels:
                  wechat: { app-id: wx123, app-secret: s, token: t }
                """, Map.of());

        assertThat(cfg.channels().config(WeChatConfig.KEY, WeChatConfig.class).orElseThrow().appId())
                .isEqualTo("wx123");
        assertThat(cfg.knowledge().watch()).isFalse();
    }

    @Test
    void should_bind_each_channel_block_with_the_config_type_of_the_module_that_owns_the_key() {
        BatonConfig cfg = load("""
                channels:
                  dev: { enabled: true, reply-timeout: 12s }
                  whatsapp:
                    phone-number-id: "123"
                    access-token: ${WA_TOKEN}
                    app-secret: s
                    verify-token: v
                  wechat:
                """, Map.of("WA_TOKEN", "EAAG-token"));

        assertThat(cfg.channels().config(DevConfig.KEY, DevConfig.class).orElseThrow().replyTimeout())
                .isEqualTo(Duration.ofSeconds(12));
        assertThat(cfg.channels().config(WhatsAppConfig.KEY, WhatsAppConfig.class).orElseThrow().accessToken())
                .isEqualTo("EAAG-token");
        assertThat(cfg.channels().isEnabled(WeChatConfig.KEY)).as("an empty block configures nothing").isFalse();
        assertThat(cfg.channels().enabled()).extracting(ChannelsConfig.Configured::key)
                .containsExactly("dev", "whatsapp");
        assertThat(cfg.channels().installed().keys()).contains("dev", "wechat", "wecom-kf", "whatsapp");
        assertThat(dev.baton.config.ConfiguredSecrets.of(cfg)).as("each module names its secrets")
                .contains("EAAG-token", "v");
    }

    @Test
    void should_use_the_operators_not_covered_notice_and_keep_the_default_when_none_is_given() {
        BatonConfig custom = load("""
                messages:
                  not-covered: { zh: "我们没有关于{terms}的信息。", en: "We have nothing on {terms}." }
                """, Map.of());
        BatonConfig plain = load("""
                messages:
                  not-sure: Sorry!
                """, Map.of());

        assertThat(custom.messages().notCovered().in("en")).isEqualTo("We have nothing on {terms}.");
        assertThat(custom.messages().notCovered().in("zh")).isEqualTo("我们没有关于{terms}的信息。");
        assertThat(plain.messages().notCovered().in("en")).startsWith("I have no information about {terms}");
    }

    @Test
    void should_bind_the_web_block_with_its_nested_limits_and_mask_its_identity_secret() {
        BatonConfig cfg = load("""
                channels:
                  web:
                    allowed-origins: [https://Shop.Example.com/, "http://localhost:8080"]
                    identity-secret: ${WEB_SECRET}
                    title: { zh: 好物客服, en: Shop help }
                    rate-limits: { messages-per-minute: 5 }
                """, Map.of("WEB_SECRET", "web-identity-secret-0123456789"));

        dev.baton.web.config.WebConfig web = cfg.channels().config(dev.baton.web.config.WebConfig.KEY,
                dev.baton.web.config.WebConfig.class).orElseThrow();
        assertThat(web.allowedOrigins()).containsExactly("https://shop.example.com", "http://localhost:8080");
        assertThat(web.title().in("zh")).isEqualTo("好物客服");
        assertThat(web.rateLimits().messagesPerMinute()).isEqualTo(5);
        assertThat(web.rateLimits().requestsPerMinute()).as("the default").isEqualTo(240);
        assertThat(cfg.channels().isEnabled("web")).isTrue();
        assertThat(dev.baton.config.ConfiguredSecrets.of(cfg)).contains("web-identity-secret-0123456789");
    }

    @Test
    void should_refuse_a_web_block_open_to_any_site_or_with_a_short_secret() {
        ConfigException e = fails("""
                channels:
                  web: { allowed-origins: ["*", "https://shop.example.com/path"], identity-secret: short }
                """);

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("channels.web.allowed-origins:")
                .contains("no wildcard"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("channels.web.allowed-origins:")
                .contains("is not an origin"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("channels.web.identity-secret:")
                .contains("at least 16"));
        assertThat(fails("channels:\n  web: { title: { zh: x } }\n").problems()).anySatisfy(p ->
                assertThat(p).startsWith("channels.web.allowed-origins: is required"));
    }

    @Test
    void should_name_a_misspelt_key_inside_a_channel_block_with_the_nearest_valid_one() {
        ConfigException e = fails("""
                channels:
                  whatsapp: { phone-number-id: "1", access-token: t, app-secrt: s, verify-token: v }
                """);

        assertThat(e.problems()).singleElement().asString()
                .startsWith("channels.whatsapp.app-secrt: unknown key; did you mean app-secret?");
        assertThat(fails("channels:\n  dev: { enabled: maybe }\n").problems()).singleElement().asString()
                .startsWith("channels.dev.enabled").contains("true or false");
    }

    @Test
    void should_refuse_an_unknown_channel_in_one_line_listing_the_installed_ones() {
        ConfigException e = fails("channels:\n  whatsap: { phone-number-id: \"1\" }\n");

        assertThat(e.problems()).singleElement().asString()
                .doesNotContain("\n")
                .startsWith("channels.whatsap: unknown channel; did you mean whatsapp?")
                .contains("(installed: dev, ").contains(", wechat, wecom-kf, whatsapp)");
        assertThat(fails("channels:\n  telegram: { token: x }\n").problems()).singleElement().asString()
                .startsWith("channels.telegram: unknown channel (installed: ");
        assertThat(fails("channels: [dev]\n").problems()).singleElement().asString()
                .startsWith("channels: wrong shape");
    }

    @Test
    void should_require_the_channel_that_an_inbox_kind_names() {
        ConfigException e = fails("inbox: { kind: wecom-kf }\n");

        assertThat(e.problems()).containsExactly(
                "inbox.kind: wecom-kf needs the channels.wecom-kf block; add it or use kind: builtin");
    }

    @Test
    void should_load_the_bundled_example_config_with_an_api_token_set() {
        String yaml = ConfigLoader.resource("/baton/baton.example.yaml");

        BatonConfig cfg = load(yaml, Map.of("BATON_API_TOKEN", "an-integration-token-0123456789"));

        assertThat(cfg.channels().isEnabled(DevConfig.KEY)).isTrue();
        assertThat(cfg.knowledge().folder().toString()).contains("examples");
        assertThat(cfg.server().host()).isEqualTo("127.0.0.1");
    }

    @Test
    void should_refuse_the_example_configs_placeholder_token_in_a_copied_config() {
        String yaml = ConfigLoader.resource("/baton/baton.example.yaml");

        assertThatThrownBy(() -> load(yaml, Map.of())).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).singleElement().asString()
                        .startsWith("inbox.api-token: \"change-me\" is a placeholder").contains("BATON_API_TOKEN"));
    }
}
