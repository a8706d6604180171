package dev.baton.inbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.desk.CustomerProfiles;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The customer panel's edit:
 * <pre>
 * POST /api/conversations/{id}/customer {tier?, tags?}   a supervisor, or the agent holding the conversation
 * </pre>
 * A field left out keeps its value; {@code "tier": null} or {@code ""} clears the tier.
 */
public final class CustomerRoutes implements Consumer<Javalin> {

    private final InboxAuth auth;
    private final CustomerProfiles profiles;
    private final ObjectMapper json;

    public CustomerRoutes(InboxAuth auth, CustomerProfiles profiles, ObjectMapper json) {
        this.auth = auth;
        this.profiles = profiles;
        this.json = json;
    }

    @Override
    public void accept(Javalin app) {
        app.post("/api/conversations/{id}/customer", this::edit);
    }

    private void edit(Context ctx) {
        Principal p = auth.require(ctx, Role.AGENT);
        long id = Requests.id(ctx);
        JsonNode body = Requests.body(json, ctx);
        Optional<String> tier = Optional.empty();
        if (body.has("tier")) {
            JsonNode t = body.get("tier");
            if (!t.isNull() && !t.isTextual()) {
                throw ApiError.badRequest("tier must be a string (or null to clear it)");
            }
            tier = Optional.of(t.isNull() ? "" : t.asText());
        }
        Optional<List<String>> tags = Optional.empty();
        if (body.has("tags")) {
            JsonNode t = body.get("tags");
            if (!t.isArray()) {
                throw ApiError.badRequest("tags must be an array of strings");
            }
            List<String> list = new ArrayList<>();
            for (JsonNode x : t) {
                if (!x.isTextual()) {
                    throw ApiError.badRequest("tags must be an array of strings");
                }
                list.add(x.asText());
            }
            tags = Optional.of(list);
        }
        ctx.json(profiles.edit(p, id, tier, tags));
    }
}
