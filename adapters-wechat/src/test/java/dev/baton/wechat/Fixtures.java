package dev.baton.wechat;

import dev.baton.core.channel.WebhookRequest;
import dev.baton.wechat.crypto.WxSignature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test fixtures from {@code src/test/resources} and signed webhook requests. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WebhookRequest get(String path, Map<String, String> query) {
        return new WebhookRequest("GET", path, Map.of(), multi(query), new byte[0]);
    }

    public static WebhookRequest post(String path, Map<String, String> query, String body) {
        return post(path, query, body.getBytes(StandardCharsets.UTF_8));
    }

    public static WebhookRequest post(String path, Map<String, String> query, byte[] body) {
        return new WebhookRequest("POST", path, Map.of("Content-Type", List.of("text/xml")), multi(query), body);
    }

    /** A plain-mode OA push signed with {@code token}. */
    public static WebhookRequest plainPush(String token, String xml) {
        return plainPush(token, xml.getBytes(StandardCharsets.UTF_8));
    }

    /** A plain-mode OA push signed with {@code token}, with the body as raw bytes (any encoding). */
    public static WebhookRequest plainPush(String token, byte[] body) {
        String ts = "1714037059";
        String nonce = "486452656";
        return post("/webhooks/wechat", Map.of("signature", WxSignature.compute(token, ts, nonce), "timestamp", ts,
                "nonce", nonce, "openid", "oia2TjjewbmiOUlr6X-1crbLOvLw"), body);
    }

    public static Map<String, String> query(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, List<String>> multi(Map<String, String> query) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        query.forEach((k, v) -> m.put(k, List.of(v)));
        return m;
    }
}
