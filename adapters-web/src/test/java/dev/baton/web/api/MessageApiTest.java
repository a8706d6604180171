package dev.baton.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.plugin.PassiveReplies;
import dev.baton.web.config.WebConfig;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static dev.baton.web.api.WebApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a visitor hands in: messages (idempotent by their client id, size-limited), the 转人工 button, a left message,
 * a rating (only of a finished episode with a person, once); and their history as the widget shows it.
 */
class MessageApiTest {

    private final WebApiFixture f = new WebApiFixture();
    private final String token = f.anonymous();

    private String customer() {
        f.call(WebAdapter.MESSAGES, Map.of("id", "whoami-1", "text", "?"), token);
        return f.sink.accepted().get(f.sink.accepted().size() - 1).customerId();
    }

    private static PassiveReplies.Line line(long id, Author author, String name, String text) {
        return new PassiveReplies.Line(id, author == Author.CUSTOMER ? id * 10 : null, author, name, text,
                Instant.parse("2025-05-01T08:00:00Z").plusSeconds(id));
    }

    @Test
    void should_store_a_resent_message_once() {
        WebhookResponse first = f.call(WebAdapter.MESSAGES, Map.of("id", "m-0001-abc", "text", "怎么退货？"), token);
        WebhookResponse again = f.call(WebAdapter.MESSAGES, Map.of("id", "m-0001-abc", "text", "怎么退货？"), token);

        assertThat(first.status()).isEqualTo(200);
        assertThat(json(first).path("duplicate").asBoolean()).isFalse();
        assertThat(json(again).path("duplicate").asBoolean()).as("the resend after a dropped connection").isTrue();
        assertThat(json(again).path("inboundId").asLong()).isEqualTo(json(first).path("inboundId").asLong());
        assertThat(f.sink.accepted()).singleElement().satisfies(m -> {
            assertThat(m.channel()).isEqualTo(WebConfig.CHANNEL);
            assertThat(m.content()).isEqualTo(new InboundContent.Text("怎么退货？"));
            assertThat(m.platformMessageId()).endsWith("/m-0001-abc").startsWith(m.customerId());
        });
    }

    @Test
    void should_refuse_a_message_too_long_empty_or_without_a_usable_id_and_store_nothing() {
        assertThat(f.call(WebAdapter.MESSAGES, Map.of("id", "m-0002-abc", "text", "长".repeat(201)), token).status())
                .isEqualTo(413);
        assertThat(f.call(WebAdapter.MESSAGES, Map.of("id", "m-0003-abc", "text", " \u0007 "), token).status())
                .isEqualTo(400);
        assertThat(f.call(WebAdapter.MESSAGES, Map.of("id", "short", "text", "hi"), token).status()).isEqualTo(400);
        assertThat(f.call(WebAdapter.MESSAGES, Map.of("id", "has space 1", "text", "hi"), token).status())
                .isEqualTo(400);
        assertThat(f.call(WebAdapter.MESSAGES, Map.of("id", "m-0004-abc", "text", 7), token).status()).isEqualTo(400);
        assertThat(f.sink.accepted()).isEmpty();
        assertThat(f.call(WebAdapter.MESSAGES, Map.of("id", "m-0005-abc", "text", "长".repeat(200)), token).status())
                .as("exactly the limit").isEqualTo(200);
    }

    @Test
    void should_press_the_human_button_in_the_visitors_language() {
        f.call(WebAdapter.MESSAGES, Map.of("id", "h-0001-abc", "human", true, "lang", "zh"), token);

        assertThat(f.sink.accepted().get(0).content()).isEqualTo(new InboundContent.ButtonTap(MessageApi.HUMAN_BUTTON,
                "转人工", true));
    }

    @Test
    void should_turn_a_left_message_into_a_callback_request_with_valid_contact_details() {
        WebhookResponse bad = f.call(WebAdapter.CALLBACK, Map.of("id", "cb-0001-ab", "name", "张三", "contact",
                "call me", "question", "退款"), token);
        WebhookResponse ok = f.call(WebAdapter.CALLBACK, Map.of("id", "cb-0002-ab", "name", "张三", "contact",
                "+86 138 0013 8000", "question", "退款还没到账"), token);

        assertThat(bad.status()).isEqualTo(400);
        assertThat(json(bad).path("error").asText()).contains("phone number or an e-mail");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(f.sink.accepted()).singleElement().extracting(InboundMessage::content).isEqualTo(
                new InboundContent.CallbackRequest("张三", "+86 138 0013 8000", "退款还没到账"));
    }

