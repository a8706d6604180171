package dev.baton.core.channel;

import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.store.EngineJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A channel is an open value named by its key, and what was stored while channels were a closed enum reads back the
 * same: JSON keeps the constant form ({@code WECOM_KF}) for stored payloads and helpdesk integrations.
 */
class ChannelTest {

    private final ObjectMapper json = EngineJson.mapper();

    @Test
    void should_accept_lower_case_keys_with_single_hyphens_and_refuse_anything_else() {
        assertThat(Channel.of("wecom-kf").key()).isEqualTo("wecom-kf");
        assertThat(Channel.of("web")).isEqualTo(new Channel("web"));
        for (String bad : List.of("", "WeChat", "we_chat", "-web", "web-", "we--b", "1web", "a".repeat(33), "web chat")) {
            assertThatThrownBy(() -> Channel.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("channel key");
        }
    }

    @Test
    void should_write_the_constant_form_in_json_as_the_enum_did() throws Exception {
        InboundMessage m = new InboundMessage(Channel.of("wecom-kf"), "m1", "u1", null, null,
                Instant.parse("2025-01-01T00:00:00Z"), new InboundContent.Text("hi"));
        HandoffTicket.CustomerProfile profile = new HandoffTicket.CustomerProfile(1, Channel.of("whatsapp"), "861",
                null, "Ann", "vip", List.of());

        assertThat(EngineJson.write(json, m)).contains("\"channel\":\"WECOM_KF\"");
        assertThat(EngineJson.write(json, profile)).contains("\"channel\":\"WHATSAPP\"");
    }

    @Test
    void should_read_payloads_stored_before_channels_were_open_and_keys_alike() {
        String stored = "{\"channel\":\"WECOM_KF\",\"platformMessageId\":\"m1\",\"customerId\":\"u1\","
                + "\"sentAt\":\"2025-01-01T00:00:00Z\",\"content\":{\"type\":\"text\",\"text\":\"hi\"}}";

        InboundMessage old = EngineJson.read(json, stored, InboundMessage.class);
        InboundMessage keyed = EngineJson.read(json, stored.replace("WECOM_KF", "wecom-kf"), InboundMessage.class);

        assertThat(old.channel()).isEqualTo(Channel.of("wecom-kf"));
        assertThat(keyed.channel()).isEqualTo(Channel.of("wecom-kf"));
        assertThat(old.tierClaim()).isNull();
        assertThat(EngineJson.read(json, EngineJson.write(json, old), InboundMessage.class)).isEqualTo(old);
    }
}
