package dev.baton.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.channel.ChannelAdapter;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.testing.RecordingSink;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dev channel as an adapter, without a server: what it declares (routes, limit, capability), how it turns a
 * request into one inbound message, and that a bad request is refused before the sink sees anything.
 */
class DevAdapterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);

    private final RecordingSink sink = new RecordingSink();
    private final DevAdapter adapter = new DevAdapter(Duration.ofMillis(50), CLOCK);

    private static WebhookRequest post(String json) {
        return new WebhookRequest("POST", "/api/dev/messages", Map.of(), Map.of(),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode body(WebhookResponse r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void should_declare_its_api_and_page_routes_and_take_the_servers_body_limit() {
        assertThat(adapter.routes()).containsExactly(new ChannelAdapter.Route("POST", "/api/dev/messages"),
                new ChannelAdapter.Route("GET", "/api/dev/messages"), new ChannelAdapter.Route("GET", "/dev/chat"),
                new ChannelAdapter.Route("GET", "/dev/chat.js"), new ChannelAdapter.Route("GET", "/dev/chat.css"));
        assertThat(adapter.maxBodyBytes()).isEqualTo(ChannelAdapter.SERVER_LIMIT);
        assertThat(adapter.channel().key()).isEqualTo("dev");
    }

    @Test
    void should_accept_one_message_and_answer_with_its_replies_and_the_conversation_state() throws Exception {
        sink.scriptReply(1, "7 个工作日内退款。");
        sink.scriptConversation(DevConfig.CHANNEL, "ann", ConversationState.BOT);

        WebhookResponse r = adapter.handle(post("{\"customer\":\"ann\",\"text\":\"退款要多久？\",\"id\":\"m1\"}"), sink);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/json");
        JsonNode out = body(r);
        assertThat(out.path("inboundId").asLong()).isEqualTo(1);
        assertThat(out.path("complete").asBoolean()).isTrue();
        assertThat(out.path("replies").get(0).path("author").asText()).isEqualTo("bot");
        assertThat(out.path("replies").get(0).path("text").asText()).isEqualTo("7 个工作日内退款。");
        assertThat(out.path("state").asText()).isEqualTo("BOT");
        InboundMessage m = sink.accepted().get(0);
        assertThat(m.platformMessageId()).isEqualTo("dev-ann-m1");
        assertThat(m.content()).isEqualTo(new InboundContent.Text("退款要多久？"));
        assertThat(m.sentAt()).isEqualTo(CLOCK.instant());
        assertThat(m.tierClaim()).isNull();
    }

    @Test
    void should_carry_the_testers_tier_and_name_with_the_message_and_clear_the_tier_with_an_empty_one() {
        adapter.handle(post("{\"customer\":\"bo\",\"name\":\" Bo \",\"tier\":\" vip \",\"text\":\"hi\"}"), sink);
        adapter.handle(post("{\"customer\":\"bo\",\"tier\":\"\",\"human\":true}"), sink);

        List<InboundMessage> accepted = sink.accepted();
        assertThat(accepted.get(0).customerName()).isEqualTo("Bo");
        assertThat(accepted.get(0).tierClaim()).isEqualTo(new InboundMessage.TierClaim("vip"));
        assertThat(accepted.get(1).tierClaim()).isEqualTo(new InboundMessage.TierClaim(null));
        assertThat(accepted.get(1).content()).isInstanceOf(InboundContent.ButtonTap.class)
                .satisfies(c -> assertThat(((InboundContent.ButtonTap) c).requestsHuman()).isTrue());
    }

    @Test
    void should_refuse_a_bad_request_with_a_clear_error_before_the_sink_sees_anything() throws Exception {
        for (String bad : List.of("{not json", "[1]", "{\"text\":\"hi\"}", "{\"customer\":\"c\"}",
                "{\"customer\":\"c\",\"text\":\"hi\",\"tier\":\"not a tier!\"}",
                "{\"customer\":\"c\",\"text\":\"hi\",\"tier\":7}", "{\"customer\":\"c\",\"text\":\"hi\",\"name\":7}",
                "{\"customer\":\"c\",\"text\":\"" + "x".repeat(DevAdapter.MAX_TEXT + 1) + "\"}")) {
            WebhookResponse r = adapter.handle(post(bad), sink);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(body(r).path("error").asText()).as(bad).isNotBlank();
        }
        assertThat(body(adapter.handle(post("{\"customer\":\"c\",\"text\":\"hi\",\"tier\":\"not a tier!\"}"), sink))
                .path("error").asText()).contains("tier");
        assertThat(sink.accepted()).isEmpty();
    }

    @Test
    void should_poll_later_replies_and_refuse_a_poll_without_customer() throws Exception {
        WebhookResponse ok = adapter.handle(new WebhookRequest("GET", "/api/dev/messages", Map.of(),
                Map.of("customer", List.of("nobody"), "after", List.of("0")), null), sink);
        WebhookResponse bad = adapter.handle(new WebhookRequest("GET", "/api/dev/messages", Map.of(),
                Map.of("customer", List.of("x"), "after", List.of("last")), null), sink);

        assertThat(body(ok).path("replies")).isEmpty();
        assertThat(body(ok).path("state").asText()).isEqualTo("BOT");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(adapter.handle(new WebhookRequest("GET", "/api/dev/messages", Map.of(), Map.of(), null), sink)
                .status()).isEqualTo(400);
    }

    @Test
    void should_serve_the_chat_page_under_a_strict_content_security_policy() {
        WebhookResponse page = adapter.handle(new WebhookRequest("GET", "/dev/chat", Map.of(), Map.of(), null), sink);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.headers()).containsEntry("X-Content-Type-Options", "nosniff")
                .containsKey("Content-Security-Policy");
        assertThat(page.bodyAsString()).contains("/dev/chat.js");
    }
}
