package dev.baton.inbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.inbox.assist.KnowledgeGaps;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.function.Consumer;

/**
 * Knowledge gaps, for supervisors:
 * <pre>
 * GET  /api/knowledge-gaps?days=30&amp;sort=volume|handoff-rate   the questions the knowledge lacked, grouped and ranked
 * POST /api/knowledge-gaps/{id}/draft {question?, answer?, days?}  201: a knowledge draft from the gap
 * </pre>
 */
public final class KnowledgeGapRoutes implements Consumer<Javalin> {

    private final InboxAuth auth;
    private final KnowledgeGaps gaps;
    private final ObjectMapper json;

    public KnowledgeGapRoutes(InboxAuth auth, KnowledgeGaps gaps, ObjectMapper json) {
        this.auth = auth;
        this.gaps = gaps;
        this.json = json;
    }

    @Override
    public void accept(Javalin app) {
        app.get("/api/knowledge-gaps", this::report);
        app.post("/api/knowledge-gaps/{id}/draft", this::draft);
    }

    private void report(Context ctx) {
        auth.require(ctx, Role.SUPERVISOR);
        KnowledgeGaps.Sort sort = KnowledgeGaps.Sort.of(ctx.queryParam("sort"))
                .orElseThrow(() -> ApiError.badRequest("sort must be volume or handoff-rate"));
        ctx.json(gaps.report(days(ctx.queryParam("days")), sort));
    }

    private void draft(Context ctx) {
        Principal p = auth.require(ctx, Role.SUPERVISOR);
        long id = Requests.id(ctx);
        JsonNode body = Requests.body(json, ctx);
        JsonNode d = body.get("days");
        int days = d == null || d.isNull() ? KnowledgeGaps.DEFAULT_DAYS : d.canConvertToInt() && d.isIntegralNumber()
                ? d.asInt() : days(d.asText());
        ctx.status(201).json(gaps.draft(p, id, days, Requests.optional(body, "question"),
                Requests.optional(body, "answer")));
    }

    private static int days(String value) {
        if (value == null || value.isBlank()) {
            return KnowledgeGaps.DEFAULT_DAYS;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("days must be a number");
        }
    }
}
