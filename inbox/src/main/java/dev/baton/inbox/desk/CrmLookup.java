package dev.baton.inbox.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The optional customer lookup in the business's CRM ({@code inbox.crm-url}, a GET returning JSON, with
 * {@code {channel}} and {@code {platformId}} filled in). Bounded by a timeout; the inbox page loads it separately,
 * so a slow CRM never blocks the conversation view.
 */
public final class CrmLookup {

    private static final Logger log = LoggerFactory.getLogger(CrmLookup.class);
    private static final int MAX_BYTES = 64 * 1024;

    private final String urlTemplate;
    private final OkHttpClient http;
    private final ObjectMapper json;

    public CrmLookup(String urlTemplate, OkHttpClient http, Duration timeout, ObjectMapper json) {
        this.urlTemplate = urlTemplate;
        this.http = http.newBuilder().callTimeout(timeout).connectTimeout(timeout).readTimeout(timeout).build();
        this.json = json;
    }

    public boolean configured() {
        return urlTemplate != null && !urlTemplate.isBlank();
    }

    /** The CRM's JSON for the customer, or empty when not configured, not found, slow or broken. */
    public Optional<JsonNode> lookup(String channel, String platformId, long conversationId) {
        if (!configured()) {
            return Optional.empty();
        }
        String url = urlTemplate.replace("{channel}", enc(channel)).replace("{platformId}", enc(platformId));
        try (Response r = http.newCall(new Request.Builder().url(url).header("Accept", "application/json").build())
                .execute()) {
            if (!r.isSuccessful() || r.body() == null) {
                log.info("conversation {}: CRM lookup answered {}", conversationId, r.code());
                return Optional.empty();
            }
            byte[] body = r.body().byteStream().readNBytes(MAX_BYTES);
            return Optional.of(json.readTree(body));
        } catch (IOException | RuntimeException e) {
            log.info("conversation {}: CRM lookup failed: {}", conversationId, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
