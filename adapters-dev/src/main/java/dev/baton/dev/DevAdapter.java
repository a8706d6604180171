package dev.baton.dev;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.core.conversation.Customer;
import dev.baton.core.plugin.PassiveChannelAdapter;
import dev.baton.core.plugin.PassiveReplies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The dev channel over HTTP, for trying Baton without a platform account:
 * {@code POST /api/dev/messages {"customer":"…","text":"…"}} returns the replies produced for that message (waiting
 * up to the configured timeout); {@code GET /api/dev/messages?customer=…&after=ID} returns later replies (a human's,
 * for instance). {@code "human": true} instead of text presses the "talk to a human" button. An optional
 * {@code "id"} makes the message idempotent like a platform's message id: a retry with the same id is not
 * processed twice. An optional {@code "name"} is the customer's display name and an optional {@code "tier"}
 * (e.g. {@code "vip"}; {@code ""} clears it) sets the customer's tier before the message is triaged, so testers can
 * simulate a VIP. {@code GET /dev/chat} is the customer's side in a browser tab.
 *
 * <p>As any adapter it checks the request completely before the sink sees it (a bad request is a 400 and changes
 * nothing), and answers only after {@link InboundSink#accept} returned. It declares {@link PassiveReplies} because it
 * returns the replies in its own answer and serves its client's poll.
 */
public final class DevAdapter implements PassiveChannelAdapter {

    static final String MESSAGES = "/api/dev/messages";
    static final int MAX_TEXT = 4000;
    private static final Logger log = LoggerFactory.getLogger(DevAdapter.class);
    private static final Map<String, String> ASSETS = Map.of(
            "/dev/chat", "chat.html", "/dev/chat.js", "chat.js", "/dev/chat.css", "chat.css");
    private static final Map<String, String> TYPES = Map.of("chat.html", "text/html; charset=utf-8",
            "chat.js", "text/javascript; charset=utf-8", "chat.css", "text/css; charset=utf-8");

    private final Duration replyTimeout;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public DevAdapter(Duration replyTimeout, Clock clock) {
        this.replyTimeout = replyTimeout;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return DevConfig.CHANNEL;
    }

    @Override
    public String path() {
        return MESSAGES;
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route("POST", MESSAGES), new Route("GET", MESSAGES), new Route("GET", "/dev/chat"),
                new Route("GET", "/dev/chat.js"), new Route("GET", "/dev/chat.css"));
    }

    /** The server's own limit ({@code server.max-body-bytes}): this is an API, not a platform's webhook. */
    @Override
    public long maxBodyBytes() {
        return SERVER_LIMIT;
    }

    @Override
    public WebhookResponse handle(WebhookRequest request, PassiveReplies sink) {
        try {
            if (ASSETS.containsKey(request.path())) {
                return asset(ASSETS.get(request.path()));
            }
            return request.isPost() ? post(request, sink) : poll(request, sink);
        } catch (RuntimeException e) {
            log.warn("{} {} failed: {}", request.method(), request.path(), e.toString());
            return json(500, Map.of("error", "internal error"));
        }
    }

    private WebhookResponse post(WebhookRequest request, PassiveReplies sink) {
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (IOException e) {
            return bad("body must be JSON: {\"customer\":\"…\",\"text\":\"…\"}");
        }
        if (body == null || !body.isObject()) {
            return bad("body must be a JSON object: {\"customer\":\"…\",\"text\":\"…\"}");
        }
        String customer = body.path("customer").asText("").strip();
        String text = body.path("text").asText("");
        boolean human = body.path("human").asBoolean(false);
        if (customer.isEmpty() || customer.length() > 128) {
            return bad("customer is required (1 to 128 characters)");
        }
        if (!human && text.isBlank()) {
            return bad("text is required (or \"human\": true to press the human button)");
        }
        if (text.length() > MAX_TEXT) {
            return bad("text is longer than " + MAX_TEXT + " characters");
        }
        JsonNode nameNode = body.path("name");
        if (!nameNode.isMissingNode() && !nameNode.isNull() && !nameNode.isTextual()) {
            return bad("name must be a string");
        }
        String name = nameNode.isTextual() && !nameNode.asText().isBlank() ? nameNode.asText().strip() : null;
        if (name != null && name.length() > 128) {
            return bad("name is longer than 128 characters");
        }
        String id = body.path("id").asText("");
        if (id.length() > 128) {
            return bad("id is longer than 128 characters");
        }
        InboundMessage.TierClaim tier = null;
        JsonNode tierNode = body.path("tier");
        if (!tierNode.isMissingNode() && !tierNode.isNull()) {
            String value = tierNode.isTextual() ? Customer.normalizeTier(tierNode.asText()) : "?";
            String problem = tierNode.isTextual() ? Customer.tierProblem(value)
                    : "tier must be a string, e.g. \"vip\" (\"\" clears it)";
            if (problem != null) {
                return bad(problem);
            }
            tier = new InboundMessage.TierClaim(value);
        }
        InboundContent content = human ? new InboundContent.ButtonTap("baton_human", "Talk to a human", true)
                : new InboundContent.Text(text);
        InboundMessage msg = new InboundMessage(DevConfig.CHANNEL,
                "dev-" + (id.isBlank() ? UUID.randomUUID().toString() : customer + "-" + id), customer, name, null,
                clock.instant(), content, tier);
        InboundSink.Receipt receipt = sink.accept(List.of(msg)).get(0);
        PassiveReplies.Turn turn = sink.awaitTurn(receipt.inboundId(), replyTimeout);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("inboundId", receipt.inboundId());
        out.put("complete", turn.complete());
        out.put("replies", turn.replies().stream().map(DevAdapter::reply).toList());
        sink.conversation(DevConfig.CHANNEL, customer).ifPresent(c -> {
            out.put("conversationId", c.id());
            out.put("state", c.state().name());
        });
        return json(200, out);
    }

    private WebhookResponse poll(WebhookRequest request, PassiveReplies sink) {
        String customer = request.queryParam("customer").orElse("").strip();
        if (customer.isEmpty()) {
            return bad("query parameter customer is required");
        }
        long after;
        try {
            after = Long.parseLong(request.queryParam("after").orElse("0"));
        } catch (NumberFormatException e) {
            return bad("after must be a number (the last reply id you saw)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("replies", sink.repliesAfter(DevConfig.CHANNEL, customer, after).stream().map(DevAdapter::reply)
                .toList());
        out.put("state", sink.conversation(DevConfig.CHANNEL, customer).map(c -> c.state().name()).orElse("BOT"));
        return json(200, out);
    }

    private static Map<String, Object> reply(PassiveReplies.Reply r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("author", r.author().name().toLowerCase(Locale.ROOT));
        m.put("text", r.text());
        return m;
    }

    private static WebhookResponse asset(String name) {
        try (InputStream in = DevAdapter.class.getResourceAsStream("/dev/" + name)) {
            if (in == null) {
                return WebhookResponse.text(404, "missing " + name);
            }
            return new WebhookResponse(200, TYPES.get(name), in.readAllBytes())
                    .withHeader("Content-Security-Policy", "default-src 'self'; style-src 'self'; script-src 'self'")
                    .withHeader("X-Content-Type-Options", "nosniff");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WebhookResponse bad(String why) {
        return json(400, Map.of("error", why));
    }

    private WebhookResponse json(int status, Object body) {
        try {
            return WebhookResponse.json(status, json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
