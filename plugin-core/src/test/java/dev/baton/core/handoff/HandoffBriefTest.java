package dev.baton.core.handoff;

import dev.baton.core.conversation.SmallTalkKind;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the customer wants now, read from a transcript: the current question and what the bot did with it. */
class HandoffBriefTest {

    @Test
    void should_take_the_latest_real_question_not_small_talk_requests_order_numbers_or_emoji() {
        HandoffBrief b = HandoffBrief.read(Transcripts.in("zh")
                .smallTalk("你好", SmallTalkKind.GREETING)
                .answered("怎么退货？", "进入“我的订单”。", "退换货-faq.md › 怎么退货？")
                .missed("我买的耳机有杂音")
                .missed("订单号 88812345")
                .missed("😀")
                .asksForPerson("转人工", "转人工")
                .messages(), text -> false);

        assertThat(b.current().text()).isEqualTo("我买的耳机有杂音");
        assertThat(b.current().outcome()).isEqualTo(HandoffBrief.Outcome.NO_ANSWER);
        assertThat(b.earlier()).singleElement().satisfies(q -> {
            assertThat(q.text()).isEqualTo("怎么退货？");
            assertThat(q.outcome()).isEqualTo(HandoffBrief.Outcome.ANSWERED);
            assertThat(q.source()).isEqualTo("怎么退货？");
        });
        assertThat(b.then()).extracting(HandoffBrief.Then::kind)
                .containsExactly(HandoffBrief.Kind.DETAIL, HandoffBrief.Kind.REQUEST);
        assertThat(b.requested()).isTrue();
    }

    @Test
    void should_read_messages_written_while_queued_from_their_text() {
        HandoffBrief b = HandoffBrief.read(Transcripts.in("en")
                .answered("How do I return an item?", "Open My orders.", "returns.md › How do I return an item?")
                .asksForPerson("agent", "agent")
                .writesWhileQueued("my parcel arrived broken, can I get a new one?")
                .writesWhileQueued("A1234567")
                .writesWhileQueued("hello??")
                .writesWhileQueued("agent")
                .messages(), Set.of("hello??")::contains);

        assertThat(b.current().text()).isEqualTo("my parcel arrived broken, can I get a new one?");
        assertThat(b.current().outcome()).isEqualTo(HandoffBrief.Outcome.UNANSWERED);
        assertThat(b.then()).extracting(HandoffBrief.Then::kind)
                .containsExactly(HandoffBrief.Kind.DETAIL, HandoffBrief.Kind.REQUEST);
    }

    @Test
    void should_keep_the_detail_as_the_question_when_the_customer_asked_nothing_else() {
        HandoffBrief b = HandoffBrief.read(Transcripts.in("en").missed("order 88812345").pressesButton().messages(),
                text -> false);

        assertThat(b.current().text()).isEqualTo("order 88812345");
        assertThat(b.pressedButton()).isTrue();
        assertThat(b.then()).extracting(HandoffBrief.Then::kind).containsExactly(HandoffBrief.Kind.BUTTON);
    }

    @Test
    void should_tell_details_from_questions_that_carry_a_number() {
        assertThat(CustomerMessages.detailOnly("订单号 88812345")).isTrue();
        assertThat(CustomerMessages.detailOnly("my order is SF1234567890")).isTrue();
        assertThat(CustomerMessages.detailOnly("#998877")).isTrue();
        assertThat(CustomerMessages.detailOnly("88812345 到哪了？")).as("a question").isFalse();
        assertThat(CustomerMessages.detailOnly("我的订单 88812345 三天了还没发货，怎么回事")).isFalse();
        assertThat(CustomerMessages.detailOnly("can you change the phone number on my account to 13800000000")).isFalse();
        assertThat(CustomerMessages.detailOnly("退货要几天")).as("no code").isFalse();
    }

    @Test
    void should_name_the_entry_from_the_citation_or_the_answers_source_line() {
        assertThat(HandoffBrief.source("退换货-faq.md › 怎么退货？", "…")).isEqualTo("怎么退货？");
        assertThat(HandoffBrief.source("membership-faq.csv row 12", "积分一年有效。\n\n来源：积分多久过期？"))
                .isEqualTo("积分多久过期？");
        assertThat(HandoffBrief.source("membership-faq.csv row 12", "积分一年有效。"))
                .isEqualTo("membership-faq.csv row 12");
    }
}
