package dev.baton.inbox.http;

import dev.baton.inbox.auth.Role;
import dev.baton.inbox.desk.QueueViews;
import io.javalin.Javalin;

import java.util.function.Consumer;

/**
 * The queue and the team, for agents:
 * <pre>
 * GET /api/queue   active tickets, priority first, with reasons, wait and (open ones) position
 * GET /api/team    agents (load, capacity) and groups (open now? how many queued)
 * </pre>
 */
public final class QueueRoutes implements Consumer<Javalin> {

    private final InboxAuth auth;
    private final QueueViews views;

    public QueueRoutes(InboxAuth auth, QueueViews views) {
        this.auth = auth;
        this.views = views;
    }

    @Override
    public void accept(Javalin app) {
        app.get("/api/queue", ctx -> {
            auth.require(ctx, Role.AGENT);
            ctx.json(views.queue(Requests.chosenLanguage(ctx)));
        });
        app.get("/api/team", ctx -> {
            auth.require(ctx, Role.AGENT);
            ctx.json(views.team());
        });
    }
}
