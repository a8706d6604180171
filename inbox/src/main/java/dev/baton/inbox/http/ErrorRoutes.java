package dev.baton.inbox.http;

import dev.baton.core.handoff.HumanDesk;
import dev.baton.inbox.desk.Refusal;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.function.Consumer;

/**
 * How every {@code /api} route answers a refusal: its status and {@code {"error": message}}. {@link ApiError}s
 * carry their status; the desk's {@link Refusal}s map by kind (invalid 400, forbidden 403, not found 404, conflict
 * 409); the engine's {@link HumanDesk.Refused} is 404 or 409.
 */
public final class ErrorRoutes implements Consumer<Javalin> {

    /** The error body. */
    record Error(String error) {
    }

    @Override
    public void accept(Javalin app) {
        app.exception(ApiError.class, (e, ctx) -> answer(ctx, e.status(), e.getMessage()));
        app.exception(Refusal.class, (e, ctx) -> answer(ctx, status(e.kind()), e.getMessage()));
        app.exception(HumanDesk.Refused.class, (e, ctx) -> answer(ctx, e.notFound() ? 404 : 409, e.getMessage()));
    }

    static int status(Refusal.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
        };
    }

    private static void answer(Context ctx, int status, String message) {
        ctx.status(status).json(new Error(message));
    }
}
