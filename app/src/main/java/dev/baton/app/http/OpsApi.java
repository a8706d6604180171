package dev.baton.app.http;

import dev.baton.core.conversation.Engine;
import dev.baton.core.store.Outbox;
import dev.baton.core.store.Store;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Operator endpoints behind the API token ({@code Authorization: Bearer <inbox.api-token>}):
 * {@code GET /api/outbox?status=dead} lists replies that could not be delivered, with the platform's reason.
 */
public final class OpsApi implements Consumer<Javalin> {

    private final Store store;
    private final Engine engine;
    private final String apiToken;

    public OpsApi(Store store, Engine engine, String apiToken) {
        this.store = store;
        this.engine = engine;
        this.apiToken = apiToken;
    }

    @Override
    public void accept(Javalin app) {
        app.get("/api/outbox", this::outbox);
    }

    /** True when the request carries the configured API token (constant-time compare); answers 401 otherwise. */
    public static boolean authorized(Context ctx, String apiToken) {
        String header = ctx.header("Authorization");
        if (apiToken == null || apiToken.isBlank()) {
            ctx.status(401).json(Map.of("error", "the API is off: set inbox.api-token in baton.yaml"));
            return false;
        }
        String expected = "Bearer " + apiToken;
        if (header == null || !MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            ctx.status(401).json(Map.of("error", "missing or wrong API token"));
            return false;
        }
        return true;
    }

    private void outbox(Context ctx) {
        if (!authorized(ctx, apiToken)) {
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
