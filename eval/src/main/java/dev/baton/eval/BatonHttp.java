package dev.baton.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an evaluation does to Baton, over HTTP only: a customer writes on the dev channel
 * ({@code POST /api/dev/messages}), an agent works through the REST API of {@code docs/openapi.yaml} with the
 * integration token. Nothing here reaches into Baton's internals, so the harness measures what a user would see.
 */
public final class BatonHttp {

    /** The name the integration token acts under (recorded on the agent's replies). */
    static final String AGENT = "eval-agent";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String apiToken;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    BatonHttp(String base, String apiToken) {
        this.base = base;
        this.apiToken = apiToken;
    }

    /** What a customer's message produced: the bot's replies to it and the conversation's state afterwards. */
    public record CustomerReply(Long conversationId, String state, List<String> replies, boolean complete) {
    }

    /** The state of a conversation and, while a ticket is active, its handoff reasons. */
    public record ConversationView(String state, List<String> reasons) {
    }

    /**
     * A dev-channel customer writes {@code text}, or presses the "talk to a human" button when {@code human}; a
     * non-null {@code tier} is sent with the message. Waits until Baton processed it.
     */
    public CustomerReply say(String customer, String text, String tier, boolean human) {
        ObjectNode body = JSON.createObjectNode().put("customer", customer);
        if (human) {
            body.put("human", true);
        } else {
            body.put("text", text);
        }
        if (tier != null) {
            body.put("tier", tier);
        }
        JsonNode r = send(post("/api/dev/messages", body, false));
        List<String> replies = new ArrayList<>();
        r.path("replies").forEach(x -> replies.add(x.path("text").asText("")));
        JsonNode conv = r.path("conversationId");
        return new CustomerReply(conv.isIntegralNumber() ? conv.asLong() : null, r.path("state").asText("BOT"),
                List.copyOf(replies), r.path("complete").asBoolean(true));
    }

    /** {@code GET /api/conversations/{id}}: the state and the active ticket's reasons (empty without a ticket). */
    public ConversationView conversation(long id) {
        JsonNode r = send(request("/api/conversations/" + id, true).GET().build());
        List<String> reasons = new ArrayList<>();
        r.path("ticket").path("reasons").forEach(x -> reasons.add(x.asText()));
        return new ConversationView(r.path("conversation").path("state").asText(""), List.copyOf(reasons));
    }

    /** The active ticket of a conversation, from {@code GET /api/queue}. */
    public Optional<Long> ticketOf(long conversationId) {
        JsonNode r = send(request("/api/queue", true).GET().build());
        for (JsonNode t : r.path("items")) {
            if (t.path("conversationId").asLong(-1) == conversationId) {
                return Optional.of(t.path("id").asLong());
            }
        }
        return Optional.empty();
    }

    /** {@code POST /api/tickets/{id}/claim}. */
    public void claim(long ticketId) {
        send(post("/api/tickets/" + ticketId + "/claim", JSON.createObjectNode(), true));
    }

    /** {@code POST /api/conversations/{id}/reply}. */
    public void reply(long conversationId, String text) {
        send(post("/api/conversations/" + conversationId + "/reply", JSON.createObjectNode().put("text", text), true));
    }

    /** {@code POST /api/conversations/{id}/resolve} with {@code note}. */
    public void resolve(long conversationId, String note) {
        ObjectNode body = JSON.createObjectNode();
        if (note != null) {
            body.put("note", note);
        }
        send(post("/api/conversations/" + conversationId + "/resolve", body, true));
    }

    private HttpRequest.Builder request(String path, boolean authenticated) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2));
        if (authenticated) {
            b.header("Authorization", "Bearer " + apiToken).header("X-Baton-Agent", AGENT);
        }
        return b;
    }

    private HttpRequest post(String path, JsonNode body, boolean authenticated) {
        try {
            return request(path, authenticated).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        JsonNode body;
        try {
            body = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            body = JSON.createObjectNode().put("error", r.body());
        }
        if (r.statusCode() / 100 != 2) {
            throw new ApiException(request.method() + " " + request.uri().getPath() + " answered "
                    + r.statusCode() + ": " + body.path("error").asText(r.body()));
        }
        return body;
    }

    /** A request Baton refused; the message names the route, the status and Baton's error. */
    public static final class ApiException extends RuntimeException {
        ApiException(String message) {
            super(message);
        }
    }
}
