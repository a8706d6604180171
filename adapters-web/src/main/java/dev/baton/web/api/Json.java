package dev.baton.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/** The widget API's JSON in and out: one mapper, request bodies read as objects, errors as {@code {"error": "…"}}. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The body as a JSON object ({@code {}} when empty). */
    static ObjectNode object(WebhookRequest request) {
        if (request.body().length == 0) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode n = MAPPER.readTree(request.body());
            if (n instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            // answered below
        }
        throw new Refusal(400, "the body must be a JSON object");
    }

    /** A string field, or null when absent or JSON null. */
    static String string(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new Refusal(400, field + " must be a string");
        }
        return n.asText();
    }

    /** A whole-number field, or null when absent or JSON null. */
    static Long number(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToLong() || !n.isIntegralNumber()) {
            throw new Refusal(400, field + " must be a whole number");
        }
        return n.asLong();
    }

    static WebhookResponse ok(Object body) {
        return status(200, body);
    }

    static WebhookResponse status(int status, Object body) {
        return WebhookResponse.json(status, write(body)).withHeader("Cache-Control", "no-store");
    }

    static WebhookResponse error(int status, String why) {
        return status(status, Map.of("error", why));
    }

    /** 429 with the seconds to wait, which the widget reads to retry. */
    static WebhookResponse tooMany(String what, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return status(429, Map.of("error", "too many " + what + "; try again in " + seconds + " s",
                "retryAfter", seconds)).withHeader("Retry-After", Long.toString(seconds));
    }

    static String write(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
