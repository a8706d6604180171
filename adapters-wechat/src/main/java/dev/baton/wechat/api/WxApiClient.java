package dev.baton.wechat.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * JSON calls to a WeChat-style API ({@code ?access_token=…}, answers with {@code errcode}/{@code errmsg}).
 * A call rejected for its token (codes in {@code tokenErrorCodes}) invalidates the token and is retried exactly
 * once with a fresh one. Logs name the API path and the errcode, never the URL (it carries the token).
 */
public final class WxApiClient {

    private static final Logger log = LoggerFactory.getLogger(WxApiClient.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient http;
    private final HttpUrl baseUrl;
    private final AccessTokenProvider tokens;
    private final Set<Integer> tokenErrorCodes;
    private final ObjectMapper json;

    public WxApiClient(OkHttpClient http, URI baseUrl, AccessTokenProvider tokens, Set<Integer> tokenErrorCodes,
                       ObjectMapper json) {
        this.http = Objects.requireNonNull(http);
        this.baseUrl = Objects.requireNonNull(HttpUrl.get(baseUrl.toString()), "apiBaseUrl");
        this.tokens = tokens;
        this.tokenErrorCodes = Set.copyOf(tokenErrorCodes);
        this.json = json;
    }

    public ObjectMapper json() {
        return json;
    }

    public ObjectNode object() {
        return json.createObjectNode();
    }

    /** POSTs JSON to {@code path} with the access token; returns the body when {@code errcode} is 0. */
    public JsonNode post(String path, JsonNode body) throws WxApiException {
        String token = tokens.get();
        try {
            return checked(path, postRaw(withToken(path, token), body));
        } catch (WxApiException.Platform e) {
            if (!tokenErrorCodes.contains(e.errcode())) {
                throw e;
            }
            log.info("{}: access token rejected (errcode {}), refreshing once", path, e.errcode());
            tokens.invalidate(token);
            String fresh = tokens.get();
            return checked(path, postRaw(withToken(path, fresh), body));
        }
    }

    /** A call without the access token (token endpoints). Returns the body when {@code errcode} is 0 or absent. */
    public JsonNode getNoToken(String path, java.util.Map<String, String> query) throws WxApiException {
        HttpUrl.Builder url = url(path);
        query.forEach(url::addQueryParameter);
        return checked(path, execute(new Request.Builder().url(url.build()).get().build(), path));
    }

    public JsonNode postNoToken(String path, JsonNode body) throws WxApiException {
        return checked(path, postRaw(url(path).build(), body));
    }

    private HttpUrl withToken(String path, String token) {
        return url(path).addQueryParameter("access_token", token).build();
    }

    private HttpUrl.Builder url(String path) {
        HttpUrl.Builder b = baseUrl.newBuilder();
        for (String seg : path.split("/")) {
            if (!seg.isEmpty()) {
                b.addPathSegment(seg);
            }
        }
        return b;
    }

    private JsonNode postRaw(HttpUrl url, JsonNode body) throws WxApiException {
        String payload;
        try {
            payload = json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("unserialisable request body", e);
        }
        Request request = new Request.Builder().url(url).post(RequestBody.create(payload, JSON)).build();
        return execute(request, url.encodedPath());
    }

    private JsonNode execute(Request request, String pathForLogs) throws WxApiException {
        try (Response response = http.newCall(request).execute()) {
            if (response.code() >= 500 || response.code() == 429) {
                throw new WxApiException.Transient(pathForLogs + ": HTTP " + response.code(), null);
            }
            ResponseBody rb = response.body();
            String text = rb == null ? "" : rb.string();
            if (!response.isSuccessful()) {
                throw new WxApiException.Platform(-response.code(), "HTTP " + response.code());
            }
            try {
                return json.readTree(text);
            } catch (IOException e) {
                throw new WxApiException.Transient(pathForLogs + ": unreadable JSON answer", null);
            }
        } catch (IOException e) {
            // OkHttp's exception messages may contain the URL; do not chain the message.
            throw new WxApiException.Transient(pathForLogs + ": " + e.getClass().getSimpleName(), null);
        }
    }

    private static JsonNode checked(String path, JsonNode node) throws WxApiException {
        int errcode = node.path("errcode").asInt(0);
        if (errcode != 0) {
            log.debug("{}: errcode {}", path, errcode);
            throw new WxApiException.Platform(errcode, node.path("errmsg").asText(""));
        }
        return node;
    }
}
