package dev.baton.web.api;

import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.plugin.PassiveReplies;
import dev.baton.web.config.RateLimits;
import dev.baton.web.config.WebConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.baton.web.api.WebApiFixture.drain;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live feed: server-sent events from the transcript, resumed after the last id the widget saw (header or body),
 * with the state and a due rating; and the bound on open streams.
 */
class StreamApiTest {

    private final WebApiFixture f = new WebApiFixture(new RateLimits(null, null, null), 3);
    private final String token = f.anonymous();
    private final String me = customer();

    private String customer() {
        f.call(WebAdapter.MESSAGES, Map.of("id", "whoami-1", "text", "?"), token);
        return f.sink.accepted().get(0).customerId();
    }

    private void line(long id, Author author, String name, String text) {
        f.sink.scriptLine(WebConfig.CHANNEL, me, new PassiveReplies.Line(id, null, author, name, text,
                Instant.parse("2025-05-01T08:00:00Z").plusSeconds(id)));
    }

    private WebhookResponse stream(Map<String, Object> body, String lastEventId) {
        WebhookRequest r = WebApiFixture.post(WebAdapter.STREAM, body, token, WebApiFixture.SHOP, "203.0.113.7");
        if (lastEventId != null) {
            Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
            headers.put("Last-Event-ID", List.of(lastEventId));
            r = new WebhookRequest(r.method(), r.path(), headers, r.query(), r.body(), r.remoteAddress());
        }
        return f.adapter.handle(r, f.sink);
    }

    @Test
    void should_stream_the_lines_after_the_last_one_seen_and_resume_after_a_drop_without_gap_or_repeat() {
        line(1, Author.CUSTOMER, null, "怎么退货？");
        line(2, Author.BOT, null, "7 天内可退。");
        WebhookResponse first = stream(Map.of(), null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("text/event-stream");
        assertThat(first.headers()).containsEntry("Access-Control-Allow-Origin", WebApiFixture.SHOP)
                .containsEntry("Cache-Control", "no-store");
        String before = drain(first);
        assertThat(before).startsWith("retry: ").contains("id: 1\nevent: message\n", "id: 2\nevent: message\n",
                "\"text\":\"7 天内可退。\"", "event: state\ndata: {\"state\":\"BOT\"}");

        // the connection dropped after id 2; meanwhile an agent wrote
        line(3, Author.HUMAN, "ann", "我是 Ann");
        line(4, Author.SYSTEM, null, "人工服务已结束");
        String resumed = drain(stream(Map.of(), "2"));

        assertThat(resumed).doesNotContain("id: 1\n", "id: 2\n").contains("id: 3\n", "id: 4\n",
                "\"author\":\"agent\"", "\"name\":\"ann\"");
        assertThat(drain(stream(Map.of("after", 3), null))).as("the cursor in the body after a reload")
                .doesNotContain("id: 3\n").contains("id: 4\n");
        assertThat(drain(stream(Map.of("after", 1), "3"))).as("the later of the two").doesNotContain("id: 2\n",
                "id: 3\n").contains("id: 4\n");
    }

    @Test
    void should_push_a_line_written_while_the_stream_is_open() throws Exception {
        WebhookResponse open = stream(Map.of(), "0");
        Thread writer = new Thread(() -> {
            line(7, Author.BOT, null, "稍后写入");
            f.wakeups.wake(me);
        });
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        writer.start();
        open.stream().writeTo(out);
        writer.join();

        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("id: 7\n", "稍后写入");
    }

    @Test
    void should_announce_the_queue_then_the_agent_then_ask_for_a_rating() {
        f.sink.scriptConversation(WebConfig.CHANNEL, me, new PassiveReplies.ConversationStatus(1,
                ConversationState.QUEUED, null, new PassiveReplies.Queue(2, Duration.ofMinutes(6), false)));
        assertThat(drain(stream(Map.of(), null))).contains("event: state\ndata: {\"state\":\"QUEUED\",\"position\":2,"
                + "\"waitMinutes\":6,\"closed\":false}").doesNotContain("event: rating");

        f.sink.scriptConversation(WebConfig.CHANNEL, me, new PassiveReplies.ConversationStatus(1,
                ConversationState.HUMAN, "ann", null));
        line(1, Author.HUMAN, "ann", "您好");
        assertThat(drain(stream(Map.of(), null))).contains("{\"state\":\"HUMAN\",\"agent\":\"ann\"}")
                .doesNotContain("event: rating");

        f.sink.scriptConversation(WebConfig.CHANNEL, me, ConversationState.BOT);
        line(2, Author.SYSTEM, null, "人工服务已结束");
        assertThat(drain(stream(Map.of(), "2"))).contains("event: rating\ndata: {\"episode\":1}");
    }

    @Test
    void should_bound_the_open_streams_and_free_a_slot_when_one_ends() {
        WebhookResponse a = stream(Map.of(), null);
        stream(Map.of(), null);
        stream(Map.of(), null);

        WebhookResponse refused = stream(Map.of(), null);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers()).containsKey("Retry-After");
        drain(a);
        assertThat(stream(Map.of(), null).status()).isEqualTo(200);
    }
}
