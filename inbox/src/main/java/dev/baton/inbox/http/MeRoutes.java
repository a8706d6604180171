package dev.baton.inbox.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.live.LiveEvents;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * The caller and their live feed:
 * <pre>
 * GET /api/me       who am I: name, role, how signed in (+ the CSRF token for a session, the token id for a token),
 *                   and the desk's language
 * GET /api/events   SSE: change events for open pages
 * </pre>
 */
public final class MeRoutes implements Consumer<Javalin> {

    /**
     * The caller.
     *
     * @param via     {@code session}, {@code agent-token} or {@code integration-token}
     * @param tokenId the agent token used (absent otherwise)
     * @param csrf     the session's CSRF token, to send with every change (absent for tokens)
     * @param language     the caller's language ({@code zh} or {@code en}): their choice, else the desk's; of the
     *                     pages and the labels
     * @param deskLanguage the desk's language, in which the handoff summaries are written
     */
    public record Me(String name, String role, String via,
                     @JsonInclude(JsonInclude.Include.NON_NULL) Long tokenId,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String csrf, String language,
                     String deskLanguage) {
    }

    private final InboxAuth auth;
    private final LiveEvents live;
    private final String language;

    public MeRoutes(InboxAuth auth, LiveEvents live, String language) {
        this.auth = auth;
        this.live = live;
        this.language = language;
    }

    @Override
    public void accept(Javalin app) {
        app.get("/api/me", this::me);
        app.before("/api/events", ctx -> auth.require(ctx, Role.AGENT));
        app.sse("/api/events", live::connect);
    }

    private void me(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        String csrf = p.viaToken() ? null : auth.session(ctx).map(s -> s.csrf()).orElse(null);
        ctx.json(new Me(p.name(), p.role().name().toLowerCase(Locale.ROOT), p.via(), p.tokenId(), csrf,
                Requests.language(ctx, language), language));
    }
}
