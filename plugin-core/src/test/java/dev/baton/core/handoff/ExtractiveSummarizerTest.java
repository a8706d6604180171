package dev.baton.core.handoff;

import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.LookupTrace;
import dev.baton.core.conversation.Message;
import dev.baton.core.conversation.SmallTalkKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline handoff summary as the agent reads it: what the customer wants now and what was tried, in the agents'
 * language, in sentences; no reason codes, no counts with "(s)", no quote of a greeting as "the question".
 */
class ExtractiveSummarizerTest {

    private static final List<Message> TWO_QUESTIONS_THEN_A_PERSON = Transcripts.in("zh")
            .smallTalk("你好", SmallTalkKind.GREETING)
            .answered("怎么退货？", "进入“我的订单”，点击“申请售后”。", "退换货-faq.md › 怎么退货？")
            .answered("退款多久到账", "验货后 1–2 个工作日内发起退款。", "退换货-faq.md › 退款多久到账？")
            .asksForPerson("转人工", "转人工")
            .messages();

    @Test
    void should_say_what_the_customer_wants_now_after_two_questions_in_chinese() {
        String summary = new ExtractiveSummarizer("zh").summarize(TWO_QUESTIONS_THEN_A_PERSON,
                List.of(HandoffReason.EXPLICIT_REQUEST), "zh");

        assertThat(summary).isEqualTo("客户现在的问题是“退款多久到账”，机器人已用知识库作答，之后客户要求转人工。"
                + "此前还问过“怎么退货？”（已作答）。");
    }

    @Test
    void should_write_in_the_agents_language_when_the_customer_writes_another() {
        String summary = new ExtractiveSummarizer("en").summarize(TWO_QUESTIONS_THEN_A_PERSON,
                List.of(HandoffReason.EXPLICIT_REQUEST), "zh");

        assertThat(summary).isEqualTo("The customer's latest question is “退款多久到账”; the bot answered it from the "
                + "knowledge, then they asked for a person. Before that they asked “怎么退货？” (answered). "
                + "They write in Chinese.");
    }

    @Test
    void should_name_the_entry_the_bot_answered_from_when_it_is_not_the_question_itself() {
        List<Message> t = Transcripts.in("en")
                .answered("How do I return an item?", "Open My orders and tap Return.",
                        "returns.md › How do I return an item?")
                .answered("my refund still isn't there", "Refunds take 3 to 5 working days.",
                        "returns.md › How long does a refund take?")
                .asksForPerson("I want to talk to a human", "talk to a human")
                .messages();

        String summary = new ExtractiveSummarizer("en").summarize(t, List.of(HandoffReason.EXPLICIT_REQUEST), "en");

        assertThat(summary).isEqualTo("The customer's latest question is “my refund still isn't there”; the bot "
                + "answered it from “How long does a refund take?”, then they asked for a person. Before that they "
                + "asked “How do I return an item?” (answered).");
    }

    @Test
    void should_quote_an_upset_customer_reacting_to_an_answer_and_keep_the_issue_as_their_question() {
        List<Message> t = Transcripts.in("zh")
                .answered("我的快递三天了还没到", "江浙沪一般 1–2 天送达。", "配送-faq.md › 快递多久能到？")
                .says("你们怎么回事，太慢了！！", -0.8, true, true)
                .messages();

        String zh = new ExtractiveSummarizer("zh").summarize(t, List.of(HandoffReason.NEGATIVE_SENTIMENT), "zh");
        String en = new ExtractiveSummarizer("en").summarize(t, List.of(HandoffReason.NEGATIVE_SENTIMENT), "zh");

        assertThat(zh).isEqualTo("客户现在的问题是“我的快递三天了还没到”，机器人已按“快递多久能到？”作答，"
                + "之后客户表示不满：“你们怎么回事，太慢了！！”。");
        assertThat(en).isEqualTo("The customer's latest question is “我的快递三天了还没到”; the bot answered it from "
                + "“快递多久能到？”, then they replied upset: “你们怎么回事，太慢了！！”. They write in Chinese.");
    }

