package dev.baton.core.channel;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A platform's HTTP call to Baton, free of any web framework type. The body is kept as the raw bytes the
 * platform sent, because signatures are computed over exactly those bytes.
 *
 * @param method  HTTP method, upper case
 * @param path    request path, e.g. {@code /webhooks/wechat}
 * @param headers header values by name; lookups through {@link #header(String)} ignore case
 * @param query   query parameters (already URL-decoded)
 * @param body    raw body bytes, never null
 * @param remoteAddress the client's address as the server sees it (behind a proxy: the proxy's), or null; for
 *                      per-address limits, never for authentication
 */
public record WebhookRequest(String method, String path, Map<String, List<String>> headers,
                             Map<String, List<String>> query, byte[] body, String remoteAddress) {

    public WebhookRequest(String method, String path, Map<String, List<String>> headers,
                          Map<String, List<String>> query, byte[] body) {
        this(method, path, headers, query, body, null);
    }

    public WebhookRequest {
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            h.putAll(headers);
        }
        headers = h;
        query = query == null ? Map.of() : Map.copyOf(query);
        body = body == null ? new byte[0] : body;
        method = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
    }

    /** First value of a header, ignoring case. */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.ofNullable(v.get(0));
    }

    /** First value of a query parameter. */
    public Optional<String> queryParam(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.ofNullable(v.get(0));
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isGet() {
        return "GET".equals(method);
    }

    public boolean isPost() {
        return "POST".equals(method);
    }
}
