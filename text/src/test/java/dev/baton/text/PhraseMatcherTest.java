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

    private final PhraseMatcher requests = new PhraseMatcher(List.of("转人工", "人工客服", "真人", "human"),
            List.of("\\b(talk|speak|chat)\\b.{0,25}?\\b(person|human|someone|representative)\\b",
                    "(有|有没有)(真人|活人|人工)(吗|么|嘛|没)"), PhraseMatcher.NEGATION_CUES);

    private PhraseMatcher.Hit tolerant(String text) {
        return requests.bestTolerant(Texts.normalise(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"转人共", "帮我转仁工", "有真仁吗，我想问问", "talk to a persn", "can I speak to a humna",
            "chat with somone pls", "I need to talk to a represntative"})
    void should_read_typos_and_homophones_as_the_phrase_they_were_meant_to_be(String text) {
        assertThat(requests.best(Texts.normalise(text))).as("not found as written").isNull();
        assertThat(tolerant(text)).isNotNull().satisfies(h -> {
            assertThat(h.negated()).isFalse();
            assertThat(h.tolerant()).isTrue();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"不要转人共", "不用转仁工了", "I don't need to talk to a persn", "no need to speak to a humna"})
    void should_keep_a_negated_typo_negated(String text) {
        assertThat(tolerant(text)).isNotNull().extracting(PhraseMatcher.Hit::negated).isEqualTo(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"我真认为这样不对", "他真任性", "I am doing my own thing", "the steak was cold",
            "what are the shipping costs", "我要退款"})
    void should_not_make_a_request_out_of_ordinary_words(String text) {
        PhraseMatcher.Hit hit = tolerant(text);
        assertThat(hit == null || hit.negated()).as(text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"don't put me through to an agent please", "no human for this either, how do I cancel",
            "please do not transfer me to a person", "先不转人工"})
    void should_negate_a_refused_hand_over(String text) {
        PhraseMatcher m = new PhraseMatcher(List.of("agent", "human", "person", "转人工"),
                List.of("\\b(transfer|put) me (through )?to\\b"), PhraseMatcher.NEGATION_CUES);
        PhraseMatcher.Hit hit = m.best(Texts.normalise(text));
        assertThat(hit).isNotNull().extracting(PhraseMatcher.Hit::negated).isEqualTo(true);
    }
}
