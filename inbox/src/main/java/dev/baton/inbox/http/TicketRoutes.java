package dev.baton.inbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.desk.TicketDesk;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.function.Consumer;

/**
 * Taking and moving tickets ({@link TicketDesk} holds the rules):
 * <pre>
 * POST /api/tickets/{id}/claim                   take it
 * POST /api/tickets/{id}/assign   {agent}        supervisor: give it to an agent
 * POST /api/tickets/{id}/transfer {group|agent}  to a group's queue; to another agent needs supervisor; to oneself
 *                                                is a claim (same rules, same answers)
 * </pre>
 */
public final class TicketRoutes implements Consumer<Javalin> {

    private final InboxAuth auth;
    private final TicketDesk desk;
    private final ObjectMapper json;

    public TicketRoutes(InboxAuth auth, TicketDesk desk, ObjectMapper json) {
        this.auth = auth;
        this.desk = desk;
        this.json = json;
    }

    @Override
    public void accept(Javalin app) {
        app.post("/api/tickets/{id}/claim", this::claim);
        app.post("/api/tickets/{id}/assign", this::assign);
        app.post("/api/tickets/{id}/transfer", this::transfer);
    }

    private void claim(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        ctx.json(desk.claim(p, Requests.id(ctx)));
    }

    private void assign(Context ctx) {
        Principal p = auth.require(ctx, Role.SUPERVISOR);
        long ticketId = Requests.id(ctx);
        ctx.json(desk.assign(p, ticketId, Requests.required(Requests.body(json, ctx), "agent")));
    }

    private void transfer(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        long ticketId = Requests.id(ctx);
        JsonNode body = Requests.body(json, ctx);
        ctx.json(desk.transfer(p, ticketId, new TicketDesk.Transfer(Requests.optional(body, "agent"),
                Requests.optional(body, "group"))));
    }
}
