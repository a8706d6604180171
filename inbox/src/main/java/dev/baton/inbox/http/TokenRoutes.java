package dev.baton.inbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.desk.AgentTokens;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.function.Consumer;

/**
 * Per-agent API tokens over REST ({@link AgentTokens} holds the rules):
 * <pre>
 * GET    /api/tokens[?agent=name]      your tokens (a supervisor: everyone's, or one agent's)
 * POST   /api/tokens {name, agent?}    201; the token is in the answer, once. For another agent: supervisor
 * DELETE /api/tokens/{id}              revoke (yours; a supervisor: anyone's); also POST /api/tokens/{id}/revoke
 * </pre>
 */
public final class TokenRoutes implements Consumer<Javalin> {

    private final InboxAuth auth;
    private final AgentTokens tokens;
    private final ObjectMapper json;

    public TokenRoutes(InboxAuth auth, AgentTokens tokens, ObjectMapper json) {
        this.auth = auth;
        this.tokens = tokens;
        this.json = json;
    }

    @Override
    public void accept(Javalin app) {
        app.get("/api/tokens", this::list);
        app.post("/api/tokens", this::create);
        app.delete("/api/tokens/{id}", this::revoke);
        app.post("/api/tokens/{id}/revoke", this::revoke);
    }

    private void list(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        ctx.json(new Items<>(tokens.list(p, ctx.queryParam("agent"))));
    }

    private void create(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        JsonNode body = Requests.body(json, ctx);
        ctx.status(201).json(tokens.create(p, Requests.optional(body, "name"), Requests.optional(body, "agent")));
    }

    private void revoke(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        ctx.json(tokens.revoke(p, Requests.id(ctx)));
    }
}
