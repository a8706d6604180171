package dev.baton.inbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.desk.CannedReplies;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.function.Consumer;

/**
 * Canned replies (快捷回复):
 * <pre>
 * GET    /api/canned-replies?q=&amp;conversation=   the team's and the caller's own; filled for the conversation if given
 * POST   /api/canned-replies {scope, shortcut, zh?, en?}   201; scope team needs a supervisor
 * PUT    /api/canned-replies/{id} {shortcut?, zh?, en?}    a team one: a supervisor; a personal one: its owner
 * DELETE /api/canned-replies/{id}                          204, same rule
 * </pre>
 */
public final class CannedReplyRoutes implements Consumer<Javalin> {

    private final InboxAuth auth;
    private final CannedReplies replies;
    private final ObjectMapper json;

    public CannedReplyRoutes(InboxAuth auth, CannedReplies replies, ObjectMapper json) {
        this.auth = auth;
        this.replies = replies;
        this.json = json;
    }

    @Override
    public void accept(Javalin app) {
        app.get("/api/canned-replies", this::list);
        app.post("/api/canned-replies", this::create);
        app.put("/api/canned-replies/{id}", this::update);
        app.delete("/api/canned-replies/{id}", this::delete);
    }

    private void list(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        String conv = ctx.queryParam("conversation");
        Long conversation = null;
        if (conv != null && !conv.isBlank()) {
            try {
                conversation = Long.parseLong(conv.strip());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("conversation must be a number");
            }
        }
        ctx.json(new Items<>(replies.list(p, ctx.queryParam("q"), conversation)));
    }

    private void create(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        JsonNode body = Requests.body(json, ctx);
        ctx.status(201).json(replies.create(p, CannedReplies.scope(body.path("scope").asText("personal")),
                draft(body)));
    }

    private void update(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        long id = Requests.id(ctx);
        ctx.json(replies.update(p, id, draft(Requests.body(json, ctx))));
    }

    private void delete(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        replies.delete(p, Requests.id(ctx));
        ctx.status(204);
    }

    private static CannedReplies.Draft draft(JsonNode body) {
        return new CannedReplies.Draft(text(body, "shortcut"), text(body, "zh"), text(body, "en"));
    }

    /** A text field, or null when absent (an update keeps it); a non-text value is refused. */
    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiError.badRequest(field + " must be a string");
        }
        return n.asText();
    }
}
