package dev.baton.inbox.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.desk.ConversationNotes;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.function.Consumer;

/**
 * Internal notes (内部备注) on a conversation, for agents only:
 * <pre>
 * GET  /api/conversations/{id}/notes          the notes, oldest first
 * POST /api/conversations/{id}/notes {text}   201; never sent to the customer
 * </pre>
 */
public final class NoteRoutes implements Consumer<Javalin> {

    private final InboxAuth auth;
    private final ConversationNotes notes;
    private final ObjectMapper json;

    public NoteRoutes(InboxAuth auth, ConversationNotes notes, ObjectMapper json) {
        this.auth = auth;
        this.notes = notes;
        this.json = json;
    }

    @Override
    public void accept(Javalin app) {
        app.get("/api/conversations/{id}/notes", this::list);
        app.post("/api/conversations/{id}/notes", this::add);
    }

    private void list(Context ctx) {
        auth.require(ctx, Role.AGENT);
        ctx.json(new Items<>(notes.list(Requests.id(ctx))));
    }

    private void add(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        long id = Requests.id(ctx);
        ctx.status(201).json(notes.add(p, id, Requests.optional(Requests.body(json, ctx), "text")));
    }
}
