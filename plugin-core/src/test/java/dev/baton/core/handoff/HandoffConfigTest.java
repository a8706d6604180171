package dev.baton.core.handoff;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.baton.core.config.ConfigProblems;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandoffConfigTest {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void should_bind_kebab_case_and_default_the_rest_when_yaml_is_partial() throws Exception {
        // given
        String text = """
                keywords: [转人工, human]
                negative-sentiment: { threshold: -0.6 }
                sensitive-intent: { group: verification, min-similarity: 0.9 }
                turn-limit: { max-bot-turns: 8 }
                vip: { tiers: [gold, vip], direct: false }
                """;
        // when
        HandoffConfig cfg = yaml.readValue(text, HandoffConfig.class);
        // then
        assertThat(cfg.keywords()).containsExactly("转人工", "human");
        assertThat(cfg.negativeSentiment().threshold()).isEqualTo(-0.6);
        assertThat(cfg.negativeSentiment().consecutive()).isEqualTo(2);
        assertThat(cfg.sensitiveIntent().group()).isEqualTo("verification");
        assertThat(cfg.sensitiveIntent().intents()).contains("fraud", "account_change");
        assertThat(cfg.turnLimit().maxBotTurns()).isEqualTo(8);
        assertThat(cfg.vip().direct()).isFalse();
        assertThat(cfg.complaint().priority()).isEqualTo(60);
        assertThat(cfg.defaultGroup()).isEqualTo("support");
    }

    @Test
    void should_fail_naming_the_key_when_yaml_has_an_unknown_key() {
        // when / then
        assertThatThrownBy(() -> yaml.readValue("turn-limit: { max-turns: 8 }", HandoffConfig.class))
                .isInstanceOf(UnrecognizedPropertyException.class).hasMessageContaining("max-turns");
    }

    @Test
    void should_report_problems_with_key_and_fix_when_values_are_out_of_range() {
        // given
        var cfg = new HandoffConfig(null, null, null, null,
                new HandoffConfig.SentimentRule(null, 120, null, -2.0, 0), null,
                new HandoffConfig.RepetitionRule(null, null, null, 1), null, null, null, null, null, null, null);
        ConfigProblems problems = new ConfigProblems();
        // when
        cfg.validate("handoff", problems);
        // then
        assertThat(problems.all()).anySatisfy(p -> assertThat(p).startsWith("handoff.negative-sentiment.threshold:"))
                .anySatisfy(p -> assertThat(p).startsWith("handoff.negative-sentiment.priority:"))
                .anySatisfy(p -> assertThat(p).startsWith("handoff.negative-sentiment.consecutive:"))
                .anySatisfy(p -> assertThat(p).startsWith("handoff.repeated-question.times:"));
    }

    @Test
    void should_have_no_problems_when_defaults() {
        ConfigProblems problems = new ConfigProblems();
        HandoffConfig.defaults().validate("handoff", problems);
        assertThat(problems.isEmpty()).isTrue();
    }
}
