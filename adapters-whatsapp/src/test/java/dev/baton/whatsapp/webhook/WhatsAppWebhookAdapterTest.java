package dev.baton.whatsapp.webhook;

import dev.baton.core.channel.DeliveryStatus;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.core.testing.RecordingSink;
import dev.baton.whatsapp.Fixtures;
import dev.baton.whatsapp.config.WhatsAppConfig;
import dev.baton.whatsapp.graph.WhatsAppAlerts;
import dev.baton.whatsapp.graph.WhatsAppMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WhatsAppWebhookAdapterTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final WhatsAppMetrics metrics = new WhatsAppMetrics(meters);
    private final List<List<InboundMessage>> afterAccept = new ArrayList<>();
    private final WhatsAppWebhookAdapter adapter = new WhatsAppWebhookAdapter(Fixtures.APP_SECRET,
            Fixtures.VERIFY_TOKEN, WhatsAppConfig.DEFAULT_HUMAN_BUTTON_LABELS.values(), Clock.systemUTC(),
            metrics, new WhatsAppAlerts(metrics), afterAccept::add);
    private final RecordingSink sink = new RecordingSink();

    @Test
    void should_serve_its_route_with_metas_3mb_limit() {
        assertThat(adapter.path()).isEqualTo("/webhooks/whatsapp");
        assertThat(adapter.channel()).isEqualTo(WhatsAppConfig.CHANNEL);
        assertThat(adapter.maxBodyBytes()).isEqualTo(3L * 1024 * 1024);
    }

    @Test
    void should_echo_the_challenge_when_mode_and_verify_token_match() {
        // when
        WebhookResponse r = adapter.handle(Fixtures.get(Map.of("hub.mode", "subscribe",
                "hub.verify_token", Fixtures.VERIFY_TOKEN, "hub.challenge", "1158201444")), sink);
        // then
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyAsString()).isEqualTo("1158201444");
    }

    @Test
    void should_refuse_with_403_when_the_verify_token_or_mode_is_wrong() {
        assertThat(adapter.handle(Fixtures.get(Map.of("hub.mode", "subscribe", "hub.verify_token", "guess",
                "hub.challenge", "1")), sink).status()).isEqualTo(403);
        assertThat(adapter.handle(Fixtures.get(Map.of("hub.mode", "unsubscribe",
                "hub.verify_token", Fixtures.VERIFY_TOKEN, "hub.challenge", "1")), sink).status()).isEqualTo(403);
        assertThat(adapter.handle(Fixtures.get(Map.of("hub.challenge", "1")), sink).status()).isEqualTo(403);
        assertThat(adapter.handle(Fixtures.get(Map.of("hub.mode", "subscribe",
                "hub.verify_token", Fixtures.VERIFY_TOKEN + "x", "hub.challenge", "1")), sink).status())
                .isEqualTo(403);
    }

    @Test
    void should_refuse_with_401_and_no_side_effects_when_the_signature_is_missing() {
        WebhookResponse r = adapter.handle(Fixtures.post(Fixtures.payload("messages/text.json"), null), sink);
        assertThat(r.status()).isEqualTo(401);
        assertNothingHappened();
    }

    @Test
    void should_refuse_with_401_and_no_side_effects_when_one_byte_was_tampered() {
        // given a body signed, then changed by one byte
        byte[] body = Fixtures.payload("messages/text.json");
        String signature = new SignatureVerifier(Fixtures.APP_SECRET).sign(body);
        byte[] tampered = body.clone();
        tampered[body.length - 5] ^= 0x20;
        // when
        WebhookResponse r = adapter.handle(Fixtures.post(tampered, signature), sink);
        // then
        assertThat(r.status()).isEqualTo(401);
        assertNothingHappened();
        assertThat(meters.get("baton.whatsapp.webhook").tag("result", "bad_signature").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void should_answer_400_when_the_signed_body_is_not_json() {
        byte[] body = "{\"object\": \"whatsapp_business_account\", \"entry\": [".getBytes(StandardCharsets.UTF_8);
        assertThat(adapter.handle(Fixtures.signedPost(body), sink).status()).isEqualTo(400);
        assertThat(adapter.handle(Fixtures.signedPost("[1,2]".getBytes(StandardCharsets.UTF_8)), sink).status())
                .isEqualTo(400);
        assertThat(adapter.handle(Fixtures.signedPost(new byte[0]), sink).status()).isEqualTo(400);
        assertNothingHappened();
    }

    @Test
    void should_answer_413_before_checking_anything_when_the_body_exceeds_3mb() {
        byte[] body = new byte[(int) WhatsAppWebhookAdapter.MAX_BODY_BYTES + 1];
        assertThat(adapter.handle(Fixtures.signedPost(body), sink).status()).isEqualTo(413);
        assertNothingHappened();
    }

    @Test
    void should_answer_405_when_the_method_is_neither_get_nor_post() {
        var put = new dev.baton.core.channel.WebhookRequest("PUT", "/webhooks/whatsapp", Map.of(), Map.of(),
                new byte[0]);
        assertThat(adapter.handle(put, sink).status()).isEqualTo(405);
    }

    @Test
    void should_store_once_and_notify_once_when_meta_retries_the_same_delivery() {
        // given
        byte[] body = Fixtures.payload("messages/text.json");
        // when
        WebhookResponse first = adapter.handle(Fixtures.signedPost(body), sink);
        WebhookResponse retry = adapter.handle(Fixtures.signedPost(body), sink);
        // then
        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(sink.accepted()).hasSize(1);
        assertThat(afterAccept).hasSize(1);
        assertThat(afterAccept.get(0)).extracting(InboundMessage::platformMessageId)
                .containsExactly(sink.accepted().get(0).platformMessageId());
    }

    @Test
    void should_answer_500_so_meta_retries_when_the_sink_cannot_store() {
        // given a sink whose store is down
        InboundSink down = new InboundSink() {
            @Override
            public List<Receipt> accept(List<InboundMessage> messages) {
                throw new IllegalStateException("database unavailable");
            }

            @Override
            public void deliveryStatus(DeliveryStatus status) {
            }
        };
        // when
        WebhookResponse r = adapter.handle(Fixtures.signedPost(Fixtures.payload("messages/text.json")), down);
        // then
        assertThat(r.status()).isEqualTo(500);
        assertThat(afterAccept).isEmpty();
    }

    @Test
    void should_still_ack_when_the_after_accept_hook_fails() {
        WhatsAppWebhookAdapter failing = new WhatsAppWebhookAdapter(Fixtures.APP_SECRET, Fixtures.VERIFY_TOKEN,
                List.of(), Clock.systemUTC(), metrics, new WhatsAppAlerts(metrics), m -> {
                    throw new IllegalStateException("executor gone");
                });
        WebhookResponse r = failing.handle(Fixtures.signedPost(Fixtures.payload("messages/text.json")), sink);
        assertThat(r.status()).isEqualTo(200);
        assertThat(sink.accepted()).hasSize(1);
    }

    @Test
    void should_ack_and_ignore_when_the_object_is_not_a_whatsapp_business_account() {
        byte[] body = "{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        assertThat(adapter.handle(Fixtures.signedPost(body), sink).status()).isEqualTo(200);
        assertNothingHappened();
    }

    private void assertNothingHappened() {
        assertThat(sink.accepted()).isEmpty();
        assertThat(sink.statuses()).isEmpty();
        assertThat(sink.alerts()).isEmpty();
        assertThat(afterAccept).isEmpty();
    }
}
