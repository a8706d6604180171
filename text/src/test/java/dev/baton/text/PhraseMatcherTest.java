package dev.baton.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one phrase matcher with negation, with the built-in cues. */
class PhraseMatcherTest {

    private final PhraseMatcher matcher = new PhraseMatcher(List.of("转人工", "要人工", "human", "Agent"),
            List.of("\\b(talk|speak) to (a|an) (person|human)\\b"), PhraseMatcher.NEGATION_CUES);

    private PhraseMatcher.Hit best(String text) {
        return matcher.best(Texts.normalise(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"转人工", "我要转人工！！", "agent please", "AGENT", "can I talk to a person",
            "我不想跟机器人聊 转人工", "no, agent please"})
    void should_find_a_request_that_no_cue_cancels(String text) {
        assertThat(best(text)).isNotNull().extracting(PhraseMatcher.Hit::negated).isEqualTo(false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"不要转人工", "不需要人工", "别转人工", "I don't need a human", "no need to get a human, thanks",
            "never mind the agent", "I do not want to talk to a person"})
    void should_mark_a_hit_negated_when_a_cue_comes_shortly_before_it_in_the_same_clause(String text) {
        assertThat(best(text)).isNotNull().extracting(PhraseMatcher.Hit::negated).isEqualTo(true);
    }

    @Test
    void should_keep_a_hit_when_the_cue_is_in_another_clause_or_too_far_before_it() {
        // a clause delimiter ends the cue's reach
        assertThat(best("不要,转人工").negated()).isFalse();
        // a Chinese cue must end within 4 characters of the hit, a Latin one within 20
        assertThat(best("不要紧张我们马上转人工").negated()).isFalse();
        assertThat(best("I don't need the tracking number or the invoice, human").negated()).isFalse();
        assertThat(best("I don't need the tracking number or anything else but a human").negated()).isFalse();
    }

    @Test
    void should_match_latin_keywords_on_word_boundaries_only() {
        assertThat(best("our agents are busy")).isNull();
        assertThat(best("a reagent")).isNull();
        assertThat(best("转agent")).isNotNull();
    }

    @Test
    void should_prefer_a_hit_that_is_not_negated_and_report_how_it_was_found() {
        PhraseMatcher.Hit hit = best("不要转人工了，还是转人工吧");
        assertThat(hit.negated()).isFalse();
        assertThat(hit.kind()).isEqualTo(PhraseMatcher.Kind.KEYWORD);
        assertThat(hit.matched()).isEqualTo("转人工");
        assertThat(best("let me speak to a person").kind()).isEqualTo(PhraseMatcher.Kind.PATTERN);
        assertThat(matcher.hits(Texts.normalise("不要转人工了，还是转人工吧"))).extracting(PhraseMatcher.Hit::negated)
                .containsExactly(true, false);
    }

    @Test
    void should_tell_whether_any_cue_occurs() {
        assertThat(matcher.anyCue(Texts.normalise("I don't need help with that"))).isTrue();
        assertThat(matcher.anyCue(Texts.normalise("where is my order"))).isFalse();
    }

    @Test
    void should_use_the_built_in_cues_when_given_keywords_only() {
        PhraseMatcher keywords = new PhraseMatcher(List.of("人工客服"));
        assertThat(keywords.best(Texts.normalise("暂时不找人工客服")).negated()).isTrue();
        assertThat(keywords.best(Texts.normalise("人工客服在吗")).negated()).isFalse();
    }
}
