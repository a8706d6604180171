package dev.baton.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Web-chat customers for tests, over the widget's own API: a signed-in user (a valid user hash) or an anonymous
 * visitor, who send messages from the allowed shop origin.
 */
final class WebCustomers {

    static final String SHOP = "https://shop.example.com";
    static final String SECRET = "shop-identity-secret-0123456789";
    /** The {@code CHANNELS} replacement of {@link TestBaton} that turns the web channel on. */
    static final String CHANNELS = "  web:\n    allowed-origins: [" + SHOP + "]\n    identity-secret: " + SECRET + "\n";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebCustomers() {
    }

    /** A signed-in customer's token ({@code user:<userId>} on the web channel). */
    static String signedIn(TestBaton baton, String userId, String name) {
        return post(baton, "/api/web/session", "{\"userId\":\"" + userId + "\",\"userHash\":\"" + hmac(userId)
                + "\",\"name\":\"" + name + "\"}", null).path("token").asText();
    }

    /** An anonymous visitor's token, whatever name they typed. */
    static String anonymous(TestBaton baton, String name) {
        return post(baton, "/api/web/session", "{\"name\":\"" + name + "\"}", null).path("token").asText();
    }

    /** A message from the customer; returns once Baton stored it. */
    static void says(TestBaton baton, String token, String text) {
        post(baton, "/api/web/messages", "{\"id\":\"" + UUID.randomUUID() + "\",\"text\":"
                + JSON.valueToTree(text) + "}", token);
    }

    private static JsonNode post(TestBaton baton, String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baton.base() + path))
                .timeout(Duration.ofSeconds(30)).header("Origin", SHOP).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String hmac(String userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
