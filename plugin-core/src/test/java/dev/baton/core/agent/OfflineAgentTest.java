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
}
