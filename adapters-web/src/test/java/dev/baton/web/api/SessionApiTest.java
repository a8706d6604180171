package dev.baton.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.plugin.PassiveReplies;
import dev.baton.web.config.WebConfig;
import dev.baton.web.identity.UserHash;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.baton.web.api.WebApiFixture.SECRET;
import static dev.baton.web.api.WebApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who the widget speaks for: an anonymous visitor keeps their id with their token; a signed-in customer must bring
 * the site's valid hash (valid, invalid and missing hash), and only then may carry a tier.
 */
class SessionApiTest {

    private final WebApiFixture f = new WebApiFixture();
    private final String hash42 = new UserHash(SECRET).of("42");

    private String customerOf(String token) {
        f.call(WebAdapter.MESSAGES, Map.of("id", "probe-" + System.nanoTime(), "text", "hi"), token);
        List<InboundMessage> accepted = f.sink.accepted();
        return accepted.get(accepted.size() - 1).customerId();
    }

    @Test
    void should_start_an_anonymous_visitor_and_keep_them_when_they_come_back_with_their_token() {
        JsonNode first = json(f.call(WebAdapter.SESSION, Map.of("lang", "zh", "name", " Ann\u0000 "), null));
        String customer = customerOf(first.path("token").asText());

        JsonNode back = json(f.call(WebAdapter.SESSION, Map.of("token", first.path("token").asText()), null));

        assertThat(first.path("verified").asBoolean()).isFalse();
        assertThat(first.path("title").asText()).isEqualTo("在线客服");
        assertThat(first.path("status").path("state").asText()).isEqualTo("BOT");
        assertThat(customer).startsWith("visitor:").hasSizeGreaterThan(20);
        assertThat(customerOf(back.path("token").asText())).as("same visitor, same history").isEqualTo(customer);
        assertThat(f.sink.accepted().get(0).customerName()).isEqualTo("Ann");
        assertThat(customerOf(json(f.call(WebAdapter.SESSION, Map.of(), null)).path("token").asText()))
                .as("without the token, someone new").isNotEqualTo(customer);
    }

    @Test
    void should_sign_in_a_customer_with_a_valid_hash_on_any_device_with_their_tier() {
        String phone = json(f.call(WebAdapter.SESSION, Map.of("userId", "42", "userHash", hash42, "tier", "vip",
                "name", "Ann"), null)).path("token").asText();
        JsonNode laptop = json(f.call(WebAdapter.SESSION, Map.of("userId", "42", "userHash", hash42.toUpperCase()),
                null));

        assertThat(laptop.path("verified").asBoolean()).isTrue();
        assertThat(customerOf(phone)).isEqualTo("user:42");
        assertThat(f.sink.accepted().get(0).tierClaim()).isEqualTo(new InboundMessage.TierClaim("vip"));
        assertThat(customerOf(laptop.path("token").asText())).as("another device, the same customer")
                .isEqualTo("user:42");
    }

    @Test
    void should_refuse_a_user_id_with_an_invalid_or_missing_hash_and_issue_nothing() {
        WebhookResponse wrong = f.call(WebAdapter.SESSION, Map.of("userId", "43", "userHash", hash42), null);
        WebhookResponse missing = f.call(WebAdapter.SESSION, Map.of("userId", "42"), null);
        WebhookResponse blank = f.call(WebAdapter.SESSION, Map.of("userId", "42", "userHash", " "), null);

        assertThat(wrong.status()).isEqualTo(403);
        assertThat(json(wrong).path("error").asText()).contains("does not match");
        assertThat(json(wrong).has("token")).isFalse();
        assertThat(missing.status()).isEqualTo(403);
        assertThat(json(missing).path("error").asText()).contains("userHash is required");
        assertThat(blank.status()).isEqualTo(403);
        assertThat(f.meters.get("baton.web.refused").tag("reason", "identity").counter().count()).isEqualTo(3);
    }

    @Test
    void should_refuse_a_user_id_when_the_site_verifies_no_identity() {
        WebApiFixture noSecret = new WebApiFixture(WebConfig.of(List.of(WebApiFixture.SHOP), null));

        WebhookResponse r = noSecret.call(WebAdapter.SESSION, Map.of("userId", "42", "userHash", hash42), null);

        assertThat(r.status()).isEqualTo(403);
        assertThat(json(r).path("error").asText()).contains("identity-secret");
    }

    @Test
    void should_ignore_a_tier_an_anonymous_visitor_claims() {
        String token = json(f.call(WebAdapter.SESSION, Map.of("tier", "vip"), null)).path("token").asText();
        customerOf(token);

        assertThat(f.sink.accepted().get(0).tierClaim()).isNull();
    }

    @Test
    void should_refuse_calls_without_a_valid_token() {
        String forged = f.anonymous().replace('a', 'b');

        assertThat(f.call(WebAdapter.MESSAGES, Map.of("id", "abcdefgh1", "text", "hi"), null).status()).isEqualTo(401);
        assertThat(f.call(WebAdapter.MESSAGES, Map.of("id", "abcdefgh1", "text", "hi"), forged).status())
                .isEqualTo(401);
        assertThat(f.call(WebAdapter.HISTORY, Map.of(), "nonsense").status()).isEqualTo(401);
        assertThat(f.sink.accepted()).isEmpty();
    }

    @Test
    void should_expire_a_signed_in_customers_token_after_a_day() {
        String token = json(f.call(WebAdapter.SESSION, Map.of("userId", "42", "userHash", hash42), null))
                .path("token").asText();
        f.clock.advance(Duration.ofHours(25));

        assertThat(f.call(WebAdapter.HISTORY, Map.of(), token).status()).isEqualTo(401);
    }

    @Test
    void should_tell_the_widget_the_conversation_state_with_the_queue_place() {
        f.sink.scriptConversation(WebConfig.CHANNEL, "user:42", new PassiveReplies.ConversationStatus(7,
                ConversationState.QUEUED, null, new PassiveReplies.Queue(3, Duration.ofMinutes(9), true)));

        JsonNode status = json(f.call(WebAdapter.SESSION, Map.of("userId", "42", "userHash", hash42), null))
                .path("status");

        assertThat(status.path("state").asText()).isEqualTo("QUEUED");
        assertThat(status.path("position").asInt()).isEqualTo(3);
        assertThat(status.path("waitMinutes").asInt()).isEqualTo(9);
        assertThat(status.path("closed").asBoolean()).isTrue();
    }
}
