package dev.baton.inbox.http;

import dev.baton.inbox.assist.Copilot;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.function.Consumer;

/**
 * The agent's copilot:
 * <pre>
 * GET /api/conversations/{id}/copilot   agent: reply drafts for the conversation's issue, each with its citations
 * </pre>
 * Separate from the conversation view, so that a slow model never holds the view up. Nothing is sent from here: the
 * agent puts a draft in the reply box and sends it as any reply.
 */
public final class CopilotRoutes implements Consumer<Javalin> {

    private final InboxAuth auth;
    private final Copilot copilot;
    private final String deskLanguage;

    public CopilotRoutes(InboxAuth auth, Copilot copilot, String deskLanguage) {
        this.auth = auth;
        this.copilot = copilot;
        this.deskLanguage = deskLanguage;
    }

    @Override
    public void accept(Javalin app) {
        app.get("/api/conversations/{id}/copilot", this::suggest);
    }

    private void suggest(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        ctx.json(copilot.suggest(p, Requests.id(ctx), Requests.language(ctx, deskLanguage)));
    }
}
