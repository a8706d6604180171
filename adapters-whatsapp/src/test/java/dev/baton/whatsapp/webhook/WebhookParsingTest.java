package dev.baton.whatsapp.webhook;

import dev.baton.core.channel.DeliveryStatus;
import dev.baton.core.channel.OutboxReference;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundContent.MediaKind;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.core.testing.RecordingSink;
import dev.baton.whatsapp.Fixtures;
import dev.baton.whatsapp.config.WhatsAppConfig;
import dev.baton.whatsapp.graph.WhatsAppAlerts;
import dev.baton.whatsapp.graph.WhatsAppMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One documented payload shape per test, each from {@code src/test/resources/whatsapp/}. */
class WebhookParsingTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final WhatsAppMetrics metrics = new WhatsAppMetrics(meters);
    private final WhatsAppWebhookAdapter adapter = new WhatsAppWebhookAdapter(Fixtures.APP_SECRET,
            Fixtures.VERIFY_TOKEN, WhatsAppConfig.DEFAULT_HUMAN_BUTTON_LABELS.values(),
            Clock.fixed(Instant.parse("2025-02-12T00:00:00Z"), ZoneOffset.UTC), metrics, new WhatsAppAlerts(metrics),
            null);
    private final RecordingSink sink = new RecordingSink();

    private InboundMessage only(String fixture) {
        WebhookResponse response = adapter.handle(Fixtures.signedPost(Fixtures.payload(fixture)), sink);
        assertThat(response.status()).isEqualTo(200);
        assertThat(sink.accepted()).hasSize(1);
        return sink.accepted().get(0);
    }

    @Test
    void should_read_text_with_ids_name_account_and_time_when_a_text_arrives() {
        // when
        InboundMessage m = only("messages/text.json");
        // then
        assertThat(m.channel()).isEqualTo(WhatsAppConfig.CHANNEL);
        assertThat(m.platformMessageId()).startsWith("wamid.");
        assertThat(m.customerId()).isEqualTo("16505551234");
        assertThat(m.customerName()).isEqualTo("Sheena Nelson");
        assertThat(m.channelAccount()).isEqualTo("1234567890");
        assertThat(m.sentAt()).isEqualTo(Instant.ofEpochSecond(1739321024L));
        assertThat(m.content()).isEqualTo(new InboundContent.Text("Where is my order #1234?"));
    }

    @Test
    void should_request_a_human_when_the_human_reply_button_is_tapped() {
        InboundMessage m = only("messages/interactive-button-reply-human.json");
        assertThat(m.content()).isEqualTo(new InboundContent.ButtonTap("baton_human", "Talk to a human", true));
    }

    @Test
    void should_report_an_ordinary_tap_when_another_reply_button_is_tapped() {
        InboundMessage m = only("messages/interactive-button-reply.json");
        assertThat(m.content()).isEqualTo(new InboundContent.ButtonTap("track_order", "Track my order", false));
    }

    @Test
    void should_report_the_row_when_a_list_row_is_chosen() {
        InboundMessage m = only("messages/interactive-list-reply.json");
        assertThat(m.content()).isEqualTo(new InboundContent.ButtonTap("priority_express", "Express shipping",
                false));
    }

    @Test
    void should_read_a_row_of_the_satisfaction_list_as_a_rating() {
        InboundMessage m = only("messages/interactive-list-reply-rating.json");
        assertThat(m.content()).isEqualTo(new InboundContent.Rating(4, null));
    }

    @Test
    void should_report_payload_and_text_when_a_template_quick_reply_is_tapped() {
        InboundMessage m = only("messages/button-quick-reply.json");
        assertThat(m.content()).isEqualTo(new InboundContent.ButtonTap("Yes, reschedule", "Yes, reschedule", false));
    }

    @Test
    void should_keep_the_caption_when_an_image_arrives() {
        InboundMessage m = only("messages/image.json");
        assertThat(m.content()).isEqualTo(new InboundContent.Media(MediaKind.IMAGE, "1003383421387256",
                "The box arrived damaged", null));
    }

    @Test
    void should_map_a_voice_note_to_voice_when_audio_has_voice_true() {
        InboundMessage m = only("messages/audio-voice.json");
        assertThat(m.content()).isEqualTo(new InboundContent.Media(MediaKind.VOICE, "1003383421387257", null, null));
    }

    @Test
    void should_map_video_document_and_sticker_to_media_when_they_arrive() {
        assertThat(only("messages/video.json").content()).isEqualTo(new InboundContent.Media(MediaKind.VIDEO,
                "1003383421387258", "How it looks when I switch it on", null));
        RecordingSink fresh = new RecordingSink();
        adapter.handle(Fixtures.signedPost(Fixtures.payload("messages/document.json")), fresh);
        assertThat(fresh.accepted().get(0).content()).isEqualTo(new InboundContent.Media(MediaKind.DOCUMENT,
                "1003383421387259", "My invoice", null));
        adapter.handle(Fixtures.signedPost(Fixtures.payload("messages/sticker.json")), fresh);
        InboundContent sticker = fresh.accepted().get(1).content();
        assertThat(sticker).isEqualTo(new InboundContent.Media(MediaKind.STICKER, "1003383421387260", null, null));
        assertThat(((InboundContent.Media) sticker).hasUsableText()).isFalse();
    }

    @Test
    void should_read_coordinates_and_a_label_when_a_location_arrives() {
        InboundMessage m = only("messages/location.json");
        assertThat(m.content()).isEqualTo(new InboundContent.Location(37.483307, -122.148981,
                "Philz Coffee, 1 Hacker Way, Menlo Park, CA 94025"));
    }

    @Test
    void should_summarise_the_card_when_contacts_are_shared() {
        InboundMessage m = only("messages/contacts.json");
        assertThat(m.content()).isEqualTo(new InboundContent.Contacts("Barbara J. Johnson (+1 (650) 555-1234)"));
    }

    @Test
    void should_report_emoji_and_target_when_a_reaction_arrives() {
        InboundMessage m = only("messages/reaction.json");
        assertThat(m.content()).isEqualTo(new InboundContent.Reaction("\uD83D\uDC4D",
                "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI3QkJCMjM0NUYzRjg5QzJBRDYA"));
    }

    @Test
    void should_ack_as_unsupported_when_meta_reports_an_unsupported_message() {
        InboundMessage m = only("messages/unsupported.json");
        assertThat(m.content()).isEqualTo(new InboundContent.Unsupported("unsupported"));
    }

    @Test
    void should_ack_as_unsupported_when_the_type_is_unknown() {
        InboundMessage m = only("messages/unknown-type.json");
        assertThat(m.content()).isEqualTo(new InboundContent.Unsupported("hologram"));
    }

    @Test
    void should_ignore_unknown_fields_when_meta_adds_them() {
        InboundMessage m = only("messages/text-with-unknown-fields.json");
        assertThat(m.content()).isEqualTo(new InboundContent.Text("hello"));
    }

    @Test
    void should_accept_every_message_and_status_when_a_delivery_holds_several_entries_and_changes() {
        // when
        WebhookResponse response = adapter.handle(Fixtures.signedPost(Fixtures.payload("messages/multi-entry.json")),
                sink);
        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(sink.accepted()).extracting(m -> m.content().text()).containsExactly("first", "second", "third");
        assertThat(sink.accepted().get(2).customerName()).isEqualTo("Kerry Fisher");
        assertThat(sink.statuses()).extracting(DeliveryStatus::state).containsExactly(DeliveryStatus.State.DELIVERED);
    }

    @Test
    void should_forward_each_status_when_sent_delivered_and_read_arrive() {
        for (String f : List.of("statuses/sent.json", "statuses/delivered.json", "statuses/read.json")) {
            assertThat(adapter.handle(Fixtures.signedPost(Fixtures.payload(f)), sink).status()).isEqualTo(200);
        }
        assertThat(sink.accepted()).isEmpty();
        assertThat(sink.statuses()).extracting(DeliveryStatus::state).containsExactly(DeliveryStatus.State.SENT,
                DeliveryStatus.State.DELIVERED, DeliveryStatus.State.READ);
        DeliveryStatus sent = sink.statuses().get(0);
        assertThat(sent.platformMessageId()).isEqualTo("wamid.HBgLMTY1MDU1NTEyMzQVAgARGBJEQkY0QjA3NjQ1QjkyRjE2RDkA");
        assertThat(sent.customerId()).isEqualTo("16505551234");
        assertThat(sent.at()).isEqualTo(Instant.ofEpochSecond(1739321100L));
    }

    @Test
    void should_read_the_reference_baton_set_on_the_send_when_a_status_echoes_it() {
        adapter.handle(Fixtures.signedPost(Fixtures.payload("statuses/sent-with-reference.json")), sink);
        adapter.handle(Fixtures.signedPost(Fixtures.payload("statuses/sent.json")), sink);

        assertThat(sink.statuses()).extracting(DeliveryStatus::reference).containsExactly("baton:o:42", null);
        assertThat(OutboxReference.parse(sink.statuses().get(0).reference()))
                .contains(new OutboxReference.Parsed(42, true));
    }

    @Test
    void should_carry_code_and_title_when_a_status_failed() {
        adapter.handle(Fixtures.signedPost(Fixtures.payload("statuses/failed.json")), sink);
        DeliveryStatus failed = sink.statuses().get(0);
        assertThat(failed.state()).isEqualTo(DeliveryStatus.State.FAILED);
        assertThat(failed.errorCode()).isEqualTo("131026");
        assertThat(failed.errorTitle()).isEqualTo("Message undeliverable (Message Undeliverable.)");
    }

    @Test
    void should_forward_in_time_order_and_skip_unknown_states_when_statuses_arrive_out_of_order() {
        adapter.handle(Fixtures.signedPost(Fixtures.payload("statuses/out-of-order.json")), sink);
        assertThat(sink.statuses()).extracting(DeliveryStatus::state).containsExactly(DeliveryStatus.State.SENT,
                DeliveryStatus.State.DELIVERED, DeliveryStatus.State.READ);
    }

    @Test
    void should_raise_an_alert_and_count_it_when_a_change_carries_top_level_errors() {
        // when
        WebhookResponse response = adapter.handle(Fixtures.signedPost(Fixtures.payload("errors/top-level-errors.json")),
                sink);
        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(sink.alerts()).containsExactly("whatsapp:131000");
        assertThat(meters.get("baton.whatsapp.alerts").tag("code", "131000").counter().count()).isEqualTo(1.0);
    }
}
