package dev.baton.app.http;

import dev.baton.app.inbox.ApiError;
import dev.baton.app.inbox.InboxAuth;
import dev.baton.app.inbox.Role;
import dev.baton.core.conversation.Engine;
import dev.baton.core.store.Outbox;
import dev.baton.core.store.Store;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Operator endpoints for supervisors: the shared integration token ({@code Authorization: Bearer <inbox.api-token>}),
 * a supervisor's own API token ({@code bt_…}) or a supervisor's signed-in session; an agent's token gets 403.
 * {@code GET /api/outbox?status=dead} lists replies that could not be delivered, with the platform's reason;
 * {@code POST /api/outbox/{id}/requeue} sends a DEAD one again, with a fresh set of attempts (404 unknown id, 409 not
 * DEAD).
 */
public final class OpsApi implements Consumer<Javalin> {

    private final Store store;
    private final Engine engine;
    private final InboxAuth auth;
    private final Runnable wakeOutbox;

    public OpsApi(Store store, Engine engine, InboxAuth auth, Runnable wakeOutbox) {
        this.store = store;
        this.engine = engine;
        this.auth = auth;
        this.wakeOutbox = wakeOutbox;
    }

    @Override
    public void accept(Javalin app) {
        app.get("/api/outbox", this::outbox);
        app.post("/api/outbox/{id}/requeue", this::requeue);
    }

    private void requeue(Context ctx) {
        if (!authorized(ctx)) {
            return;
        }
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            ctx.status(400).json(Map.of("error", "the outbox id must be a number"));
            return;
        }
        java.time.Instant now = java.time.Instant.now();
        Boolean requeued = store.db().inTransaction(c -> store.outbox().byId(c, id).isEmpty() ? null
                : store.outbox().requeueDead(c, id, now));
        if (requeued == null) {
            ctx.status(404).json(Map.of("error", "no outbox row " + id));
        } else if (!requeued) {
            ctx.status(409).json(Map.of("error", "outbox row " + id + " is not dead; only dead rows are requeued"));
        } else {
            org.slf4j.LoggerFactory.getLogger(OpsApi.class).info("outbox {} requeued by an operator", id);
            wakeOutbox.run();
            ctx.json(Map.of("requeued", id));
        }
    }

    /** True for a supervisor (token or session); answers 401 (nobody) or 403 (not a supervisor) otherwise. */
    private boolean authorized(Context ctx) {
        try {
            auth.require(ctx, Role.SUPERVISOR);
            return true;
        } catch (ApiError e) {
            ctx.status(e.status()).json(Map.of("error", e.getMessage()));
            return false;
        }
    }

    private void outbox(Context ctx) {
        if (!authorized(ctx)) {
            return;
        }
        String statusParam = ctx.queryParamAsClass("status", String.class).getOrDefault("dead");
        Outbox.Status status;
        try {
            status = Outbox.Status.valueOf(statusParam.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", "status must be one of pending, sending, sent, claimed, dead"));
            return;
        }
        List<Outbox.Row> rows = store.db().withConnection(c -> store.outbox().byStatus(c, status, 200));
        ctx.json(Map.of("items", rows.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("conversationId", r.conversationId());
            m.put("channel", r.channel().key());
            m.put("status", r.status().name().toLowerCase(Locale.ROOT));
            m.put("attempts", r.attempts());
            m.put("lastError", r.lastError());
            m.put("text", engine.text(r));
            m.put("createdAt", r.createdAt().toString());
            return m;
        }).toList()));
    }
}
