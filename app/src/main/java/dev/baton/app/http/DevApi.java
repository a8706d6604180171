package dev.baton.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.inbox.config.TierAndTags;
import dev.baton.inbox.desk.CustomerProfiles;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.Customer;
import dev.baton.core.engine.Engine;
import dev.baton.core.store.Outbox;
import dev.baton.core.store.Store;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The dev channel over HTTP, for trying Baton without a platform account:
 * {@code POST /api/dev/messages {"customer":"…","text":"…"}} returns the replies produced for that message (waiting
 * up to the configured timeout); {@code GET /api/dev/messages?customer=…&after=ID} returns later replies (a human's,
 * for instance). {@code "human": true} instead of text presses the "talk to a human" button. An optional
 * {@code "id"} makes the message idempotent like a platform's message id: a retry with the same id is not
 * processed twice. An optional {@code "name"} is the customer's display name and an optional {@code "tier"}
 * (e.g. {@code "vip"}; {@code ""} clears it) sets the customer's tier before the message is triaged, so testers can
 * simulate a VIP.
 */
public final class DevApi implements Consumer<Javalin> {

    static final int MAX_TEXT = 4000;

    private final Engine engine;
    private final Store store;
    private final ObjectMapper json;
    private final Duration replyTimeout;
    private final CustomerProfiles profiles;
    private final Clock clock;

    public DevApi(Engine engine, Store store, ObjectMapper json, Duration replyTimeout, CustomerProfiles profiles,
                  Clock clock) {
        this.engine = engine;
        this.profiles = profiles;
        this.store = store;
        this.json = json;
        this.replyTimeout = replyTimeout;
        this.clock = clock;
    }

    @Override
    public void accept(Javalin app) {
        app.post("/api/dev/messages", this::post);
        app.get("/api/dev/messages", this::poll);
        // the customer's side in a browser tab, next to /inbox in another
        app.get("/dev/chat", ctx -> asset(ctx, "chat.html", "text/html; charset=utf-8"));
        app.get("/dev/chat.js", ctx -> asset(ctx, "chat.js", "text/javascript; charset=utf-8"));
        app.get("/dev/chat.css", ctx -> asset(ctx, "chat.css", "text/css; charset=utf-8"));
    }

    private void post(Context ctx) {
        JsonNode body;
        try {
            body = json.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            bad(ctx, "body must be JSON: {\"customer\":\"…\",\"text\":\"…\"}");
            return;
        }
        if (body == null || !body.isObject()) {
            bad(ctx, "body must be a JSON object: {\"customer\":\"…\",\"text\":\"…\"}");
            return;
        }
        String customer = body.path("customer").asText("").strip();
        String text = body.path("text").asText("");
        boolean human = body.path("human").asBoolean(false);
        if (customer.isEmpty() || customer.length() > 128) {
            bad(ctx, "customer is required (1 to 128 characters)");
            return;
        }
        if (!human && text.isBlank()) {
            bad(ctx, "text is required (or \"human\": true to press the human button)");
            return;
        }
        if (text.length() > MAX_TEXT) {
            bad(ctx, "text is longer than " + MAX_TEXT + " characters");
            return;
        }
        JsonNode nameNode = body.path("name");
        if (!nameNode.isMissingNode() && !nameNode.isNull() && !nameNode.isTextual()) {
            bad(ctx, "name must be a string");
            return;
        }
        String name = nameNode.isTextual() && !nameNode.asText().isBlank() ? nameNode.asText().strip() : null;
        if (name != null && name.length() > 128) {
            bad(ctx, "name is longer than 128 characters");
            return;
        }
        String id = body.path("id").asText("");
        if (id.length() > 128) {
            bad(ctx, "id is longer than 128 characters");
            return;
        }
        JsonNode tierNode = body.path("tier");
        if (!tierNode.isMissingNode() && !tierNode.isNull()) {
            String tier = tierNode.isTextual() ? TierAndTags.normalizeTier(tierNode.asText()) : "?";
            String problem = tierNode.isTextual() ? TierAndTags.tierProblem(tier)
                    : "tier must be a string, e.g. \"vip\" (\"\" clears it)";
            if (problem != null) {
                bad(ctx, problem);
                return;
            }
            setTier(customer, name, tier);
        }
        InboundContent content = human ? new InboundContent.ButtonTap("baton_human", "Talk to a human", true)
                : new InboundContent.Text(text);
        InboundMessage msg = new InboundMessage(Channel.DEV,
                "dev-" + (id.isBlank() ? UUID.randomUUID().toString() : customer + "-" + id), customer, name, null,
                clock.instant(), content);
        InboundSink.Receipt receipt = engine.accept(List.of(msg)).get(0);
        List<Outbox.Row> replies = engine.repliesFor(receipt.inboundId(), replyTimeout);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("inboundId", receipt.inboundId());
        out.put("complete", !replies.isEmpty() || engine.awaitProcessed(receipt.inboundId(), Duration.ZERO));
        out.put("replies", replies.stream().map(this::reply).toList());
        conversation(customer).ifPresent(c -> {
            out.put("conversationId", c.id());
            out.put("state", c.state().name());
        });
        ctx.json(out);
    }

    /** Creates the customer if new and sets their tier, so this very message is triaged with it. */
    private void setTier(String customer, String name, String tier) {
        long customerId = store.db().inTransaction(c -> store.customers().upsert(c, Channel.DEV, customer, name,
                clock.instant()).id());
        Long conversationId = store.db().withConnection(c -> store.conversations().byCustomer(c, customerId))
                .map(Conversation::id).orElse(null);
        profiles.set(customerId, conversationId, Optional.of(tier == null ? "" : tier), Optional.empty(), "dev-api",
                "POST /api/dev/messages");
    }

    private void poll(Context ctx) {
        String customer = Optional.ofNullable(ctx.queryParam("customer")).orElse("").strip();
        if (customer.isEmpty()) {
            bad(ctx, "query parameter customer is required");
            return;
        }
        long after;
        try {
            after = Long.parseLong(Optional.ofNullable(ctx.queryParam("after")).orElse("0"));
        } catch (NumberFormatException e) {
            bad(ctx, "after must be a number (the last reply id you saw)");
            return;
        }
        List<Outbox.Row> rows = store.db().withConnection(c -> store.outbox().forCustomerAfter(c, Channel.DEV,
                customer, after));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("replies", rows.stream().map(this::reply).toList());
        conversation(customer).ifPresentOrElse(c -> out.put("state", c.state().name()), () -> out.put("state", "BOT"));
        ctx.json(out);
    }

    private Optional<Conversation> conversation(String customer) {
        return store.db().withConnection(c -> {
            Optional<Customer> cu = store.customers().find(c, Channel.DEV, customer);
            return cu.isEmpty() ? Optional.<Conversation>empty() : store.conversations().byCustomer(c, cu.get().id());
        });
    }

    private Map<String, Object> reply(Outbox.Row row) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", row.id());
        m.put("author", row.author().toLowerCase(Locale.ROOT));
        m.put("text", engine.text(row));
        return m;
    }

    private static void asset(Context ctx, String name, String contentType) throws IOException {
        try (var in = DevApi.class.getResourceAsStream("/dev/" + name)) {
            if (in == null) {
                ctx.status(404).result("missing " + name);
                return;
            }
            ctx.header("Content-Security-Policy", "default-src 'self'; style-src 'self'; script-src 'self'")
                    .header("X-Content-Type-Options", "nosniff")
                    .contentType(contentType).result(in.readAllBytes());
        }
    }

    private static void bad(Context ctx, String why) {
        ctx.status(400).json(Map.of("error", why));
    }
}
