package dev.baton.core.triage;

import dev.baton.core.conversation.SmallTalkKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Small talk, zh and en, by what is left of a message when its small-talk units are taken away. */
class SmallTalkTest {

    private final SmallTalk smallTalk = SmallTalk.defaults();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "hi                          | GREETING",
            "Hiiii there!                | GREETING",
            "good morning :)             | GREETING",
            "你好呀                       | GREETING",
            "晚上好                       | GREETING",
            "在吗                         | PRESENCE",
            "在吗？在不在                  | PRESENCE",
            "anyone there??              | PRESENCE",
            "thanks!                     | THANKS",
            "thank you so much for your help | THANKS",
            "thnaks a lot                | THANKS",
            "ok thanks 😊                | THANKS",
            "好嘞谢谢                     | THANKS",
            "不用了，谢谢                  | THANKS",
            "谢谢你们的帮助                 | THANKS",
            "ok                          | ACKNOWLEDGEMENT",
            "好的                         | ACKNOWLEDGEMENT",
            "嗯嗯                         | ACKNOWLEDGEMENT",
            "got it, cool                | ACKNOWLEDGEMENT",
            "👍                          | ACKNOWLEDGEMENT",
            "👍🏻🙏                        | ACKNOWLEDGEMENT",
            "[强]                         | ACKNOWLEDGEMENT",
            "bye!                        | GOODBYE",
            "ok thanks, bye              | GOODBYE",
            "再见                         | GOODBYE",
            "have a nice day             | GOODBYE",
            "are you a bot?              | IDENTITY",
            "r u a real person or a bot  | IDENTITY",
            "am I talking to a human?    | IDENTITY",
            "你是真人还是机器人             | IDENTITY",
            "你是机器人吗                   | IDENTITY",
            "what can you do?            | IDENTITY",
            "how are you doing today?    | CHITCHAT",
            "哈哈哈                       | CHITCHAT",
            "tell me a joke              | CHITCHAT",
    })
    void should_tell_each_kind_of_small_talk(String text, SmallTalkKind kind) {
        SmallTalk.Reading r = smallTalk.read(text.strip());
        assertThat(r.kind()).as(text).isEqualTo(kind);
        assertThat(r.content()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"where is my order", "我的外卖到哪了", "ok but where is my refund?", "谢谢，那退款呢",
            "are you open on sundays?", "do you have a gift card?", "hi, I want to talk to a human", "转人工",
            "不用转人工，就问一下能不能货到付款", "好的，发票怎么开", "😡", "👎👎", "can I pay with bitcoin?",
            "can I book a room", "A12345678", "???"})
    void should_not_call_a_message_that_asks_something_small_talk(String text) {
        assertThat(smallTalk.read(text).isSmallTalk()).as(text).isFalse();
    }

    @Test
    void should_search_the_knowledge_with_the_clauses_that_ask_something() {
        assertThat(smallTalk.read("hi there, where is my order? thanks").content()).isEqualTo("where is my order?");
        assertThat(smallTalk.read("你好，超市一般多久能送到").content()).isEqualTo("超市一般多久能送到");
        assertThat(smallTalk.read("lol ok. how much is delivery").content()).isEqualTo("how much is delivery");
        assertThat(smallTalk.read("how do I cancel?").content()).isEqualTo("how do I cancel?");
    }
}
