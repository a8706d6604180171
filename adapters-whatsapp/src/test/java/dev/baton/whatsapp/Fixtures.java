package dev.baton.whatsapp;

import dev.baton.whatsapp.config.WhatsAppConfig;
import dev.baton.core.plugin.ChannelContext;
import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.state.KeyValueStore;
import dev.baton.whatsapp.webhook.SignatureVerifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.OkHttpClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/** Shared test fixtures: the config used across tests, payload files from the classpath, signed requests. */
public final class Fixtures {

    public static final String PHONE_NUMBER_ID = "1234567890";
    public static final String ACCESS_TOKEN = "EAAG-test-access-token";
    public static final String APP_SECRET = "baton-test-app-secret";
    public static final String VERIFY_TOKEN = "baton-verify-me";
    public static final String CUSTOMER = "16505551234";

    private Fixtures() {
    }

    public static WhatsAppConfig config(URI apiBaseUrl) {
        return WhatsAppConfig.of(PHONE_NUMBER_ID, ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN).withApiBaseUrl(apiBaseUrl);
    }

    /** Bytes of {@code src/test/resources/whatsapp/<path>}. */
    public static byte[] payload(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/whatsapp/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture whatsapp/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WebhookRequest signedPost(byte[] body) {
        return post(body, new SignatureVerifier(APP_SECRET).sign(body));
    }

    public static WebhookRequest post(byte[] body, String signature) {
        Map<String, List<String>> headers = signature == null
                ? Map.of("content-type", List.of("application/json"))
                : Map.of("content-type", List.of("application/json"), "x-hub-signature-256", List.of(signature));
        return new WebhookRequest("POST", "/webhooks/whatsapp", headers, Map.of(), body);
    }

    public static WebhookRequest get(Map<String, String> query) {
        Map<String, List<String>> q = new java.util.HashMap<>();
        query.forEach((k, v) -> q.put(k, List.of(v)));
        return new WebhookRequest("GET", "/webhooks/whatsapp", Map.of(), q, null);
    }

    public static OkHttpClient http() {
        return http(Duration.ofSeconds(10));
    }

    public static OkHttpClient http(Duration readTimeout) {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(readTimeout)
                .build();
    }

    public static ChannelContext context(Clock clock, ExecutorService background, SimpleMeterRegistry meters) {
        return new ChannelContext(clock, KeyValueStore.inMemory(), background, meters);
    }
}
