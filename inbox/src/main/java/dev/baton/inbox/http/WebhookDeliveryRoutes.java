package dev.baton.inbox.http;

import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.webhook.WebhookInbox;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Helpdesk webhook deliveries ({@code inbox.kind: webhook}), for supervisors:
 * <pre>
 * GET  /api/webhook-deliveries[?status=dead&amp;limit=100]   newest first (default: dead)
 * POST /api/webhook-deliveries/{id}/retry                 re-queue one dead delivery
 * POST /api/webhook-deliveries/retry                      re-queue every dead delivery
 * </pre>
 * A re-queued delivery is posted again with the same {@code X-Baton-Delivery} id and a fresh set of
 * {@code max-attempts}. With another inbox kind the routes answer 404 with a hint.
 */
public final class WebhookDeliveryRoutes implements Consumer<Javalin> {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryRoutes.class);

    /** A stored delivery as listed: status in lower case, times ISO-8601. */
    public record Delivery(long id, String deliveryId, String event, long conversationId, String status, int attempts,
                           String lastError, String nextAttemptAt, String createdAt, String updatedAt) {

        static Delivery of(WebhookInbox.Delivery d) {
            return new Delivery(d.id(), d.deliveryId(), d.event(), d.conversationId(),
                    d.status().name().toLowerCase(Locale.ROOT), d.attempts(), d.lastError(), text(d.nextAttemptAt()),
                    text(d.createdAt()), text(d.updatedAt()));
        }

        private static String text(Object instant) {
            return instant == null ? null : instant.toString();
        }
    }

    /** One delivery back in the queue. */
    record Requeued(long id, String status) {
    }

    /** How many dead deliveries went back in the queue. */
    record RequeuedAll(int requeued) {
    }

    private final InboxAuth auth;
    private final WebhookInbox webhook;

    /** @param webhook the webhook inbox, or null when {@code inbox.kind} is not {@code webhook} */
    public WebhookDeliveryRoutes(InboxAuth auth, WebhookInbox webhook) {
        this.auth = auth;
        this.webhook = webhook;
    }

    @Override
    public void accept(Javalin app) {
        app.get("/api/webhook-deliveries", this::list);
        app.post("/api/webhook-deliveries/retry", this::retryAll);
        app.post("/api/webhook-deliveries/{id}/retry", this::retry);
    }

    private WebhookInbox webhook() {
        if (webhook == null) {
            throw new ApiError(404, "there are no webhook deliveries: inbox.kind is not webhook");
        }
        return webhook;
    }

    private void list(Context ctx) {
        auth.require(ctx, Role.SUPERVISOR);
        WebhookInbox inbox = webhook();
        String statusParam = Optional.ofNullable(ctx.queryParam("status")).orElse("dead");
        WebhookInbox.Status status;
        try {
            status = WebhookInbox.Status.valueOf(statusParam.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("status must be one of pending, sending, sent, dead");
        }
        int limit;
        try {
            limit = Integer.parseInt(Optional.ofNullable(ctx.queryParam("limit")).orElse("100"));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("limit must be a number");
        }
        if (limit < 1 || limit > 1000) {
            throw ApiError.badRequest("limit must be between 1 and 1000");
        }
        ctx.json(new Items<>(inbox.deliveries(status, limit).stream().map(Delivery::of).toList()));
    }

    private void retry(Context ctx) {
        Principal p = auth.require(ctx, Role.SUPERVISOR);
        WebhookInbox inbox = webhook();
        long id = Requests.id(ctx);
        WebhookInbox.Delivery d = inbox.delivery(id).orElseThrow(() -> new ApiError(404, "no webhook delivery " + id));
        if (!inbox.requeue(id)) {
            throw new ApiError(409, "webhook delivery " + id + " is " + d.status().name().toLowerCase(Locale.ROOT)
                    + ", not dead");
        }
        log.info("conversation {}: dead webhook {} (delivery {}) re-queued by {}", d.conversationId(), d.event(),
                d.deliveryId(), p.name());
        ctx.json(new Requeued(id, "pending"));
    }

    private void retryAll(Context ctx) {
        Principal p = auth.require(ctx, Role.SUPERVISOR);
        int n = webhook().requeueDead();
        if (n > 0) {
            log.info("{} dead webhook delivery(ies) re-queued by {}", n, p.name());
        }
        ctx.json(new RequeuedAll(n));
    }
}
