package dev.baton.inbox.http;

import dev.baton.inbox.analytics.Analytics;
import dev.baton.inbox.auth.Role;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * <pre>
 * GET /api/analytics?days=7   supervisor: handoff analytics over the last 1 to 366 days
 * </pre>
 */
public final class AnalyticsRoutes implements Consumer<Javalin> {

    private final InboxAuth auth;
    private final Analytics analytics;

    public AnalyticsRoutes(InboxAuth auth, Analytics analytics) {
        this.auth = auth;
        this.analytics = analytics;
    }

    @Override
    public void accept(Javalin app) {
        app.get("/api/analytics", this::report);
    }

    private void report(Context ctx) {
        auth.require(ctx, Role.SUPERVISOR);
        int days;
        try {
            days = Integer.parseInt(Optional.ofNullable(ctx.queryParam("days")).orElse("7"));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("days must be a number");
        }
        if (days < 1 || days > 366) {
            throw ApiError.badRequest("days must be between 1 and 366");
        }
        ctx.json(analytics.report(Duration.ofDays(days), Requests.chosenLanguage(ctx)));
    }
}