    @Test
    void should_say_for_how_many_messages_the_customer_has_been_upset() {
        List<Message> t = Transcripts.in("zh")
                .answered("我的快递三天了还没到", "江浙沪一般 1–2 天送达。", "配送-faq.md › 快递多久能到？")
                .says("这都第三天了，太慢了", -0.6, true, false)
                .missed("订单号 88812345")
                .says("你们怎么回事！！再不到我就投诉", -0.95, true, false)
                .asksForPerson("转人工", "转人工")
                .messages();

        String zh = new ExtractiveSummarizer("zh").summarize(t, List.of(HandoffReason.EXPLICIT_REQUEST), "zh");
        String en = new ExtractiveSummarizer("en").summarize(t, List.of(HandoffReason.NEGATIVE_SENTIMENT), "zh");

        assertThat(zh).isEqualTo("客户现在的问题是“我的快递三天了还没到”，机器人已按“快递多久能到？”作答，"
                + "之后客户表示不满：“这都第三天了，太慢了”，提供了“订单号 88812345”，并要求转人工。"
                + "客户已有 2 条消息情绪激动，最重的一句是“你们怎么回事！！再不到我就投诉”。");
        assertThat(en).contains("then they replied upset: “这都第三天了，太慢了”")
                .endsWith("They have been upset for 2 messages, worst of all: “你们怎么回事！！再不到我就投诉”. "
                        + "They write in Chinese.");
    }

    @Test
    void should_say_an_upset_first_message_is_upset_without_quoting_it_twice() {
        List<Message> t = Transcripts.in("en").says("Your courier BROKE my TV!!! Unacceptable!", -0.95, true, true)
                .messages();

        String summary = new ExtractiveSummarizer("en").summarize(t, List.of(HandoffReason.NEGATIVE_SENTIMENT), "en");

        assertThat(summary).isEqualTo("The customer's latest question is “Your courier BROKE my TV!!! Unacceptable!”; "
                + "the bot found no answer in the knowledge. They are upset.");
    }

    @Test
    void should_tell_the_questions_the_knowledge_could_not_answer() {
        List<Message> t = Transcripts.in("zh")
                .missed("你们支持比特币付款吗")
                .says("可以用火星币吗", 0.0, true, true)
                .messages();

        String zh = new ExtractiveSummarizer("zh").summarize(t, List.of(HandoffReason.KNOWLEDGE_MISS), "zh");
        String en = new ExtractiveSummarizer("en").summarize(t, List.of(HandoffReason.KNOWLEDGE_MISS), "zh");

        assertThat(zh).isEqualTo("客户现在的问题是“可以用火星币吗”，机器人在知识库中没有找到答案。"
                + "此前还问过“你们支持比特币付款吗”（没有找到答案）。机器人连续 2 个问题都没有答上来。");
        assertThat(en).isEqualTo("The customer's latest question is “可以用火星币吗”; the bot found no answer in the "
                + "knowledge. Before that they asked “你们支持比特币付款吗” (no answer). The bot could not answer 2 "
                + "questions in a row. They write in Chinese.");
    }

    @Test
    void should_not_take_an_order_number_for_the_question() {
        List<Message> t = Transcripts.in("zh")
                .smallTalk("在吗", SmallTalkKind.PRESENCE)
                .answered("我的包裹还没到", "江浙沪一般 1–2 天送达。", "配送-faq.md › 快递多久能到？")
                .missed("订单号 88812345")
                .missed("👍")
                .asksForPerson("转人工！", "转人工")
                .messages();

        String summary = new ExtractiveSummarizer("zh").summarize(t,
                List.of(HandoffReason.EXPLICIT_REQUEST, HandoffReason.KNOWLEDGE_MISS), "zh");

        assertThat(summary).isEqualTo("客户现在的问题是“我的包裹还没到”，机器人已按“快递多久能到？”作答，"
                + "之后客户提供了“订单号 88812345”，并要求转人工。");
    }

    @Test
    void should_tell_a_button_press_after_a_question() {
        List<Message> t = Transcripts.in("zh")
                .answered("我的订单什么时候到？", "江浙沪一般 1–2 天送达。", "配送-faq.md › 快递多久能到？")
                .pressesButton()
                .messages();

        assertThat(new ExtractiveSummarizer("zh").summarize(t, List.of(HandoffReason.BUTTON), "zh"))
                .isEqualTo("客户现在的问题是“我的订单什么时候到？”，机器人已按“快递多久能到？”作答，之后客户点了转人工按钮。");
        assertThat(new ExtractiveSummarizer("en").summarize(t, List.of(HandoffReason.BUTTON), "zh"))
                .isEqualTo("The customer's latest question is “我的订单什么时候到？”; the bot answered it from "
                        + "“快递多久能到？”, then they pressed the human button. They write in Chinese.");
    }

