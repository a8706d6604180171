package dev.baton.app.inbox;

import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who is calling and whether they may: a session cookie ({@value #COOKIE}, HttpOnly, SameSite=Strict) with a CSRF
 * token in {@value #CSRF_HEADER} on every state-changing request, or the API token ({@code Authorization: Bearer})
 * for integrations, which act as a supervisor under the name in {@value #AGENT_HEADER}.
 */
public final class InboxAuth {

    public static final String COOKIE = "baton_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String AGENT_HEADER = "X-Baton-Agent";

    private final Sessions sessions;
    private final String apiToken;

    public InboxAuth(Sessions sessions, String apiToken) {
        this.sessions = sessions;
        this.apiToken = apiToken;
    }

    public Sessions sessions() {
        return sessions;
    }

    /** The caller, if signed in or holding the API token. Does not check CSRF. */
    public Optional<Principal> principal(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.startsWith("Bearer ")) {
            if (apiToken == null || apiToken.isBlank() || !constantEquals(header.substring(7), apiToken)) {
                return Optional.empty();
            }
            String agent = ctx.header(AGENT_HEADER);
            return Optional.of(new Principal(agent == null || agent.isBlank() ? "api" : agent.strip(),
                    Role.SUPERVISOR, true));
        }
        return session(ctx).map(s -> new Principal(s.agent(), s.role(), false));
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
                + "Authorization: Bearer <inbox.api-token>"));
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
