package dev.baton.eval;

import dev.baton.eval.TurnJudge.Observation;
import dev.baton.eval.TurnJudge.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every expectation type of the data README, one observation that meets it and the ways it can be missed. */
class TurnJudgeTest {

    private static final String NOT_SURE = "Sorry, I couldn't find a reliable answer to that.";
    private static final String FEE = "¥3 within 2 km. [ans:delivery-fee]\n\nSource: delivery.md";
    private static final String QUEUED_NOTICE = "You are number 2 in the queue (about 6 min).";

    private static Observation bot(String... replies) {
        return new Observation(List.of(replies), "BOT", List.of());
    }

    private static Observation queued(List<String> reasons, String... replies) {
        return new Observation(List.of(replies), "QUEUED", reasons);
    }

    private static Verdict judge(Expectation e, Observation o) {
        return TurnJudge.judge(e, null, o);
    }

    @Test
    void should_want_the_entry_marker_while_the_bot_keeps_the_conversation_for_an_answer() {
        Expectation e = new Expectation.Answer("delivery-fee");
        assertThat(judge(e, bot(FEE)).right()).isTrue();
        assertThat(judge(e, bot("¥5 minimum. [ans:order-minimum]")).why()).isEqualTo("another entry answered");
        assertThat(judge(e, bot(NOT_SURE)).why()).isEqualTo("no answer marker");
        assertThat(judge(e, queued(List.of("knowledge_miss"), FEE, QUEUED_NOTICE)).why())
                .isEqualTo("answered but handed off");
    }

    @Test
    void should_want_a_reply_without_marker_and_no_handoff_for_no_answer() {
        Expectation e = new Expectation.NoAnswer();
        assertThat(judge(e, bot(NOT_SURE)).right()).isTrue();
        assertThat(judge(e, bot(FEE)).right()).isFalse();
        assertThat(judge(e, bot()).why()).isEqualTo("no reply");
        assertThat(judge(e, queued(List.of("knowledge_miss"), QUEUED_NOTICE)).why()).isEqualTo("handed off");
    }

    @Test
    void should_accept_any_listed_reason_and_flag_a_handoff_for_another_reason() {
        Expectation e = new Expectation.Handoff(List.of("negative_sentiment", "complaint"));
        assertThat(judge(e, queued(List.of("complaint"), QUEUED_NOTICE)).right()).isTrue();
        assertThat(judge(e, new Observation(List.of(), "HUMAN", List.of("negative_sentiment"))).right()).isTrue();
        Verdict other = judge(e, queued(List.of("explicit_request"), QUEUED_NOTICE));
        assertThat(other.right()).isFalse();
        assertThat(other.reasonOnly()).isTrue();
        Verdict stayed = judge(e, bot(NOT_SURE));
        assertThat(stayed.right()).isFalse();
        assertThat(stayed.reasonOnly()).isFalse();
    }

    @Test
    void should_allow_a_queue_notice_but_no_marker_while_silent() {
        Expectation e = new Expectation.Silent();
        assertThat(judge(e, queued(List.of("button"))).right()).isTrue();
        assertThat(judge(e, queued(List.of("button"), QUEUED_NOTICE)).right()).isTrue();
        assertThat(judge(e, queued(List.of("button"), FEE)).right()).isFalse();
        assertThat(judge(e, bot(NOT_SURE)).why()).isEqualTo("with the bot, not a person");
    }

    @Test
    void should_want_some_marker_with_the_bot_for_answer_any() {
        Expectation e = new Expectation.AnswerAny();
        assertThat(judge(e, bot("[ans:tip-rider] tip in the app")).right()).isTrue();
        assertThat(judge(e, bot(NOT_SURE)).right()).isFalse();
        assertThat(judge(e, queued(List.of("vip"), FEE)).right()).isFalse();
    }

    @Test
    void should_require_at_least_one_reply_all_in_the_language_asked() {
        Expectation e = new Expectation.Handoff(List.of("button"));
        Observation chinese = queued(List.of("button"), "已为您转接人工客服，您目前排在第 1 位。");
        assertThat(TurnJudge.judge(e, "zh", chinese).right()).isTrue();
        assertThat(TurnJudge.judge(e, "en", chinese).why()).isEqualTo("a reply is not in en");
        Observation mixed = queued(List.of("button"), "已为您转接人工客服。", QUEUED_NOTICE);
        assertThat(TurnJudge.judge(e, "zh", mixed).right()).isFalse();
        assertThat(TurnJudge.judge(e, "zh", queued(List.of("button"))).why()).isEqualTo("no reply, expected one in zh");
        assertThat(TurnJudge.judge(new Expectation.NoAnswer(), "zh", bot("👍 好的")).right()).isTrue();
    }

    @Test
    void should_find_every_marker_in_reply_order() {
        assertThat(Markers.in(List.of("a [ans:x-1] b [ans:zh-退款]", "[ans:y]", "[ans: spaced] [ans:]")))
                .containsExactly("x-1", "zh-退款", "y");
    }
}
