package dev.baton.wechat.oa;

import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundContent.EventKind;
import dev.baton.core.channel.InboundContent.MediaKind;
import dev.baton.core.channel.InboundMessage;
import dev.baton.wechat.Fixtures;
import dev.baton.wechat.xml.SafeXml;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import dev.baton.wechat.config.WeChatConfig;

import static org.assertj.core.api.Assertions.assertThat;

class OaMessageMapperTest {

    private final OaMessageMapper mapper = new OaMessageMapper("HUMAN");

    private InboundMessage map(String fixture) throws Exception {
        return mapper.map(SafeXml.read(Fixtures.resource("wechat/" + fixture))).orElseThrow();
    }

    @Test
    void should_map_text_keeping_64_bit_msgid_exact() throws Exception {
        InboundMessage m = map("text.xml");

        assertThat(m.channel()).isEqualTo(WeChatConfig.CHANNEL);
        assertThat(m.platformMessageId()).isEqualTo("9223372036854775807");
        assertThat(m.customerId()).isEqualTo("oia2TjjewbmiOUlr6X-1crbLOvLw");
        assertThat(m.channelAccount()).isEqualTo("gh_7f083739789a");
        assertThat(m.sentAt()).isEqualTo(Instant.ofEpochSecond(1348831860));
        assertThat(m.content()).isEqualTo(new InboundContent.Text("退货要多久？"));
    }

    @Test
    void should_map_voice_with_recognition_as_text() throws Exception {
        assertThat(map("voice.xml").content())
                .isEqualTo(new InboundContent.Media(MediaKind.VOICE, "media_voice_1", null, "我要转人工"));
    }

    @Test
    void should_map_media_types() throws Exception {
        assertThat(map("image.xml").content()).isEqualTo(new InboundContent.Media(MediaKind.IMAGE, "media_image_1", null, null));
        assertThat(map("video.xml").content()).isEqualTo(new InboundContent.Media(MediaKind.VIDEO, "media_video_1", null, null));
        assertThat(map("shortvideo.xml").content())
                .isEqualTo(new InboundContent.Media(MediaKind.VIDEO, "media_shortvideo_1", null, null));
    }

    @Test
    void should_map_location_and_link() throws Exception {
        assertThat(map("location.xml").content()).isEqualTo(new InboundContent.Location(23.134521, 113.358803, "广州市天河区"));
        assertThat(map("link.xml").content()).isEqualTo(new InboundContent.Link("订单详情", "https://example.com/orders/42"));
    }

    @Test
    void should_key_events_by_sender_and_create_time() throws Exception {
        InboundMessage m = map("event_subscribe.xml");

        assertThat(m.platformMessageId()).isEqualTo("oia2TjjewbmiOUlr6X-1crbLOvLw123456789");
        assertThat(m.content()).isEqualTo(new InboundContent.Event(EventKind.SUBSCRIBE, null));
        assertThat(map("event_unsubscribe.xml").content()).isEqualTo(new InboundContent.Event(EventKind.UNSUBSCRIBE, null));
        assertThat(map("event_view.xml").content())
                .isEqualTo(new InboundContent.Event(EventKind.VIEW, "https://example.com/shop"));
    }

    @Test
    void should_flag_the_human_menu_key_as_a_request_for_a_human() throws Exception {
        assertThat(map("event_click_human.xml").content()).isEqualTo(new InboundContent.ButtonTap("HUMAN", "HUMAN", true));
        assertThat(map("event_click_other.xml").content()).isEqualTo(new InboundContent.ButtonTap("ORDERS", "ORDERS", false));
    }

    @Test
    void should_map_unknown_types_to_unsupported() throws Exception {
        assertThat(map("unknown.xml").content()).isEqualTo(new InboundContent.Unsupported("hologram"));
    }
}