    @Test
    void should_take_one_rating_per_finished_episode_with_a_person_and_refuse_one_when_none_is_due() {
        String me = customer();
        assertThat(f.call(WebAdapter.RATING, Map.of("score", 5), token).status()).as("no person yet").isEqualTo(409);

        f.sink.scriptLine(WebConfig.CHANNEL, me, line(1, Author.CUSTOMER, null, "[button] 转人工"));
        f.sink.scriptLine(WebConfig.CHANNEL, me, line(2, Author.HUMAN, "ann", "您好"));
        f.sink.scriptConversation(WebConfig.CHANNEL, me, ConversationState.HUMAN);
        assertThat(f.call(WebAdapter.RATING, Map.of("score", 5), token).status()).as("still with the agent")
                .isEqualTo(409);

        f.sink.scriptLine(WebConfig.CHANNEL, me, line(3, Author.SYSTEM, null, "人工服务已结束"));
        f.sink.scriptConversation(WebConfig.CHANNEL, me, ConversationState.BOT);
        assertThat(f.call(WebAdapter.RATING, Map.of("score", 9), token).status()).isEqualTo(400);
        WebhookResponse rated = f.call(WebAdapter.RATING, Map.of("score", 4, "comment", "很快\n谢谢"), token);
        WebhookResponse again = f.call(WebAdapter.RATING, Map.of("score", 1), token); // another tab, before the line

        assertThat(rated.status()).isEqualTo(200);
        assertThat(json(again).path("duplicate").asBoolean()).as("one rating per episode").isTrue();
        InboundMessage rating = f.sink.accepted().get(f.sink.accepted().size() - 1);
        assertThat(rating.content()).isEqualTo(new InboundContent.Rating(4, "很快 谢谢"));
        assertThat(rating.platformMessageId()).isEqualTo(me + "/rating-2");

        f.sink.scriptLine(WebConfig.CHANNEL, me, line(4, Author.CUSTOMER, null, "[rating] 4/5 很快 谢谢"));
        assertThat(f.call(WebAdapter.RATING, Map.of("score", 4), token).status()).as("rated").isEqualTo(409);
    }

    @Test
    void should_give_the_history_as_the_widget_shows_it_with_a_due_rating() {
        String me = customer();
        f.sink.scriptLine(WebConfig.CHANNEL, me, line(1, Author.CUSTOMER, null, "怎么退货？"));
        f.sink.scriptLine(WebConfig.CHANNEL, me, line(2, Author.BOT, null, "签收后 7 天内可退。\n来源：怎么退货？"));
        f.sink.scriptLine(WebConfig.CHANNEL, me, line(3, Author.CUSTOMER, null, "[button] 转人工"));
        f.sink.scriptLine(WebConfig.CHANNEL, me, line(4, Author.HUMAN, "ann", "我是 Ann"));
        f.sink.scriptLine(WebConfig.CHANNEL, me, line(5, Author.SYSTEM, null, "人工服务已结束"));

        JsonNode history = json(f.call(WebAdapter.HISTORY, Map.of(), token));

        JsonNode messages = history.path("messages");
        assertThat(messages).hasSize(5);
        assertThat(messages.get(0).path("author").asText()).isEqualTo("customer");
        assertThat(messages.get(0).path("kind").asText()).isEqualTo("text");
        assertThat(messages.get(0).path("inboundId").asLong()).isEqualTo(10);
        assertThat(messages.get(1).path("author").asText()).isEqualTo("bot");
        assertThat(messages.get(2).path("kind").asText()).isEqualTo("human");
        assertThat(messages.get(2).path("text").asText()).isEqualTo("转人工");
        assertThat(messages.get(3).path("author").asText()).isEqualTo("agent");
        assertThat(messages.get(3).path("name").asText()).isEqualTo("ann");
        assertThat(messages.get(4).path("author").asText()).isEqualTo("system");
        assertThat(history.path("rating").path("episode").asLong()).isEqualTo(4);
    }
}
