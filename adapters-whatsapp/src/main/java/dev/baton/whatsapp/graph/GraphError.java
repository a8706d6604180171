package dev.baton.whatsapp.graph;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An error object as the Graph API returns it, in a send response ({@code {"error": {...}}}) or in a webhook
 * ({@code errors[]}).
 *
 * @param httpStatus the HTTP status of the response, or 0 for webhook errors
 * @param code       Meta's error code, e.g. {@code 131047}; 0 when absent
 * @param subcode    {@code error_subcode} or 0
 * @param type       e.g. {@code OAuthException}, or null
 * @param message    Meta's message or title (human readable, no secrets)
 * @param details    {@code error_data.details}, or null
 * @param fbtraceId  Meta's trace id for support tickets, or null
 * @see <a href="https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes">Cloud API error
 * codes</a>
 */
public record GraphError(int httpStatus, int code, int subcode, String type, String message, String details,
                         String fbtraceId) {

    /** Reads {@code {"error": {...}}} (or a bare error object); tolerant of any missing field. */
    public static GraphError fromResponse(int httpStatus, JsonNode root) {
        JsonNode e = root == null ? null : root.has("error") ? root.get("error") : root;
        if (e == null || !e.isObject()) {
            return new GraphError(httpStatus, 0, 0, null, "HTTP " + httpStatus, null, null);
        }
        String message = text(e, "message");
        if (message == null) {
            message = text(e, "title");
        }
        return new GraphError(httpStatus, e.path("code").asInt(0), e.path("error_subcode").asInt(0),
                text(e, "type"), message, text(e.path("error_data"), "details"), text(e, "fbtrace_id"));
    }

    /** The stable code a caller records: Meta's code when there is one, else {@code http_<status>}. */
    public String codeString() {
        return code != 0 ? Integer.toString(code) : "http_" + httpStatus;
    }

    /** A short reason for logs and the inbox: message and details, never a token. */
    public String reason() {
        String m = message == null ? "" : message;
        return details == null || details.isBlank() || details.equals(m) ? m : m + " (" + details + ")";
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
