package dev.baton.core.channel;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Baton answers the platform, free of any web framework type.
 *
 * @param headers extra response headers (e.g. a Content-Security-Policy for a page), in order; none for an ack
 */
public record WebhookResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public WebhookResponse {
        body = body == null ? new byte[0] : body;
        contentType = contentType == null ? "text/plain; charset=utf-8" : contentType;
        headers = headers == null || headers.isEmpty() ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public WebhookResponse(int status, String contentType, byte[] body) {
        this(status, contentType, body, Map.of());
    }

    /** This response with one more header. */
    public WebhookResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new WebhookResponse(status, contentType, body, h);
    }

    public static WebhookResponse text(int status, String text) {
        return new WebhookResponse(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** 200 with an empty body: for platforms that read only the status (WhatsApp). */
    public static WebhookResponse ack() {
        return new WebhookResponse(200, null, null);
    }

    public static WebhookResponse ok(String text) {
        return text(200, text);
    }

    public static WebhookResponse xml(String xml) {
        return new WebhookResponse(200, "application/xml; charset=utf-8", xml.getBytes(StandardCharsets.UTF_8));
    }

    public static WebhookResponse json(int status, String json) {
        return new WebhookResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public static WebhookResponse badRequest(String why) {
        return text(400, why);
    }

    public static WebhookResponse unauthorized(String why) {
        return text(401, why);
    }

    public static WebhookResponse forbidden(String why) {
        return text(403, why);
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
