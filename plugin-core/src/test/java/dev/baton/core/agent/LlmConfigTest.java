package dev.baton.core.agent;

import dev.baton.core.config.ConfigProblems;
import dev.baton.core.config.LlmConfig;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmConfigTest {

    /** Bound the way the app binds {@code llm:}: kebab-case, unknown keys fail. */
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static java.util.List<String> problems(LlmConfig cfg) {
        ConfigProblems p = new ConfigProblems();
        cfg.validate("llm", p);
        return p.all();
    }

    @Test
    void should_apply_defaults_when_only_url_key_and_model_are_given() throws Exception {
        LlmConfig cfg = yaml.readValue("""
                base-url: https://api.deepseek.com/v1
                api-key: sk-secret
                model: deepseek-chat
                """, LlmConfig.class);

        assertThat(cfg.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(cfg.maxRetries()).isEqualTo(1);
        assertThat(cfg.temperature()).isEqualTo(0.2);
        assertThat(cfg.memoryWindow()).isEqualTo(20);
        assertThat(cfg.deadline()).isEqualTo(Duration.ofSeconds(25));
        assertThat(cfg.autoLanguage()).isTrue();
        assertThat(cfg.circuitBreaker().failures()).isEqualTo(3);
        assertThat(cfg.circuitBreaker().openFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(cfg.llmSummary()).isTrue();
        assertThat(problems(cfg)).isEmpty();
    }

    @Test
    void should_bind_every_key_when_all_are_given() throws Exception {
        LlmConfig cfg = yaml.readValue("""
                base-url: http://localhost:11434/v1
                api-key: ""
                model: qwen2.5:7b
                timeout: 60s
                max-retries: 0
                temperature: 0.5
                memory-window: 30
                deadline: PT70S
                persona: 小美, the assistant of Acme Shop
                tone: warm
                language: zh
                circuit-breaker: { failures: 5, open-for: 2m }
                llm-summary: false
                """, LlmConfig.class);

        assertThat(cfg.baseUrl()).isEqualTo(URI.create("http://localhost:11434/v1"));
        assertThat(cfg.apiKey()).isEmpty();
        assertThat(cfg.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(cfg.maxRetries()).isZero();
        assertThat(cfg.deadline()).isEqualTo(Duration.ofSeconds(70));
        assertThat(cfg.language()).isEqualTo("zh");
        assertThat(cfg.autoLanguage()).isFalse();
        assertThat(cfg.circuitBreaker().openFor()).isEqualTo(Duration.ofMinutes(2));
        assertThat(cfg.llmSummary()).isFalse();
        assertThat(problems(cfg)).isEmpty();
    }

    @Test
    void should_name_key_and_fix_when_values_are_missing_or_wrong() throws Exception {
        LlmConfig cfg = yaml.readValue("""
                base-url: ftp://example.com
                timeout: 0s
                temperature: 3
                circuit-breaker: { failures: 0 }
                """, LlmConfig.class);

        assertThat(problems(cfg)).anySatisfy(p -> assertThat(p).startsWith("llm.base-url: must be an http(s) URL"))
                .anySatisfy(p -> assertThat(p).startsWith("llm.model: required; set model: deepseek-chat"))
                .anySatisfy(p -> assertThat(p).startsWith("llm.timeout: must be positive"))
                .anySatisfy(p -> assertThat(p).startsWith("llm.temperature: must be between 0 and 2"))
                .anySatisfy(p -> assertThat(p).startsWith("llm.circuit-breaker.failures: must be at least 1"));
    }

    @Test
    void should_fail_with_key_name_when_key_is_unknown() {
        assertThatThrownBy(() -> yaml.readValue("""
                base-url: https://api.deepseek.com/v1
                model: deepseek-chat
                api_key: typo
                """, LlmConfig.class)).isInstanceOf(UnrecognizedPropertyException.class).hasMessageContaining("api_key");
    }

    @Test
    void should_never_print_api_key_when_config_is_logged() {
        LlmConfig cfg = LlmConfig.of(URI.create("https://api.deepseek.com/v1"), "sk-very-secret", "deepseek-chat");

        assertThat(cfg.toString()).doesNotContain("sk-very-secret").contains("apiKey=***");
    }
}
