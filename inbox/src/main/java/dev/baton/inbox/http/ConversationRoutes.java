package dev.baton.inbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.desk.ConversationViews;
import dev.baton.inbox.desk.TicketDesk;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.function.Consumer;

/**
 * A conversation and what agents do in it:
 * <pre>
 * GET  /api/conversations/{id}                  the view: ticket, profile, transcript, reply window, suggestions
 * GET  /api/conversations/{id}/crm              the CRM lookup (separate, so it never blocks the view)
 * POST /api/conversations/{id}/reply   {text}   202; to a conversation the bot has: takes it over (ticket held)
 * POST /api/conversations/{id}/resolve {note, resolution: resolved|returned}
 * </pre>
 */
public final class ConversationRoutes implements Consumer<Javalin> {

    private final InboxAuth auth;
    private final ConversationViews views;
    private final TicketDesk desk;
    private final ObjectMapper json;

    public ConversationRoutes(InboxAuth auth, ConversationViews views, TicketDesk desk, ObjectMapper json) {
        this.auth = auth;
        this.views = views;
        this.desk = desk;
        this.json = json;
    }

    @Override
    public void accept(Javalin app) {
        app.get("/api/conversations/{id}", this::view);
        app.get("/api/conversations/{id}/crm", this::crm);
        app.post("/api/conversations/{id}/reply", this::reply);
        app.post("/api/conversations/{id}/resolve", this::resolve);
    }

    private void view(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        ctx.json(views.view(p, Requests.id(ctx), Requests.chosenLanguage(ctx)));
    }

    private void crm(Context ctx) {
        auth.require(ctx, Role.AGENT);
        ctx.json(views.crm(Requests.id(ctx)));
    }

    private void reply(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        long id = Requests.id(ctx);
        String text = Requests.optional(Requests.body(json, ctx), "text");
        ctx.status(202).json(desk.reply(p, id, text));
    }

    private void resolve(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        long id = Requests.id(ctx);
        JsonNode body = Requests.body(json, ctx);
        TicketDesk.Resolution resolution = TicketDesk.Resolution.of(body.path("resolution").asText("resolved"))
                .orElseThrow(() -> ApiError.badRequest("resolution must be resolved or returned"));
        ctx.json(desk.resolve(p, id, Requests.optional(body, "note"), resolution));
    }
}