    @Test
    void should_say_when_the_customer_asked_for_a_person_without_a_question() {
        List<Message> t = Transcripts.in("zh").smallTalk("你好", SmallTalkKind.GREETING).asksForPerson("转人工", "转人工")
                .messages();

        assertThat(new ExtractiveSummarizer("zh").summarize(t, List.of(HandoffReason.EXPLICIT_REQUEST), "zh"))
                .isEqualTo("客户要求转人工，但还没有说明是什么问题。");
        assertThat(new ExtractiveSummarizer("en").summarize(t, List.of(HandoffReason.EXPLICIT_REQUEST), "en"))
                .isEqualTo("The customer asked for a person without saying what about.");
    }

    @Test
    void should_read_only_what_came_after_the_last_human_reply() {
        List<Message> t = Transcripts.in("en")
                .answered("How do I return an item?", "Open My orders.", "returns.md › How do I return an item?")
                .asksForPerson("agent please", "agent")
                .agent("Hi, Ann here. Done, your return is booked.")
                .missed("Can I pay with bitcoin?")
                .says("do you take bitcoin or not?", 0.0, true, true)
                .messages();

        String summary = new ExtractiveSummarizer("en").summarize(t, List.of(HandoffReason.KNOWLEDGE_MISS), "en");

        assertThat(summary).startsWith("The customer's latest question is “do you take bitcoin or not?”")
                .contains("Before that they asked “Can I pay with bitcoin?” (no answer).")
                .doesNotContain("return");
    }

    @Test
    void should_write_every_reason_as_a_sentence_without_its_code() {
        List<Message> t = Transcripts.in("en")
                .answered("How do I return an item?", "Open My orders.", "returns.md › How do I return an item?")
                .says("change the phone number on my account to 13800000000 please", 0.0, false, true)
                .messages();
        for (HandoffReason r : HandoffReason.values()) {
            String summary = new ExtractiveSummarizer("en").summarize(t, List.of(r), "en");
            String zh = new ExtractiveSummarizer("zh").summarize(t, List.of(r), "en");

            assertThat(summary).as(r.code()).doesNotContain("_").doesNotContain("(s)").endsWith(".");
            assertThat(zh).as(r.code()).doesNotContain("_").doesNotContain(r.code()).endsWith("。");
        }
    }

    @Test
    void should_quote_what_the_look_ups_found_in_the_agents_language() {
        List<Message> t = Transcripts.in("zh")
                .lookedUp("我的订单 20251120-8891 到哪了", "order_status", LookupTrace.Outcome.FOUND,
                        "订单 20251120-8891：已发货，顺丰 SF1234，预计 12-05 送达。")
                .asksForPerson("转人工", "转人工")
                .messages();

        String zh = new ExtractiveSummarizer("zh").summarize(t, List.of(HandoffReason.EXPLICIT_REQUEST), "zh");
        String en = new ExtractiveSummarizer("en").summarize(t, List.of(HandoffReason.EXPLICIT_REQUEST), "zh");

        assertThat(zh).contains("查询结果：“订单 20251120-8891：已发货，顺丰 SF1234，预计 12-05 送达”。")
                .doesNotContain("。”。").doesNotContain("order_status");
        assertThat(en).contains("The look-ups returned “订单 20251120-8891：已发货，顺丰 SF1234，预计 12-05 送达”.")
                .doesNotContain("order_status").doesNotContain("查询结果");
    }

    @Test
    void should_say_a_failed_look_up_brought_the_person_in_both_languages() {
        List<Message> t = Transcripts.in("en")
                .lookedUp("where is my order 20251120-8891", "order_status", LookupTrace.Outcome.FAILED, null)
                .messages();

        String en = new ExtractiveSummarizer("en").summarize(t, List.of(HandoffReason.LOOKUP_FAILED), "en");
        String zh = new ExtractiveSummarizer("zh").summarize(t, List.of(HandoffReason.LOOKUP_FAILED), "en");

        assertThat(en).contains("A look-up in the business's system failed, so the bot could not answer.")
                .doesNotContain("lookup_failed");
        assertThat(zh).contains("查询业务系统失败，机器人无法回答。").doesNotContain("lookup_failed");
    }
}
