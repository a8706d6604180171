package dev.baton.web.api;

import dev.baton.core.channel.WebhookResponse;
import dev.baton.web.config.RateLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.baton.web.api.WebApiFixture.json;
import static dev.baton.web.api.WebApiFixture.post;
import static org.assertj.core.api.Assertions.assertThat;

/** Abuse limits: per visitor, per address, new visitors per address; refused calls change nothing. */
class RateLimitTest {

    @Test
    void should_limit_one_visitors_messages_and_let_them_go_on_when_the_bucket_refills() {
        WebApiFixture f = new WebApiFixture(new RateLimits(2, 1000, 100), 10);
        String token = f.anonymous();
        String other = f.anonymous();

        f.call(WebAdapter.MESSAGES, Map.of("id", "m-000001", "text", "1"), token);
        f.call(WebAdapter.MESSAGES, Map.of("id", "m-000002", "text", "2"), token);
        WebhookResponse third = f.call(WebAdapter.MESSAGES, Map.of("id", "m-000003", "text", "3"), token);
        WebhookResponse someoneElse = f.call(WebAdapter.MESSAGES, Map.of("id", "m-000004", "text", "4"), other);

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.headers()).containsEntry("Retry-After", "30")
                .containsEntry("Access-Control-Allow-Origin", WebApiFixture.SHOP);
        assertThat(json(third).path("retryAfter").asInt()).isEqualTo(30);
        assertThat(someoneElse.status()).as("the limit is per visitor").isEqualTo(200);
        assertThat(f.sink.accepted()).hasSize(3);

        f.clock.advance(Duration.ofSeconds(30));
        assertThat(f.call(WebAdapter.MESSAGES, Map.of("id", "m-000003", "text", "3"), token).status()).isEqualTo(200);
    }

    @Test
    void should_limit_calls_from_one_address_whoever_makes_them() {
        WebApiFixture f = new WebApiFixture(new RateLimits(100, 3, 100), 10);

        for (int i = 0; i < 3; i++) {
            assertThat(f.adapter.handle(post(WebAdapter.SESSION, Map.of(), null, WebApiFixture.SHOP, "192.0.2.9"),
                    f.sink).status()).isEqualTo(200);
        }
        WebhookResponse fourth = f.adapter.handle(post(WebAdapter.SESSION, Map.of(), null, WebApiFixture.SHOP,
                "192.0.2.9"), f.sink);
        WebhookResponse elsewhere = f.adapter.handle(post(WebAdapter.SESSION, Map.of(), null, WebApiFixture.SHOP,
                "192.0.2.10"), f.sink);

        assertThat(fourth.status()).isEqualTo(429);
        assertThat(json(fourth).has("token")).isFalse();
        assertThat(elsewhere.status()).isEqualTo(200);
        assertThat(f.meters.get("baton.web.refused").tag("reason", "rate").counter().count()).isEqualTo(1);
    }

    @Test
    void should_limit_new_visitors_per_address_but_not_returning_ones() {
        WebApiFixture f = new WebApiFixture(new RateLimits(100, 1000, 2), 10);
        String kept = f.anonymous();
        f.anonymous();

        assertThat(f.call(WebAdapter.SESSION, Map.of(), null).status()).isEqualTo(429);
        assertThat(f.call(WebAdapter.SESSION, Map.of("token", kept), null).status()).as("a returning visitor")
                .isEqualTo(200);
    }
}
