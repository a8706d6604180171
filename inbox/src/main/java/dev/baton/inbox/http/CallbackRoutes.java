package dev.baton.inbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.desk.CallbackDesk;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Callbacks (回电/留言): messages customers left to be called back.
 * <pre>
 * GET  /api/callbacks?status=open|done             open ones by promised time (overdue marked), or done in 7 days
 * GET  /api/conversations/{id}/callbacks           a conversation's callbacks, open and done
 * POST /api/callbacks/{id}/close {outcome, note}   outcome reached | unreachable; 409 when already closed
 * </pre>
 * Agents see and close the callbacks of their groups; supervisors all.
 */
public final class CallbackRoutes implements Consumer<Javalin> {

    private final InboxAuth auth;
    private final CallbackDesk callbacks;
    private final ObjectMapper json;

    public CallbackRoutes(InboxAuth auth, CallbackDesk callbacks, ObjectMapper json) {
        this.auth = auth;
        this.callbacks = callbacks;
        this.json = json;
    }

    @Override
    public void accept(Javalin app) {
        app.get("/api/callbacks", this::list);
        app.get("/api/conversations/{id}/callbacks", this::forConversation);
        app.post("/api/callbacks/{id}/close", this::close);
    }

    private void list(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        String status = Optional.ofNullable(ctx.queryParam("status")).orElse("open").strip().toLowerCase(Locale.ROOT);
        CallbackDesk.Listing listing = switch (status) {
            case "open" -> CallbackDesk.Listing.OPEN;
            case "done" -> CallbackDesk.Listing.DONE;
            default -> throw ApiError.badRequest("status must be open or done");
        };
        ctx.json(new Items<>(callbacks.list(p, listing)));
    }

    private void forConversation(Context ctx) {
        auth.require(ctx, Role.AGENT);
        ctx.json(new Items<>(callbacks.forConversation(Requests.id(ctx))));
    }

    private void close(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        long id = Requests.id(ctx);
        JsonNode body = Requests.body(json, ctx);
        ctx.json(callbacks.close(p, id, Requests.optional(body, "outcome"), Requests.optional(body, "note")));
    }
}
