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
 * group's ticket, a full capacity), with the same answers.
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
