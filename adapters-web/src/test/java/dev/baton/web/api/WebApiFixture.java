package dev.baton.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.core.state.KeyValueStore;
import dev.baton.core.testing.RecordingSink;
import dev.baton.core.testing.TestClock;
import dev.baton.web.config.RateLimits;
import dev.baton.web.config.WebConfig;
import dev.baton.web.identity.VisitorTokens;
import dev.baton.web.live.Wakeups;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The web adapter over a {@link RecordingSink}, and requests as the widget sends them from an allowed site. */
final class WebApiFixture {

    static final String SHOP = "https://shop.example.com";
    static final String SECRET = "shop-secret-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();

    final TestClock clock = TestClock.at(Instant.parse("2025-05-01T08:00:00Z"));
    final RecordingSink sink = new RecordingSink();
    final Wakeups wakeups = new Wakeups();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final WebAdapter adapter;

    WebApiFixture() {
        this(new RateLimits(null, null, null), 100);
    }

    WebApiFixture(RateLimits limits, int maxStreams) {
        this(new WebConfig(true, List.of(SHOP), SECRET, null, 200, limits, maxStreams, null, null));
    }

    WebApiFixture(WebConfig config) {
        adapter = WebAdapter.create(config, VisitorTokens.fromState(KeyValueStore.inMemory(), new SecureRandom(), clock),
                wakeups, clock, meters, new WebAdapter.StreamTiming(Duration.ofMillis(300), Duration.ofMillis(20)));
    }

    /** A POST from the shop's page (or {@code origin}), with a token when not null. */
    static WebhookRequest post(String path, Object body, String token, String origin, String address) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (origin != null) {
            headers.put("Origin", List.of(origin));
        }
        headers.put("Content-Type", List.of("application/json"));
        if (token != null) {
            headers.put("Authorization", List.of("Bearer " + token));
        }
        try {
            return new WebhookRequest("POST", path, headers, Map.of(), JSON.writeValueAsBytes(body), address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebhookResponse call(String path, Object body, String token) {
        return adapter.handle(post(path, body, token, SHOP, "203.0.113.7"), sink);
    }

    /** A new anonymous visitor's token. */
    String anonymous() {
        return json(call(WebAdapter.SESSION, Map.of(), null)).path("token").asText();
    }

    static JsonNode json(WebhookResponse r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a streamed response to its end (its life is short here) and returns what it wrote. */
    static String drain(WebhookResponse r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            r.stream().writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
