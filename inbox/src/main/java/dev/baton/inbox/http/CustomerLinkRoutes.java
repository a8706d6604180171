package dev.baton.inbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.desk.CustomerLinks;
import dev.baton.inbox.desk.PersonViews;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.function.Consumer;

/**
 * Customers recognised across channels: the person behind a conversation, and linking identities to it.
 * <pre>
 * GET    /api/conversations/{id}/person                 identities, the history of all their conversations, the audit
 * GET    /api/conversations/{id}/links/search?q=        customers by name, phone number or id, to link
 * POST   /api/conversations/{id}/links {customerId} or {channel, id}   link (a supervisor, or the agent holding it)
 * DELETE /api/conversations/{id}/links/{customerId}     unlink that identity (same rule)
 * </pre>
 * Linking and unlinking answer {@code {changed, person}}; both are idempotent.
 */
public final class CustomerLinkRoutes implements Consumer<Javalin> {

    /** What a link or unlink answers: whether it changed anything, and the person now. */
    public record Result(boolean changed, PersonViews.Person person) {
    }

    private final InboxAuth auth;
    private final CustomerLinks links;
    private final PersonViews people;
    private final ObjectMapper json;

    public CustomerLinkRoutes(InboxAuth auth, CustomerLinks links, PersonViews people, ObjectMapper json) {
        this.auth = auth;
        this.links = links;
        this.people = people;
        this.json = json;
    }

    @Override
    public void accept(Javalin app) {
        app.get("/api/conversations/{id}/person", this::person);
        app.get("/api/conversations/{id}/links/search", this::search);
        app.post("/api/conversations/{id}/links", this::link);
        app.delete("/api/conversations/{id}/links/{customerId}", this::unlink);
    }

    private void person(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        ctx.json(people.person(p, Requests.id(ctx)));
    }

    private void search(Context ctx) {
        auth.require(ctx, Role.AGENT);
        ctx.json(people.search(Requests.id(ctx), ctx.queryParam("q")));
    }

    private void link(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        long id = Requests.id(ctx);
        JsonNode body = Requests.body(json, ctx);
        CustomerLinks.Changed changed;
        if (body.has("customerId")) {
            if (!body.get("customerId").canConvertToLong() || !body.get("customerId").isIntegralNumber()) {
                throw ApiError.badRequest("customerId must be a number");
            }
            changed = links.link(p, id, body.get("customerId").asLong());
        } else if (body.has("channel") || body.has("id")) {
            changed = links.link(p, id, Requests.required(body, "channel"), Requests.required(body, "id"));
        } else {
            throw ApiError.badRequest("give customerId, or channel and id, e.g. {\"channel\":\"whatsapp\","
                    + "\"id\":\"8613800000000\"}");
        }
        ctx.json(new Result(changed.changed(), people.person(p, id)));
    }

    private void unlink(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        long id = Requests.id(ctx);
        long customerId;
        try {
            customerId = Long.parseLong(ctx.pathParam("customerId"));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("customerId must be a number");
        }
        CustomerLinks.Changed changed = links.unlink(p, id, customerId);
        ctx.json(new Result(changed.changed(), people.person(p, id)));
    }
}
