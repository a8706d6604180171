package dev.baton.core.channel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Baton answers the platform, free of any web framework type.
 *
 * @param headers extra response headers (e.g. a Content-Security-Policy for a page), in order; none for an ack
 * @param stream  for a body written while the connection stays open (server-sent events), else null; see
 *                {@link #stream}
 */
public record WebhookResponse(int status, String contentType, byte[] body, Map<String, String> headers,
                              BodyWriter stream) {

    public WebhookResponse {
        body = body == null ? new byte[0] : body;
        contentType = contentType == null ? "text/plain; charset=utf-8" : contentType;
        headers = headers == null || headers.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public WebhookResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, null);
    }

    public WebhookResponse(int status, String contentType, byte[] body) {
        this(status, contentType, body, Map.of(), null);
    }

    /** Writes a streamed body; each {@code flush()} sends what was written so far to the client. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * A response whose body is written while the connection stays open, e.g. {@code text/event-stream}: the server
     * sends the status and headers, then calls {@code writer} on the request's thread; the response ends when it
     * returns (or throws, as when the client went away). Each open stream holds one server thread, so a channel
     * streaming to many clients bounds their number and the time each stays open.
     */
    public static WebhookResponse stream(int status, String contentType, BodyWriter writer) {
        return new WebhookResponse(status, contentType, null, Map.of(),
                java.util.Objects.requireNonNull(writer, "writer"));
    }

    /** True when the body is {@link #stream streamed}. */
    public boolean streamed() {
        return stream != null;
    }

    /** This response with one more header. */
    public WebhookResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new WebhookResponse(status, contentType, body, h, stream);
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
