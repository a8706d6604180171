package dev.baton.inbox.http;

import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.desk.TypingNotices;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.function.Consumer;

/**
 * The reply box's typing notice:
 * <pre>
 * POST /api/conversations/{id}/typing   {sent}: shown to the customer when their channel can (the web widget)
 * </pre>
 */
public final class TypingRoutes implements Consumer<Javalin> {

    private final InboxAuth auth;
    private final TypingNotices typing;

    public TypingRoutes(InboxAuth auth, TypingNotices typing) {
        this.auth = auth;
        this.typing = typing;
    }

    @Override
    public void accept(Javalin app) {
        app.post("/api/conversations/{id}/typing", this::typing);
    }

    private void typing(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        ctx.json(typing.typing(p, Requests.id(ctx)));
    }
}
