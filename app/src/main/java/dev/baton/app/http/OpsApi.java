package dev.baton.app.http;

import dev.baton.inbox.http.ApiError;
import dev.baton.inbox.http.InboxAuth;
import dev.baton.inbox.auth.Role;
import dev.baton.core.engine.Engine;
import dev.baton.core.store.Outbox;
import dev.baton.core.store.Store;
import io.javalin.Javalin;
import io.javalin.http.Context;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Operator endpoints for supervisors: the shared integration token ({@code Authorization: Bearer <inbox.api-token>}),
 * a supervisor's own API token ({@code bt_…}) or a supervisor's signed-in session; an agent's token gets 403.
 * Refusals are {@link ApiError}s, answered by the inbox API's handler like every other {@code /api} route.
 * {@code GET /api/outbox?status=dead} lists replies that could not be delivered, with the platform's reason;
 * {@code POST /api/outbox/{id}/requeue} sends a DEAD one again, with a fresh set of attempts (404 unknown id, 409 not
 * DEAD). {@code POST /api/ops/drain} makes this instance stop claiming new work (its running turns and sends
 * finish; with several instances the others take the rest) and fail its readiness probe, for a planned stop.
 */
public final class OpsApi implements Consumer<Javalin> {

    private static final Logger log = LoggerFactory.getLogger(OpsApi.class);

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
        app.post("/api/ops/drain", this::drain);
    }

    private void drain(Context ctx) {
        auth.require(ctx, Role.SUPERVISOR);
        engine.drain();
        log.info("draining: asked by an operator; this instance claims no new work");
        ctx.json(Map.of("draining", true));
    }

    private void requeue(Context ctx) {
        auth.require(ctx, Role.SUPERVISOR);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("the outbox id must be a number");
        }
        Instant now = Instant.now();
        if (!store.db().inTransaction(c -> store.outbox().requeueDead(c, id, now))) {
            boolean exists = store.db().withConnection(c -> store.outbox().byId(c, id)).isPresent();
            throw exists ? new ApiError(409, "outbox row " + id + " is not dead; only dead rows are requeued")
                    : new ApiError(404, "no outbox row " + id);
        }
        log.info("outbox {} requeued by an operator", id);
        wakeOutbox.run();
        ctx.json(Map.of("requeued", id));
    }

    private void outbox(Context ctx) {
        auth.require(ctx, Role.SUPERVISOR);
        String statusParam = ctx.queryParamAsClass("status", String.class).getOrDefault("dead");
        Outbox.Status status;
        try {
            status = Outbox.Status.valueOf(statusParam.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("status must be one of pending, sending, sent, claimed, dead, waiting");
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
