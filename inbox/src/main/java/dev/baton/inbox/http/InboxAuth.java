package dev.baton.inbox.http;

import dev.baton.inbox.auth.AgentDirectory;
import dev.baton.inbox.auth.ApiTokens;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.auth.Sessions;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who is calling and whether they may: a session cookie ({@value #COOKIE}, HttpOnly, SameSite=Strict) with a CSRF
 * token in {@value #CSRF_HEADER} on every state-changing request; an agent's own API token
 * ({@code Authorization: Bearer bt_…}), which acts as that agent with their current role; or the shared
 * {@code inbox.api-token} for integrations, which act as a supervisor under the name in {@value #AGENT_HEADER}.
 * Sessions and agent tokens of someone no longer in {@code inbox.agents} stop working.
 */
public final class InboxAuth {

    public static final String COOKIE = "baton_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String AGENT_HEADER = "X-Baton-Agent";

    private final Sessions sessions;
    private final ApiTokens tokens;
    private final AgentDirectory agents;
    private final String apiToken;

    public InboxAuth(Sessions sessions, ApiTokens tokens, AgentDirectory agents, String apiToken) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.agents = agents;
        this.apiToken = apiToken;
    }

    public ApiTokens tokens() {
        return tokens;
    }

    public Sessions sessions() {
        return sessions;
    }

    /** The caller, if signed in or holding a valid token. Does not check CSRF. */
    public Optional<Principal> principal(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.startsWith("Bearer ")) {
            String sent = header.substring(7).strip();
            if (apiToken != null && !apiToken.isBlank() && constantEquals(sent, apiToken)) {
                String agent = ctx.header(AGENT_HEADER);
                return Optional.of(Principal.integration(agent == null || agent.isBlank() ? "api" : agent.strip()));
            }
            return tokens.authenticate(sent).flatMap(t -> agents.find(t.agent())
                    .map(a -> Principal.agentToken(a.name(), a.role(), t.id())));
        }
        return session(ctx).flatMap(s -> agents.find(s.agent()).map(a -> Principal.session(a.name(), a.role())));
    }

    public Optional<Sessions.Session> session(Context ctx) {
        return sessions.find(ctx.cookie(COOKIE));
    }

    /**
     * The caller with at least {@code role}; 401 when not signed in, 403 when the role is too low or a
     * session request changes state without the right CSRF token.
     */
    public Principal require(Context ctx, Role role) {
        Principal p = principal(ctx).orElseThrow(() -> new ApiError(401, "sign in at /inbox/login or send "
                + "Authorization: Bearer <token>"));
        if (!p.viaToken() && !"GET".equals(ctx.method().name())) {
            String csrf = session(ctx).map(Sessions.Session::csrf).orElse("");
            String sent = ctx.header(CSRF_HEADER);
            if (sent == null || !constantEquals(sent, csrf)) {
                throw new ApiError(403, "missing or wrong " + CSRF_HEADER + " header (reload the page)");
            }
        }
        if (!p.role().atLeast(role)) {
            throw new ApiError(403, "this needs the " + role.name().toLowerCase() + " role");
        }
        return p;
    }

    /** Sets the session cookie: HttpOnly, SameSite=Strict, Secure behind HTTPS. */
    public static void setCookie(Context ctx, String value, boolean clear) {
        boolean https = "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")) || "https".equals(ctx.scheme());
        ctx.header("Set-Cookie", COOKIE + "=" + (clear ? "" : value) + "; Path=/; HttpOnly; SameSite=Strict"
                + (https ? "; Secure" : "") + (clear ? "; Max-Age=0" : ""));
    }

    static boolean constantEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
