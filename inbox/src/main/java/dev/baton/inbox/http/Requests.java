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

    /** The cookie holding the language an agent chose for their pages ({@code zh} or {@code en}). */
    static final String LANGUAGE_COOKIE = "baton-lang";

    /**
     * The language the agent chose (the {@value #LANGUAGE_COOKIE} cookie the page header sets), or null when they chose
     * none or the value is not one the inbox is written in: then the desk's language applies.
     */
    static String chosenLanguage(Context ctx) {
        String v = ctx.cookie(LANGUAGE_COOKIE);
        return "zh".equals(v) || "en".equals(v) ? v : null;
    }

    /** The page language for this request: the agent's choice, else the desk's. */
    static String language(Context ctx, String desk) {
        String chosen = chosenLanguage(ctx);
        return chosen != null ? chosen : desk;
    }

    /** A text field, stripped; absent is "". */
    static String optional(JsonNode body, String field) {
        return body.path(field).asText("").strip();
    }
}
