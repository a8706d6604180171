package dev.baton.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an agent may take: a transfer to oneself obeys exactly the rules of a claim (someone else's ticket, another
 * group's ticket, a full capacity), with the same answers; a reply to a conversation the bot has is a takeover that
 * opens a ticket held by the agent, never a HUMAN conversation without a ticket.
 */
class InboxAuthorisationTest {

    @TempDir
    static Path dir;
    static TestBaton baton;

    @BeforeAll
    static void start() throws Exception {
        baton = TestBaton.start(dir, Map.of("EXTRA", "    - name: billing"));
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    @Test
    void should_refuse_a_transfer_to_oneself_like_a_claim_when_another_agent_holds_the_ticket() {
        long ticket = handOff("held-");
        assertThat(baton.token("carl").postJson("/api/tickets/" + ticket + "/claim", Map.of()).status())
                .isEqualTo(200);
        TestBaton.Client bob = baton.login("bob");

        TestBaton.Json claim = bob.postJson("/api/tickets/" + ticket + "/claim", Map.of());
        TestBaton.Json toSelf = bob.postJson("/api/tickets/" + ticket + "/transfer", Map.of("agent", "bob"));

        assertThat(claim.status()).isEqualTo(409);
        assertThat(toSelf.status()).isEqualTo(claim.status());
        assertThat(toSelf.body()).isEqualTo(claim.body());
        assertThat(assignee(ticket)).as("the ticket stays with carl").isEqualTo("carl");
    }

    @Test
    void should_refuse_a_transfer_to_oneself_like_a_claim_when_the_ticket_is_for_another_group() {
        long ticket = handOff("group-");
        assertThat(baton.token("carl").postJson("/api/tickets/" + ticket + "/transfer", Map.of("group", "billing"))
                .status()).isEqualTo(200);
        TestBaton.Client bob = baton.login("bob");

        TestBaton.Json claim = bob.postJson("/api/tickets/" + ticket + "/claim", Map.of());
        TestBaton.Json toSelf = bob.postJson("/api/tickets/" + ticket + "/transfer", Map.of("agent", "bob"));

        assertThat(claim.status()).isEqualTo(403);
        assertThat(toSelf.status()).isEqualTo(claim.status());
        assertThat(toSelf.body()).isEqualTo(claim.body());
        assertThat(assignee(ticket)).as("still queued for billing").isEmpty();
    }

    @Test
    void should_refuse_a_transfer_to_oneself_like_a_claim_when_the_agent_is_at_capacity() {
        TestBaton.Client bob = baton.login("bob");
        List<Long> taken = new ArrayList<>();
        while (load("bob") < 2) {
            long t = handOff("cap-");
            TestBaton.Json ok = bob.postJson("/api/tickets/" + t + "/transfer", Map.of("agent", "bob"));
            assertThat(ok.status()).as("a transfer to oneself within the rules is a claim").isEqualTo(200);
            assertThat(assignee(t)).isEqualTo("bob");
            taken.add(t);
        }
        long third = handOff("cap-");

        TestBaton.Json claim = bob.postJson("/api/tickets/" + third + "/claim", Map.of());
        TestBaton.Json toSelf = bob.postJson("/api/tickets/" + third + "/transfer", Map.of("agent", "bob"));

        assertThat(claim.status()).isEqualTo(409);
        assertThat(claim.body().path("error").asText()).contains("capacity");
        assertThat(toSelf.status()).isEqualTo(claim.status());
        assertThat(toSelf.body()).isEqualTo(claim.body());
        assertThat(assignee(third)).isEmpty();
        for (long t : taken) {
            bob.postJson("/api/conversations/" + item(t).path("conversationId").asLong() + "/resolve", Map.of());
        }
    }

    @Test
    void should_open_a_ticket_held_by_the_agent_when_an_agent_replies_to_a_conversation_the_bot_has() {
        String customer = "takeover-" + System.nanoTime();
        JsonNode first = baton.customerSays(customer, "How do I return an item?");
        assertThat(first.path("state").asText()).isEqualTo("BOT");
        long conv = first.path("conversationId").asLong();
        TestBaton.Client ann = baton.login("ann");
        JsonNode before = ann.getJson("/api/analytics?days=1");
        TestBaton.Client bob = baton.login("bob");

        TestBaton.Json reply = bob.postJson("/api/conversations/" + conv + "/reply",
                Map.of("text", "Hi, Bob here: I'll handle your return myself."));

        assertThat(reply.status()).isEqualTo(202);
        JsonNode view = bob.getJson("/api/conversations/" + conv);
        assertThat(view.path("conversation").path("state").asText()).isEqualTo("HUMAN");
        assertThat(view.path("conversation").path("assignee").asText()).isEqualTo("bob");
        assertThat(view.path("ticket").isObject()).as("a HUMAN conversation has a ticket").isTrue();
        long ticket = view.path("ticket").path("id").asLong();
        assertThat(reply.body().path("takeover").asBoolean()).isTrue();
        assertThat(reply.body().path("ticketId").asLong()).isEqualTo(ticket);
        assertThat(view.path("ticket").path("assignee").asText()).isEqualTo("bob");
        assertThat(view.path("ticket").path("reasons").toString()).contains("agent_takeover");
        assertThat(view.path("ticket").path("group").asText()).as("bob's first group").isEqualTo("support");
        assertThat(item(ticket).path("status").asText()).as("in bob's work in the queue").isEqualTo("assigned");
        List<JsonNode> toCustomer = baton.anonymous().getJson("/api/dev/messages?customer=" + customer + "&after=0")
                .path("replies").findParents("text");
        assertThat(toCustomer).noneMatch(r -> r.path("text").asText().contains("in the queue"));

        JsonNode next = baton.customerSays(customer, "Great, my order number is 4417");
        assertThat(next.path("state").asText()).isEqualTo("HUMAN");
        assertThat(next.path("replies").size()).as("the bot stays silent").isZero();
        assertThat(bob.getJson("/api/conversations/" + conv).path("transcript").toString())
                .as("the customer's message reaches bob").contains("my order number is 4417");

        JsonNode after = ann.getJson("/api/analytics?days=1");
        assertThat(after.path("byReason").path("agent_takeover").path("count").asLong())
                .isEqualTo(before.path("byReason").path("agent_takeover").path("count").asLong() + 1);
        assertThat(after.path("handoffs").asLong()).isEqualTo(before.path("handoffs").asLong() + 1);
        assertThat(after.path("queueWait").path("samples").asInt()).as("a takeover never waited in the queue")
                .isEqualTo(before.path("queueWait").path("samples").asInt());

        assertThat(bob.postJson("/api/conversations/" + conv + "/resolve", Map.of("note", "return booked"))
                .status()).isEqualTo(200);
        JsonNode back = baton.customerSays(customer, "How long does a refund take?");
        assertThat(back.path("state").asText()).isEqualTo("BOT");
        assertThat(back.path("replies").get(0).path("author").asText()).isEqualTo("bot");
    }

    @Test
    void should_refuse_a_takeover_reply_without_side_effects_when_the_agent_is_at_capacity() {
        TestBaton.Client bob = baton.login("bob");
        List<Long> taken = new ArrayList<>();
        while (load("bob") < 2) {
            long t = handOff("full-");
            assertThat(bob.postJson("/api/tickets/" + t + "/claim", Map.of()).status()).isEqualTo(200);
            taken.add(t);
        }
        String customer = "full-bot-" + System.nanoTime();
        long conv = baton.customerSays(customer, "How do I return an item?").path("conversationId").asLong();

        TestBaton.Json reply = bob.postJson("/api/conversations/" + conv + "/reply", Map.of("text", "Bob here"));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.body().path("error").asText()).contains("capacity");
        JsonNode view = bob.getJson("/api/conversations/" + conv);
        assertThat(view.path("conversation").path("state").asText()).isEqualTo("BOT");
        assertThat(view.path("ticket").isNull()).isTrue();
        assertThat(view.path("transcript").toString()).doesNotContain("Bob here");
        for (long t : taken) {
            bob.postJson("/api/conversations/" + item(t).path("conversationId").asLong() + "/resolve", Map.of());
        }
    }

    /** A new customer asks for a person; returns the ticket id. */
    private static long handOff(String prefix) {
        String customer = prefix + System.nanoTime();
        assertThat(baton.customerSays(customer, "I want a human please").path("state").asText()).isEqualTo("QUEUED");
        for (JsonNode i : baton.token("test").getJson("/api/queue").path("items")) {
            if (i.path("customer").path("name").asText().equals(customer)) {
                return i.path("id").asLong();
            }
        }
        throw new AssertionError("no ticket for " + customer);
    }

    private static JsonNode item(long ticket) {
        for (JsonNode i : baton.token("test").getJson("/api/queue").path("items")) {
            if (i.path("id").asLong() == ticket) {
                return i;
            }
        }
        throw new AssertionError("ticket " + ticket + " is not active");
    }

    /** The ticket's assignee, "" when queued. */
    private static String assignee(long ticket) {
        JsonNode a = item(ticket).path("assignee");
        return a.isNull() ? "" : a.asText();
    }

    private static long load(String agent) {
        for (JsonNode a : baton.token("test").getJson("/api/team").path("agents")) {
            if (a.path("name").asText().equals(agent)) {
                return a.path("load").asLong();
            }
        }
        throw new AssertionError("no agent " + agent);
    }
}
