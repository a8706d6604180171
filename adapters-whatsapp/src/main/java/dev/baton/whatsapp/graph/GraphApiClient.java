package dev.baton.whatsapp.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Posts to the Cloud API messages endpoint {@code POST {api-base-url}/{phone-number-id}/messages} with the access
 * token as a bearer header (never in the URL, so no logged URL can leak it). Returns what happened as a
 * {@link GraphResult}; it does not retry: the outbox owns retries.
 *
 * @see <a href="https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages">Messages API</a>
 */
public final class GraphApiClient {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient http;
    private final HttpUrl messagesUrl;
    private final String accessToken;

    public GraphApiClient(OkHttpClient http, URI apiBaseUrl, String phoneNumberId, String accessToken) {
        this.http = Objects.requireNonNull(http, "http");
        HttpUrl base = HttpUrl.get(apiBaseUrl.toString());
        this.messagesUrl = base.newBuilder().addPathSegment(phoneNumberId).addPathSegment("messages").build();
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
    }

    /** The endpoint, for diagnostics (holds no secret). */
    public HttpUrl messagesUrl() {
        return messagesUrl;
    }

    public GraphResult postMessage(ObjectNode body) {
        byte[] json;
        try {
            json = GraphJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a Graph request", e);
        }
        Request request = new Request.Builder()
                .url(messagesUrl)
                .header("Authorization", "Bearer " + accessToken)
                .post(RequestBody.create(json, JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            JsonNode root = readBody(response.body());
            if (response.isSuccessful()) {
                return new GraphResult.Success(messageIds(root));
            }
            return new GraphResult.Failure(GraphError.fromResponse(response.code(), root),
                    response.header("Retry-After"));
        } catch (InterruptedIOException e) {
            return new GraphResult.NetworkFailure("timeout", true);
        } catch (IOException e) {
            return new GraphResult.NetworkFailure(e.getClass().getSimpleName(), false);
        }
    }

    private static JsonNode readBody(ResponseBody body) throws IOException {
        if (body == null) {
            return null;
        }
        byte[] bytes = body.bytes();
        if (bytes.length == 0) {
            return null;
        }
        try {
            return GraphJson.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static List<String> messageIds(JsonNode root) {
        List<String> ids = new ArrayList<>();
        if (root != null) {
            for (JsonNode m : root.path("messages")) {
                String id = m.path("id").asText(null);
                if (id != null && !id.isBlank()) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }
}
