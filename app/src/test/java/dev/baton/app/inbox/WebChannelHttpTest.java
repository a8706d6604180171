package dev.baton.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web channel over real HTTP in a running Baton (the module found through the channel SPI, configured by its
 * {@code channels.web} block): the origin check, the signed identity, a resent message stored once by the engine, and
 * a stream that resumes from the last id it saw after Baton restarted on the same database, with the same token.
 */
class WebChannelHttpTest {

    static final String SHOP = "https://shop.example.com";
    static final String SECRET = "shop-identity-secret-0123456789";
    static final String CHANNELS = "  web:\n    allowed-origins: [" + SHOP + "]\n    identity-secret: " + SECRET + "\n";

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void should_refuse_another_site_and_unsigned_user_ids_and_resume_a_stream_after_a_restart(@TempDir Path dir)
            throws Exception {
        TestBaton first = TestBaton.start(dir, Map.of("CHANNELS", CHANNELS));
        String token;
        long seen;
        String db = first.dbUrl;
        try {
            // another site: refused, and nothing a page could read (no CORS header), preflight included
            HttpResponse<String> other = post(first, "/api/web/session", "{}", null, "https://evil.example");
            assertThat(other.statusCode()).isEqualTo(403);
            assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(first.base()
                            + "/api/web/messages")).header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(post(first, "/api/web/session", "{}", null, null).statusCode()).as("no Origin at all")
                    .isEqualTo(403);

            // identity: a valid hash signs the user in; a wrong or missing one gets no token at all
            JsonNode signed = json(post(first, "/api/web/session", "{\"userId\":\"u-42\",\"userHash\":\""
                    + hmac("u-42") + "\",\"name\":\"Li Lei\"}", null, SHOP));
            assertThat(signed.path("verified").asBoolean()).isTrue();
            HttpResponse<String> forged = post(first, "/api/web/session", "{\"userId\":\"u-42\",\"userHash\":\""
                    + hmac("u-43") + "\"}", null, SHOP);
            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(forged.body()).doesNotContain("token");
            assertThat(post(first, "/api/web/session", "{\"userId\":\"u-42\"}", null, SHOP).statusCode())
                    .isEqualTo(403);

            // an anonymous visitor sends a message twice (a retry after a dropped answer): stored once
            token = json(post(first, "/api/web/session", "{}", null, SHOP)).path("token").asText();
            String message = "{\"id\":\"msg-0001-abcdef\",\"text\":\"How do I return an item?\"}";
            JsonNode once = json(post(first, "/api/web/messages", message, token, SHOP));
            JsonNode twice = json(post(first, "/api/web/messages", message, token, SHOP));
            assertThat(once.path("duplicate").asBoolean()).isFalse();
            assertThat(twice.path("duplicate").asBoolean()).isTrue();
            assertThat(twice.path("inboundId").asLong()).isEqualTo(once.path("inboundId").asLong());
            List<JsonNode> events = readStream(first, token, 0, 2);
            assertThat(events).extracting(e -> e.path("author").asText()).containsExactly("customer", "bot");
            assertThat(events.get(1).path("text").asText()).contains("7 days");
            seen = events.get(1).path("id").asLong();
            assertThat(json(post(first, "/api/web/history", "{}", token, SHOP)).path("messages").size())
                    .as("the resent message is not in the history twice").isEqualTo(2);
        } finally {
            first.close();
        }

        TestBaton second = TestBaton.start(dir, Map.of("CHANNELS", CHANNELS, "DB", db));
        try {
            // while the widget was away: the same visitor's token still works and the stream goes on after `seen`
            String next = "{\"id\":\"msg-0002-abcdef\",\"text\":\"How long does a refund take?\"}";
            assertThat(post(second, "/api/web/messages", next, token, SHOP).statusCode()).isEqualTo(200);
            List<JsonNode> resumed = readStream(second, token, seen, 2);
            assertThat(resumed).extracting(e -> e.path("id").asLong()).allMatch(id -> id > seen);
            assertThat(resumed.get(0).path("text").asText()).isEqualTo("How long does a refund take?");
            assertThat(resumed.get(1).path("text").asText()).contains("3 to 5 working days");
        } finally {
            second.close();
        }
    }

    /** Reads {@code count} message events of a stream opened with {@code Last-Event-ID: after}, then leaves. */
    private List<JsonNode> readStream(TestBaton baton, String token, long after, int count) throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(baton.base() + "/api/web/stream"))
                .timeout(Duration.ofSeconds(40)).header("Origin", SHOP).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).header("Last-Event-ID", Long.toString(after))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains(SHOP);
        List<JsonNode> messages = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String event = null;
            String line;
            while (messages.size() < count && (line = in.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ") && "message".equals(event)) {
                    messages.add(baton.json.readTree(line.substring(6)));
                }
            }
        }
        return messages;
    }

    private HttpResponse<String> post(TestBaton baton, String path, String body, String token, String origin)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baton.base() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
    }

    private static String hmac(String userId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
    }
}
