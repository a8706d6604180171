package dev.baton.app.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.app.config.InboxConfig;
import dev.baton.core.conversation.EngineJson;
import dev.baton.core.handoff.HandoffTicket;
import dev.baton.core.handoff.HumanInbox;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code inbox.kind: webhook}: posts each event to a helpdesk as JSON, signed with HMAC-SHA256 over the raw body
 * ({@code X-Baton-Signature: sha256=<hex>}), with {@code X-Baton-Event} and a unique {@code X-Baton-Delivery} id.
 * Events: {@code ticket.opened} (the whole {@link HandoffTicket}), {@code customer.message},
 * {@code conversation.closed}. Failed deliveries (network, 429, 5xx) are retried with exponential backoff on the
 * injected scheduler; other 4xx answers are logged and dropped. Agents reply and resolve through the REST API.
 */
public final class WebhookInbox implements HumanInbox {

    private static final Logger log = LoggerFactory.getLogger(WebhookInbox.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final InboxConfig.Webhook config;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final ScheduledExecutorService scheduler;
    private final Duration firstBackoff;
    private final Clock clock;

    public WebhookInbox(InboxConfig.Webhook config, OkHttpClient http, ObjectMapper json,
                        ScheduledExecutorService scheduler, Duration firstBackoff, Clock clock) {
        this.config = config;
        this.http = http;
        this.json = json;
        this.scheduler = scheduler;
        this.firstBackoff = firstBackoff;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "webhook";
    }

    @Override
    public void open(HandoffTicket ticket) {
        Map<String, Object> body = envelope("ticket.opened", ticket.conversationId());
        body.put("ticket", ticket);
        send("ticket.opened", ticket.conversationId(), EngineJson.write(json, body));
    }

    @Override
    public void customerMessage(long conversationId, String text) {
        Map<String, Object> body = envelope("customer.message", conversationId);
        body.put("text", text);
        send("customer.message", conversationId, EngineJson.write(json, body));
    }

    @Override
    public void closed(long conversationId, String note) {
        Map<String, Object> body = envelope("conversation.closed", conversationId);
        body.put("note", note);
        send("conversation.closed", conversationId, EngineJson.write(json, body));
    }

    private Map<String, Object> envelope(String event, long conversationId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", event);
        m.put("conversationId", conversationId);
        m.put("sentAt", clock.instant().toString());
        return m;
    }

    /** {@code sha256=<hex of HMAC-SHA256(secret, body)>}. */
    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(String event, long conversationId, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String delivery = UUID.randomUUID().toString();
        schedule(() -> attempt(event, conversationId, bytes, delivery, 1), 0);
    }

    private void attempt(String event, long conversationId, byte[] body, String delivery, int attempt) {
        Request request = new Request.Builder().url(config.url().toString())
                .header("X-Baton-Event", event)
                .header("X-Baton-Delivery", delivery)
                .header("X-Baton-Signature", signature(config.secret(), body))
                .post(RequestBody.create(body, JSON)).build();
        String problem;
        try (Response r = http.newCall(request).execute()) {
            if (r.isSuccessful()) {
                log.debug("conversation {}: webhook {} delivered", conversationId, event);
                return;
            }
            if (r.code() != 429 && r.code() < 500) {
                log.warn("conversation {}: webhook {} refused with {}; not retrying", conversationId, event,
                        r.code());
                return;
            }
            problem = "HTTP " + r.code();
        } catch (IOException e) {
            problem = e.getClass().getSimpleName();
        }
        if (attempt >= config.maxAttempts()) {
            log.warn("conversation {}: webhook {} failed {} times ({}); giving up", conversationId, event, attempt,
                    problem);
            return;
        }
        long delay = firstBackoff.toMillis() * (1L << Math.min(attempt - 1, 10));
        log.info("conversation {}: webhook {} failed ({}); retry {} in {} ms", conversationId, event, problem,
                attempt + 1, delay);
        schedule(() -> attempt(event, conversationId, body, delivery, attempt + 1), delay);
    }

    private void schedule(Runnable r, long delayMs) {
        try {
            scheduler.schedule(r, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.warn("webhook delivery dropped: Baton is stopping");
        }
    }
}
