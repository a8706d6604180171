package dev.baton.core.triage;

import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.SmallTalkKind;
import dev.baton.core.conversation.TriageSignals;
import dev.baton.core.handoff.Decision;
import dev.baton.core.handoff.HandoffConfig;
import dev.baton.core.handoff.HandoffPolicy;
import dev.baton.core.handoff.PolicyInput;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conversational judgement in triage and the policy, with the real model and the built-in defaults: requests that
 * survive typos and indirect phrasing (and their negations), small talk that is never a request, sensitive matters
 * and furious messages. Every sentence here is written for this test.
 */
class JudgementTest {

    static Triage triage;
    static HandoffPolicy policy;

    @BeforeAll
    static void load() {
        HandoffConfig handoff = HandoffConfig.defaults();
        triage = new Triage(TriageConfig.defaults().withExtraKeywords(handoff.keywords()),
                new BgeSmallZhV15QuantizedEmbeddingModel());
        policy = new HandoffPolicy(handoff);
    }

    private static TriageSignals read(String text) {
        return triage.analyze(TriageInput.of(text));
    }

    private static Decision decide(String text) {
        return policy.decide(PolicyInput.of(read(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"转人共", "帮我转仁工吧", "有真仁吗，我想问个问题", "有没有人工啊", "接个活人过来",
            "叫你们主管来", "get me a real human pls", "I'd rather speak to someone on your team",
            "talk to a persn", "can I speak with a humna please", "i would prefer a real person",
            "let me chat with somone who works there", "connect me to a represntative"})
    void should_hear_a_request_for_a_person_through_typos_and_indirect_phrasing(String text) {
        TriageSignals s = read(text);
        assertThat(s.explicitRequest().detected()).as(text).isTrue();
        assertThat(decide(text).isHandoff()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"不要转人共", "不用转人工了，我自己看看", "不需要真人，谢谢", "先不转人工",
            "no need for an agent, just tell me the opening hours", "don't put me through to anyone, I'm fine",
            "I don't need to talk to a persn"})
    void should_respect_a_declined_person_also_when_misspelt(String text) {
        TriageSignals s = read(text);
        assertThat(s.explicitRequest().detected()).as(text).isFalse();
        assertThat(decide(text).isHandoff()).as(text).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"你是真人还是机器人", "are you a real person?", "are you a bot", "在吗", "hi", "thanks!",
            "好的", "👍"})
    void should_read_small_talk_as_small_talk_and_never_as_a_request(String text) {
        TriageSignals s = read(text);
        assertThat(s.smallTalk()).as(text).isNotNull();
        assertThat(s.explicitRequest().detected()).isFalse();
        assertThat(decide(text).isHandoff()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "somebody logged into my account and bought two gift cards",
            "there are payments on my card that I never made",
            "有人用我的账号下了好几单",
            "这笔消费不是我本人操作的",
            "you charged me twice for the same order",
            "同一笔订单扣了我两次钱",
            "I got a new phone number and need the one linked to my account changed",
            "我要换一下账号绑定的手机号",
            "I need to verify my identity to unlock payouts",
            "实名认证一直失败怎么办",
            "I need to transfer 80,000 to my brother"})
    void should_send_sensitive_matters_to_a_person(String text) {
        Decision d = decide(text);
        assertThat(d).as(text).isInstanceOf(Decision.Handoff.class);
        assertThat(((Decision.Handoff) d).reasons()).as(text).contains(HandoffReason.SENSITIVE_INTENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"is there an extra charge for express delivery?", "how do I change my delivery address?",
            "can I pay with two cards?", "运费怎么算", "怎么修改收货地址", "edit my profile picture"})
    void should_not_call_everyday_questions_sensitive(String text) {
        assertThat(decide(text).isHandoff()).as(text).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"THIS IS RIDICULOUS. the box was crushed and the cake is ruined, what garbage 😡",
            "菜全洒了，垃圾服务，气死我了！！", "WORST DELIVERY EVER!! two hours late and cold food"})
    void should_send_one_furious_message_to_a_person(String text) {
        TriageSignals s = read(text);
        assertThat(s.sentiment().furious()).as(text).isTrue();
        Decision d = decide(text);
        assertThat(d).isInstanceOf(Decision.Handoff.class);
        assertThat(((Decision.Handoff) d).reasons()).contains(HandoffReason.NEGATIVE_SENTIMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"my order is late, what can I do?", "the soup was a bit cold", "I paid USD 50 via ATM",
            "快递有点慢", "HELLO"})
    void should_not_call_a_plain_complaint_or_capitals_furious(String text) {
        assertThat(read(text).sentiment().furious()).as(text).isFalse();
    }

    @Test
    void should_keep_a_vip_who_declines_a_person_with_the_bot_for_the_stretch() {
        TriageSignals declined = read("别转人工，就问下明天能不能预约");
        Decision first = policy.decide(new PolicyInput(declined, false, false, "vip", List.of(), List.of(), 0));
        assertThat(first.isHandoff()).isFalse();
        TriageSignals next = read("快篮会员怎么取消");
        Decision second = policy.decide(new PolicyInput(next, false, false, "vip", List.of(declined), List.of(), 1));
        assertThat(second.isHandoff()).isFalse();
        Decision fresh = policy.decide(new PolicyInput(next, false, false, "vip", List.of(), List.of(), 0));
        assertThat(fresh).isInstanceOf(Decision.Handoff.class);
        TriageSignals asks = read("还是给我转人工吧");
        Decision changedMind = policy.decide(new PolicyInput(asks, false, false, "vip", List.of(declined), List.of(),
                1));
        assertThat(((Decision.Handoff) changedMind).reasons()).contains(HandoffReason.EXPLICIT_REQUEST,
                HandoffReason.VIP);
    }

    @Test
    void should_store_small_talk_with_the_signals() {
        assertThat(read("谢谢").smallTalk()).isEqualTo(SmallTalkKind.THANKS);
        assertThat(read("where is my order?").smallTalk()).isNull();
    }
}
