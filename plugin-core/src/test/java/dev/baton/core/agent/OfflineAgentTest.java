package dev.baton.core.agent;

import dev.baton.core.config.BotMessages;
import dev.baton.core.knowledge.CitationStyle;
import dev.baton.core.knowledge.KnowledgeAnswer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineAgentTest {

    private static final BotMessages MESSAGES = BotMessages.defaults();
    private static final KnowledgeAnswer RETURNS = new KnowledgeAnswer("退换货-faq.md#怎么退货", "怎么退货？",
            "进入“我的订单”，点击“申请售后”。", "退换货-faq.md › 怎么退货？", 0.9, true, "怎么退货？", "");
    private static final KnowledgeAnswer NEAREST = new KnowledgeAnswer("积分.md#积分规则", "积分规则", "积分一年有效。",
            "积分.md › 积分规则", 0.7, false, "积分规则", "");

    @Test
    void should_answer_with_the_entry_and_its_title_but_keep_the_file_reference_for_agents() {
        OfflineAgent agent = new OfflineAgent(MESSAGES.notSure(), MESSAGES.sourceLabel());

        AgentReply r = agent.answer(new AgentRequest(1, "怎么退货", "zh", List.of(RETURNS, NEAREST)));

        assertThat(r.text()).isEqualTo("进入“我的订单”，点击“申请售后”。\n\n来源：怎么退货？");
        assertThat(r.citation()).isEqualTo("退换货-faq.md › 怎么退货？");
        assertThat(r.knowledgeMiss()).isFalse();
    }

    @Test
    void should_say_it_does_not_know_instead_of_answering_from_the_nearest_entry_when_nothing_is_confident() {
        OfflineAgent agent = new OfflineAgent(MESSAGES.notSure(), MESSAGES.sourceLabel());

        AgentReply r = agent.answer(new AgentRequest(1, "在吗", "zh", List.of(NEAREST)));

        assertThat(r.text()).isEqualTo(MESSAGES.notSure().in("zh")).doesNotContain("积分");
        assertThat(r.knowledgeMiss()).isTrue();
    }

    @Test
    void should_answer_without_a_source_line_when_citations_are_off() {
        OfflineAgent agent = new OfflineAgent(MESSAGES.notSure(), MESSAGES.sourceLabel(), CitationStyle.none());

        AgentReply r = agent.answer(new AgentRequest(1, "怎么退货", "zh", List.of(RETURNS)));

        assertThat(r.text()).isEqualTo("进入“我的订单”，点击“申请售后”。");
    }

    @Test
    void should_say_it_has_no_information_about_a_thing_the_knowledge_never_names_instead_of_a_yes() {
        KnowledgeAnswer shipping = new KnowledgeAnswer("faq.md#intl", "Do you ship internationally?",
                "Yes. We ship to Hong Kong, Macao and 40 countries.", "faq.md › Do you ship internationally?", 0.9,
                true, "Do you ship internationally?", "", List.of("Mars"));
        OfflineAgent agent = new OfflineAgent(MESSAGES.notSure(), MESSAGES.sourceLabel());

        AgentReply r = agent.answer(new AgentRequest(1, "Do you ship to Mars?", "en", List.of(shipping)));

        assertThat(r.text()).startsWith("I have no information about “Mars”, so I can't confirm that.")
                .contains("\n\nWe ship to Hong Kong, Macao and 40 countries.")
                .doesNotContain("Yes.")
                .endsWith("Source: Do you ship internationally?");
        assertThat(r.knowledgeMiss()).isFalse();
    }

    @Test
    void should_name_the_missing_thing_in_chinese_and_keep_the_answer_whole() {
        KnowledgeAnswer payment = new KnowledgeAnswer("faq.md#pay", "支持哪些支付方式？", "支持微信支付、支付宝和银行卡。",
                "faq.md › 支持哪些支付方式？", 0.9, true, "支持哪些支付方式？", "", List.of("比特币"));
        OfflineAgent agent = new OfflineAgent(MESSAGES.notSure(), MESSAGES.sourceLabel());

        AgentReply r = agent.answer(new AgentRequest(1, "你们支持比特币付款吗", "zh", List.of(payment)));

        assertThat(r.text()).isEqualTo("我这里的资料没有提到“比特币”，所以没法确认。以下是最相关的信息；如需确认，可以回复“转人工”。"
                + "\n\n支持微信支付、支付宝和银行卡。\n\n来源：支持哪些支付方式？");
    }
}
