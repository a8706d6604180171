package dev.baton.core.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The minimal decider's keywords: triage's phrase matcher and negation cues. */
class KeywordDeciderTest {

    private final KeywordDecider decider = new KeywordDecider(List.of("转人工", "人工客服", "真人", "Human", "agent"),
            new dev.baton.core.handoff.HandoffPolicy(dev.baton.core.handoff.HandoffConfig.defaults()));

    @Test
    void should_find_a_keyword_the_customer_asks_for() {
        assertThat(decider.matchedKeyword("我要转人工！！")).isEqualTo("转人工");
        assertThat(decider.matchedKeyword("Human please")).isEqualTo("human");
        assertThat(decider.matchedKeyword("ＡＧＥＮＴ")).isEqualTo("agent");
        assertThat(decider.matchedKeyword("我不想跟机器人聊 转人工")).isEqualTo("转人工");
    }

    @ParameterizedTest
    @ValueSource(strings = {"不要转人工，我想知道怎么退货", "不需要人工客服", "I don't need a human, just the opening hours",
            "no need to get a human, I just want to know if I can pay cash"})
    void should_not_count_a_keyword_after_a_negation_cue(String text) {
        assertThat(decider.matchedKeyword(text)).isNull();
    }

    @Test
    void should_not_count_a_keyword_inside_another_word() {
        assertThat(decider.matchedKeyword("our agents are all busy?")).isNull();
        assertThat(decider.matchedKeyword("humane treatment")).isNull();
        assertThat(decider.matchedKeyword(null)).isNull();
    }
}
