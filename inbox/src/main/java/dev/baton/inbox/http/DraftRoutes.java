package dev.baton.inbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.knowledge.KnowledgeDrafts;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.function.Consumer;

/**
 * "Save as knowledge":
 * <pre>
 * POST   /api/conversations/{id}/knowledge-drafts {question, answer}   201 {name}
 * GET    /api/drafts                                                   the drafts
 * POST   /api/drafts/{name}/approve                                    supervisor: into the knowledge folder
 * POST   /api/drafts/{name}/discard, DELETE /api/drafts/{name}         supervisor
 * </pre>
 */
public final class DraftRoutes implements Consumer<Javalin> {

    /** A draft saved under {@code name}. */
    record Saved(String name) {
    }

    /** A draft approved: its file in the knowledge folder. */
    record Approved(String approved) {
    }

    /** A draft discarded. */
    record Discarded(String discarded) {
    }

    private final InboxAuth auth;
    private final KnowledgeDrafts drafts;
    private final ObjectMapper json;

    public DraftRoutes(InboxAuth auth, KnowledgeDrafts drafts, ObjectMapper json) {
        this.auth = auth;
        this.drafts = drafts;
        this.json = json;
    }

    @Override
    public void accept(Javalin app) {
        app.post("/api/conversations/{id}/knowledge-drafts", this::save);
        app.get("/api/drafts", this::list);
        app.post("/api/drafts/{name}/approve", this::approve);
        app.post("/api/drafts/{name}/discard", this::discard);
        app.delete("/api/drafts/{name}", this::discard);
    }

    private void save(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        long id = Requests.id(ctx);
        JsonNode body = Requests.body(json, ctx);
        String name = drafts.save(body.path("question").asText(""), body.path("answer").asText(""), id, p.name());
        ctx.status(201).json(new Saved(name));
    }

    private void list(Context ctx) {
        auth.require(ctx, Role.AGENT);
        ctx.json(new Items<>(drafts.list()));
    }

    private void approve(Context ctx) {
        Principal p = auth.require(ctx, Role.SUPERVISOR);
        ctx.json(new Approved(drafts.approve(ctx.pathParam("name"), p.name())));
    }

    private void discard(Context ctx) {
        auth.require(ctx, Role.SUPERVISOR);
        drafts.discard(ctx.pathParam("name"));
        ctx.json(new Discarded(ctx.pathParam("name")));
    }
}
