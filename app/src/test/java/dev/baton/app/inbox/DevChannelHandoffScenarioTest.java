package dev.baton.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole loop from the customer's side, over the dev channel: ask → ask for a human → queue position → the
 * agent replies → resolve → the bot answers again. And the queue order: higher priority (VIP, sensitive) first.
 */
class DevChannelHandoffScenarioTest {

    @TempDir
    static Path dir;
    static TestBaton baton;

    @BeforeAll
    static void start() throws Exception {
        baton = TestBaton.start(dir, Map.of());
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    @Test
    void should_hand_over_to_an_agent_and_back_to_the_bot() {
        String alice = "alice-" + System.nanoTime();
        JsonNode first = baton.customerSays(alice, "How do I return an item?");
        assertThat(first.path("replies").get(0).path("author").asText()).isEqualTo("bot");
        assertThat(first.path("replies").get(0).path("text").asText()).contains("7 days");

        JsonNode handoff = baton.customerSays(alice, "I want to talk to a human");
        assertThat(handoff.path("state").asText()).isEqualTo("QUEUED");
        assertThat(handoff.path("replies").get(0).path("text").asText()).containsPattern("number \\d+ in the queue");
        long conv = handoff.path("conversationId").asLong();

        JsonNode waiting = baton.customerSays(alice, "hello? anyone?");
        for (JsonNode r : waiting.path("replies")) {
            assertThat(r.path("author").asText()).as("the bot stays silent while queued").isNotEqualTo("bot");
        }
        long seen = lastId(waiting, handoff);

        TestBaton.Client bob = baton.login("bob");
        JsonNode item = null;
        for (JsonNode i : bob.getJson("/api/queue").path("items")) {
            if (i.path("conversationId").asLong() == conv) {
                item = i;
            }
        }
        assertThat(item).isNotNull();
        assertThat(bob.postJson("/api/tickets/" + item.path("id").asLong() + "/claim", Map.of()).status())
                .isEqualTo(200);
        assertThat(bob.postJson("/api/conversations/" + conv + "/reply",
                Map.of("text", "Hi, this is Bob. I can help with the return.")).status()).isEqualTo(202);

        List<JsonNode> fromAgent = pollUntil(alice, seen, "this is Bob");
        assertThat(fromAgent).anySatisfy(r -> assertThat(r.path("author").asText()).isEqualTo("human"));
        seen = fromAgent.get(fromAgent.size() - 1).path("id").asLong();

        JsonNode stillHuman = baton.customerSays(alice, "thanks Bob");
        assertThat(stillHuman.path("state").asText()).isEqualTo("HUMAN");
        assertThat(stillHuman.path("replies").size()).as("the bot stays silent while a human serves").isZero();

        assertThat(bob.postJson("/api/conversations/" + conv + "/resolve",
                Map.of("note", "return explained", "resolution", "resolved")).status()).isEqualTo(200);
        pollUntil(alice, seen, "I'm back to help");

        JsonNode again = baton.customerSays(alice, "How long does a refund take?");
        assertThat(again.path("state").asText()).isEqualTo("BOT");
        assertThat(again.path("replies").get(0).path("author").asText()).isEqualTo("bot");
        assertThat(again.path("replies").get(0).path("text").asText()).contains("3 to 5 working days");
    }

    @Test
    void should_put_vip_and_sensitive_handoffs_first_in_the_queue() throws Exception {
        List<Long> convs = new ArrayList<>();
        String prefix = "order-" + System.nanoTime() + "-";
        for (String who : List.of("a", "b", "c", "d")) {
            convs.add(baton.customerSays(prefix + who, "human please").path("conversationId").asLong());
        }
        // The handoff policy (another part) gives VIP and sensitive handoffs a higher priority; simulate it.
        baton.runtime.engine().store().db().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE handoff_tickets SET priority = ?, reasons = ? WHERE conversation_id = ?")) {
                ps.setInt(1, 90);
                ps.setString(2, "sensitive_intent");
                ps.setLong(3, convs.get(3));
                ps.executeUpdate();
                ps.setInt(1, 80);
                ps.setString(2, "vip,explicit_request");
                ps.setLong(3, convs.get(2));
                ps.executeUpdate();
            }
            return null;
        });
        List<Long> order = new ArrayList<>();
        for (JsonNode i : baton.token("test").getJson("/api/queue").path("items")) {
            if (convs.contains(i.path("conversationId").asLong())) {
                order.add(i.path("conversationId").asLong());
            }
        }
        assertThat(order).containsExactly(convs.get(3), convs.get(2), convs.get(0), convs.get(1));
        JsonNode top = baton.token("test").getJson("/api/queue").path("items").get(0);
        assertThat(top.path("sensitive").asBoolean()).isTrue();
    }

    private static long lastId(JsonNode... answers) {
        long max = 0;
        for (JsonNode a : answers) {
            for (JsonNode r : a.path("replies")) {
                max = Math.max(max, r.path("id").asLong());
            }
        }
        return max;
    }

    private static List<JsonNode> pollUntil(String customer, long after, String contains) {
        List<JsonNode> out = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            out.clear();
            baton.anonymous().getJson("/api/dev/messages?customer=" + customer + "&after=" + after)
                    .path("replies").forEach(out::add);
            return out.stream().anyMatch(r -> r.path("text").asText().contains(contains));
        });
        return out;
    }
}
