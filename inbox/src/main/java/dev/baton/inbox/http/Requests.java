package dev.baton.inbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.io.IOException;

/** Reading a request: the path's id, the JSON body, a required field; each refusal a 400 that says what is wrong. */
final class Requests {

    private Requests() {
    }

    /** The {@code {id}} path parameter as a number. */
    static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("id must be a number");
        }
    }

    /** The request body as a JSON object (an empty body is {@code {}}). */
    static JsonNode body(ObjectMapper json, Context ctx) {
        try {
            byte[] bytes = ctx.bodyAsBytes();
            JsonNode n = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw ApiError.badRequest("body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw ApiError.badRequest("body must be JSON");
        }
    }

    /** A text field, stripped; absent or blank is refused. */
    static String required(JsonNode body, String field) {
        String v = body.path(field).asText("").strip();
        if (v.isEmpty()) {
            throw ApiError.badRequest(field + " is required");
        }
        return v;
    }

    /** A text field, stripped; absent is "". */
    static String optional(JsonNode body, String field) {
        return body.path(field).asText("").strip();
    }
}
