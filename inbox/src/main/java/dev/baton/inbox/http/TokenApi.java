package dev.baton.inbox.http;

import dev.baton.inbox.auth.ApiTokens;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.auth.AgentDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Per-agent API tokens over REST:
 * <pre>
 * GET    /api/tokens[?agent=name]      your tokens (a supervisor: everyone's, or one agent's)
 * POST   /api/tokens {name, agent?}    create; the token is in the answer, once. For another agent: supervisor
 * DELETE /api/tokens/{id}              revoke (yours; a supervisor: anyone's); also POST /api/tokens/{id}/revoke
 * </pre>
 * Creating a token needs a signed-in session or the integration token, not another agent token, so a leaked agent
 * token cannot mint replacements for itself. Secrets are never logged.
 */
public final class TokenApi implements Consumer<Javalin> {

    private static final Logger log = LoggerFactory.getLogger(TokenApi.class);

    private final InboxAuth auth;
    private final AgentDirectory agents;
    private final ObjectMapper json;

    public TokenApi(InboxAuth auth, AgentDirectory agents, ObjectMapper json) {
        this.auth = auth;
        this.agents = agents;
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
        String agent = ctx.queryParam("agent");
        if (!p.role().atLeast(Role.SUPERVISOR)) {
            if (agent != null && !agent.equals(p.name())) {
                throw ApiError.forbidden("listing another agent's tokens needs the supervisor role");
            }
            agent = p.name();
        }
        ctx.json(Map.of("items", auth.tokens().list(agent == null || agent.isBlank() ? null : agent).stream()
                .map(TokenApi::view).toList()));
    }

    private void create(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        if (p.viaToken() && !p.integration()) {
            throw ApiError.forbidden("create tokens from a signed-in session (or with the integration token), "
                    + "not with another agent token");
        }
        JsonNode body = body(ctx);
        String name = body.path("name").asText("").strip();
        if (name.isEmpty() || name.length() > 64) {
            throw ApiError.badRequest("name is required (1 to 64 characters), e.g. \"helpdesk-sync\"");
        }
        String agent = body.path("agent").asText("").strip();
        if (agent.isEmpty()) {
            agent = p.name();
        }
        if (!agent.equals(p.name()) && !p.role().atLeast(Role.SUPERVISOR)) {
            throw ApiError.forbidden("creating a token for another agent needs the supervisor role");
        }
        if (agents.find(agent).isEmpty()) {
            throw ApiError.badRequest("unknown agent " + agent + "; tokens belong to agents in inbox.agents");
        }
        ApiTokens.Created created = auth.tokens().create(agent, name, p.name());
        log.info("inbox API token {} created for {} by {}", created.token().id(), agent, p.name());
        Map<String, Object> m = view(created.token());
        m.put("token", created.secret());
        ctx.status(201).json(m);
    }

    private void revoke(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("id must be a number");
        }
        ApiTokens.Token t = auth.tokens().byId(id).orElseThrow(() -> new ApiError(404, "no token " + id));
        if (!t.agent().equals(p.name()) && !p.role().atLeast(Role.SUPERVISOR)) {
            throw new ApiError(404, "no token " + id);
        }
        boolean now = auth.tokens().revoke(id);
        if (now) {
            log.info("inbox API token {} of {} revoked by {}", id, t.agent(), p.name());
        }
        ctx.json(Map.of("id", id, "revoked", true));
    }

    static Map<String, Object> view(ApiTokens.Token t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("agent", t.agent());
        m.put("name", t.name());
        m.put("prefix", t.prefix());
        m.put("createdBy", t.createdBy());
        m.put("createdAt", t.createdAt().toString());
        m.put("lastUsedAt", t.lastUsedAt() == null ? null : t.lastUsedAt().toString());
        m.put("revokedAt", t.revokedAt() == null ? null : t.revokedAt().toString());
        return m;
    }

    private JsonNode body(Context ctx) {
        return InboxApi.jsonObject(json, ctx);
    }
}
