package dev.baton.inbox.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.handoff.HumanInbox;
import dev.baton.core.handoff.routing.FirstResponseTimeouts;
import dev.baton.core.store.CallbackRepository;
import dev.baton.core.store.Database;
import dev.baton.core.store.EngineJson;
import dev.baton.core.store.Sql;
import dev.baton.inbox.config.InboxConfig;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code inbox.kind: webhook}: posts each event to a helpdesk as JSON, signed with HMAC-SHA256 over the raw body
 * ({@code X-Baton-Signature: sha256=<hex>}), with {@code X-Baton-Event} and a unique {@code X-Baton-Delivery} id.
 * Events: {@code ticket.opened} (the whole {@link HandoffTicket}), {@code customer.message},
 * {@code conversation.closed}, {@code ticket.sla_breached} (a claimed ticket nobody answered within its group's
 * first-response time went back to the queue) and {@code callback.requested} (a customer left a message to be
 * called back).
 *
 * <p>Deliveries are durable: each event is first stored in {@code webhook_deliveries} (PENDING), then posted by a
 * pass on the injected scheduler, at once and then every {@link #POLL} (the composition root schedules
 * {@link #deliverDue}). Network errors, 429 and 5xx are retried with exponential backoff (the next
 * attempt time is stored, so a restart picks up where it stopped) up to {@code max-attempts}; then, or at once for
 * another 4xx, the row is DEAD and a warning is logged. A row caught mid-post by a crash is posted again with the
 * same {@code X-Baton-Delivery} id (the helpdesk deduplicates on it). Events of one conversation are posted in
 * order: a later event waits while an earlier one is still pending. Agents reply and resolve through the REST API.
 */
public final class WebhookInbox implements HumanInbox {

    private static final Logger log = LoggerFactory.getLogger(WebhookInbox.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    private static final int BATCH = 100;

    /** How often {@link #deliverDue} should run to pick up retries that came due. */
    public static final Duration POLL = Duration.ofSeconds(1);

    /** The wait before the first retry in production. */
    public static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);

    /** Where a delivery is. */
    public enum Status { PENDING, SENDING, SENT, DEAD }

    /** One stored event. */
    public record Delivery(long id, String deliveryId, String event, long conversationId, String body, Status status,
                           int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
                           Instant updatedAt) {
    }

    private final InboxConfig.Webhook config;
    private final Database db;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final Executor scheduler;
    private final Duration firstBackoff;
    private final Clock clock;

    /**
     * @param scheduler    runs a delivery pass at once after each new event (the composition root's inbox
     *                     scheduler, which also runs {@link #deliverDue} every {@link #POLL})
     * @param firstBackoff the wait before the first retry, doubled for each further one (at most 10 minutes)
     */
    public WebhookInbox(InboxConfig.Webhook config, Database db, OkHttpClient http, ObjectMapper json,
                        Executor scheduler, Duration firstBackoff, Clock clock) {
        this.config = config;
        this.db = db;
        this.http = http;
        this.json = json;
        this.scheduler = scheduler;
        this.firstBackoff = firstBackoff;
        this.clock = clock;
    }

    /**
     * At start-up, before the first {@link #deliverDue}: rows a crash left SENDING (mid-post) go back to PENDING, to
     * be posted again with the same delivery id.
     */
    public void recoverInterrupted() {
        int reset = db.withConnection(c -> Sql.update(c, "UPDATE webhook_deliveries SET status = ?, "
                + "updated_at = ? WHERE status = ?", Status.PENDING, clock.instant(), Status.SENDING));
        long pending = db.withConnection(c -> Sql.count(c,
                "SELECT COUNT(*) FROM webhook_deliveries WHERE status = ?", Status.PENDING));
        if (pending > 0) {
            log.info("webhook inbox: {} delivery(ies) pending from before ({} were mid-post)", pending, reset);
        }
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

    /** {@code ticket.updated}: the same ticket with the model's summary (sent after {@code ticket.opened}). */
    @Override
    public void updated(HandoffTicket ticket) {
        Map<String, Object> body = envelope("ticket.updated", ticket.conversationId());
        body.put("ticket", ticket);
        send("ticket.updated", ticket.conversationId(), EngineJson.write(json, body));
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

    /**
     * {@code ticket.sla_breached}: the ticket went back to the queue because its holder did not reply within the
     * group's first-response time, so the helpdesk (and its supervisors) can react.
     */
    public void slaBreached(FirstResponseTimeouts.Breach breach) {
        Map<String, Object> body = envelope("ticket.sla_breached", breach.conversationId());
        body.put("ticketId", breach.ticketId());
        body.put("group", breach.group());
        body.put("agent", breach.agent());
        body.put("claimedAt", breach.claimedAt().toString());
        body.put("firstResponseSeconds", breach.limit().toSeconds());
        body.put("breaches", breach.breaches());
        body.put("requeuedAt", breach.at().toString());
        send("ticket.sla_breached", breach.conversationId(), EngineJson.write(json, body));
    }

    /** {@code callback.requested}: a customer left their contact details and question, to be called back. */
    @Override
    public void callbackRequested(CallbackRepository.Row callback) {
        Map<String, Object> body = envelope("callback.requested", callback.conversationId());
        body.put("callback", CallbackEvent.of(callback));
        send("callback.requested", callback.conversationId(), EngineJson.write(json, body));
    }

    /** A callback as the helpdesk receives it. */
    record CallbackEvent(long id, String name, String contact, String question, String language, String group,
                         String origin, String promisedAt) {
        static CallbackEvent of(CallbackRepository.Row r) {
            return new CallbackEvent(r.id(), r.customerName(), r.contact(), r.question(), r.language(), r.group(),
                    r.origin().code(), r.promisedAt() == null ? null : r.promisedAt().toString());
        }
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

    /** Stores the event (durable from here on) and wakes the worker. */
    private void send(String event, long conversationId, String body) {
        Instant now = clock.instant();
        String delivery = UUID.randomUUID().toString();
        db.withConnection(c -> Sql.insert(c, "INSERT INTO webhook_deliveries (delivery_id, event, "
                        + "conversation_id, body, status, attempts, next_attempt_at, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)", delivery, event, conversationId, body, Status.PENDING,
                now, now, now));
        try {
            scheduler.execute(this::deliverDue);
        } catch (RejectedExecutionException e) {
            log.info("conversation {}: webhook {} stored; it is posted when Baton starts again", conversationId,
                    event);
        }
    }

    /** Posts every due delivery, oldest first, keeping each conversation's events in order. */
    public void deliverDue() {
        try {
            Instant now = clock.instant();
            List<Delivery> pending = db.withConnection(c -> Sql.list(c, "SELECT * FROM webhook_deliveries "
                    + "WHERE status = ? ORDER BY id LIMIT " + BATCH, WebhookInbox::map, Status.PENDING));
            Set<Long> blocked = new HashSet<>();
            for (Delivery d : pending) {
                if (blocked.contains(d.conversationId())) {
                    continue;
                }
                if (d.nextAttemptAt().isAfter(now) || !attempt(d)) {
                    blocked.add(d.conversationId());
                }
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("webhook delivery run failed: {}", e.toString());
        }
    }

    /** One attempt; true when the delivery is finished (sent or dead), false when it waits for a retry. */
    private boolean attempt(Delivery d) {
        boolean mine = db.withConnection(c -> Sql.update(c, "UPDATE webhook_deliveries SET status = ?, "
                + "updated_at = ? WHERE id = ? AND status = ?", Status.SENDING, clock.instant(), d.id(),
                Status.PENDING)) == 1;
        if (!mine) {
            return false;
        }
        byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
        Request request = new Request.Builder().url(config.url().toString())
                .header("X-Baton-Event", d.event())
                .header("X-Baton-Delivery", d.deliveryId())
                .header("X-Baton-Signature", signature(config.secret(), body))
                .post(RequestBody.create(body, JSON)).build();
        int attempt = d.attempts() + 1;
        String problem;
        try (Response r = http.newCall(request).execute()) {
            if (r.isSuccessful()) {
                finish(d, Status.SENT, attempt, null);
                log.debug("conversation {}: webhook {} delivered ({})", d.conversationId(), d.event(), d.deliveryId());
                return true;
            }
            problem = "HTTP " + r.code();
            if (r.code() != 429 && r.code() < 500) {
                finish(d, Status.DEAD, attempt, problem);
                log.warn("conversation {}: webhook {} refused with {}; delivery {} is dead, not retrying",
                        d.conversationId(), d.event(), r.code(), d.deliveryId());
                return true;
            }
        } catch (IOException e) {
            problem = e.getClass().getSimpleName();
        } catch (RuntimeException e) {
            problem = e.getClass().getSimpleName();
        }
        if (attempt >= config.maxAttempts()) {
            finish(d, Status.DEAD, attempt, problem);
            log.warn("conversation {}: webhook {} failed {} times ({}); delivery {} is dead", d.conversationId(),
                    d.event(), attempt, problem, d.deliveryId());
            return true;
        }
        Duration delay = backoff(attempt);
        Instant next = clock.instant().plus(delay);
        String why = problem;
        db.withConnection(c -> Sql.update(c, "UPDATE webhook_deliveries SET status = ?, attempts = ?, "
                + "last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?", Status.PENDING, attempt, why,
                next, clock.instant(), d.id()));
        log.info("conversation {}: webhook {} failed ({}); retry {} in {} ms", d.conversationId(), d.event(), problem,
                attempt + 1, delay.toMillis());
        return false;
    }

    private Duration backoff(int attempt) {
        Duration d = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 16));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private void finish(Delivery d, Status status, int attempts, String error) {
        db.withConnection(c -> Sql.update(c, "UPDATE webhook_deliveries SET status = ?, attempts = ?, "
                + "last_error = ?, updated_at = ? WHERE id = ?", status, attempts, error, clock.instant(), d.id()));
    }

    /** Deliveries in one state, newest first (for tests and operators). */
    public List<Delivery> deliveries(Status status, int limit) {
        return db.withConnection(c -> Sql.list(c, "SELECT * FROM webhook_deliveries WHERE status = ? "
                + "ORDER BY id DESC LIMIT " + Math.max(1, Math.min(limit, 1000)), WebhookInbox::map, status));
    }

    /** One delivery by its row id. */
    public Optional<Delivery> delivery(long id) {
        return db.withConnection(c -> Sql.list(c, "SELECT * FROM webhook_deliveries WHERE id = ?",
                WebhookInbox::map, id)).stream().findFirst();
    }

    /**
     * Puts a DEAD delivery back in the queue: PENDING, due now, with a fresh set of {@code max-attempts} (same
     * {@code X-Baton-Delivery} id, so the helpdesk can still deduplicate). The last error stays until the next
     * attempt. Returns false when the delivery is not dead (or does not exist).
     */
    public boolean requeue(long id) {
        Instant now = clock.instant();
        boolean done = db.withConnection(c -> Sql.update(c, "UPDATE webhook_deliveries SET status = ?, "
                + "attempts = 0, next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = ?", Status.PENDING, now,
                now, id, Status.DEAD)) == 1;
        if (done) {
            wake();
        }
        return done;
    }

    /** Puts every DEAD delivery back in the queue (see {@link #requeue}); returns how many. */
    public int requeueDead() {
        Instant now = clock.instant();
        int n = db.withConnection(c -> Sql.update(c, "UPDATE webhook_deliveries SET status = ?, attempts = 0, "
                + "next_attempt_at = ?, updated_at = ? WHERE status = ?", Status.PENDING, now, now, Status.DEAD));
        if (n > 0) {
            wake();
        }
        return n;
    }

    private void wake() {
        try {
            scheduler.execute(this::deliverDue);
        } catch (RejectedExecutionException e) {
            log.info("webhook deliveries re-queued; they are posted when Baton starts again");
        }
    }

    private static Delivery map(ResultSet rs) throws SQLException {
        return new Delivery(rs.getLong("id"), rs.getString("delivery_id"), rs.getString("event"),
                rs.getLong("conversation_id"), rs.getString("body"), Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"), Sql.instant(rs, "next_attempt_at"), rs.getString("last_error"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
