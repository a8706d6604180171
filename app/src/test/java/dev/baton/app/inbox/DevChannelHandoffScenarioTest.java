package dev.baton.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.baton.dev.DevConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole loop from the customer's side, over the dev channel: ask → ask for a human → queue position → the
 * agent replies → resolve → the bot answers again. And the queue order, driven by the real handoff policy: VIP and
 * sensitive handoffs that arrive last are listed first.
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
    void should_put_vip_and_sensitive_handoffs_first_in_the_queue() {
        String prefix = "jump-" + System.nanoTime() + "-";
        List<Long> ordinary = new ArrayList<>();
        for (String who : List.of("a", "b", "c", "d")) {
            JsonNode r = baton.customerSays(prefix + who, "human please");
            assertThat(r.path("state").asText()).isEqualTo("QUEUED");
            ordinary.add(r.path("conversationId").asLong());
        }

        // A VIP: the tier comes from the customer's profile (as a CRM sync would set it); the policy's vip rule
        // (direct) hands any of their messages to a person with priority 90.
        String vip = prefix + "vip";
        assertThat(baton.customerSays(vip, "How do I return an item?").path("state").asText()).isEqualTo("BOT");
        baton.runtime.engine().store().db().inTransaction(c -> {
            long id = baton.runtime.engine().store().customers().find(c, DevConfig.CHANNEL, vip).orElseThrow().id();
            baton.runtime.engine().store().customers().updateProfile(c, id, "vip", List.of("gold-card"), null);
            return null;
        });
        JsonNode vipTurn = baton.customerSays(vip, "Where is my order?");
        // Sensitive intents, detected by triage and handed over by the sensitive-intent rule (priority 80).
        JsonNode accountChange = baton.customerSays(prefix + "phone", "我要修改绑定的手机号");
        JsonNode fraud = baton.customerSays(prefix + "fraud", "我的卡被盗刷了，有几笔不是我消费的");
        for (JsonNode r : List.of(vipTurn, accountChange, fraud)) {
            assertThat(r.path("state").asText()).as(r.toString()).isEqualTo("QUEUED");
        }

        List<JsonNode> items = new ArrayList<>();
        for (JsonNode i : baton.token("test").getJson("/api/queue").path("items")) {
            if (i.path("customer").path("name").asText().startsWith(prefix)) {
                items.add(i);
            }
        }
        List<String> order = items.stream().map(i -> i.path("customer").path("name").asText()
                .substring(prefix.length())).toList();
        assertThat(order).containsExactly("vip", "phone", "fraud", "a", "b", "c", "d");
        assertThat(items.get(0).path("vip").asBoolean()).isTrue();
        assertThat(items.get(0).path("reasons").toString()).contains("vip");
        assertThat(items.get(1).path("sensitive").asBoolean()).isTrue();
        assertThat(items.get(1).path("explanation").asText()).contains("account_change");
        assertThat(items.get(2).path("sensitive").asBoolean()).isTrue();
        assertThat(items.get(2).path("explanation").asText()).contains("fraud");
        assertThat(List.of(items.get(1).path("group").asText(), items.get(2).path("group").asText()))
                .as("without a handoff block, sensitive intents go to default-group").containsOnly("support");
        for (int i = 0; i < 3; i++) {
            assertThat(items.get(i).path("priority").asInt()).isGreaterThan(items.get(3).path("priority").asInt());
        }
        List<Integer> positions = items.stream().map(i -> i.path("position").asInt()).toList();
        assertThat(positions).isSorted();
        assertThat(ordinary).hasSize(4);
    }

    @Test
    void should_let_a_customer_marked_vip_through_the_dev_api_jump_the_queue() {
        String prefix = "devvip-" + System.nanoTime() + "-";
        for (String who : List.of("a", "b")) {
            assertThat(baton.customerSays(prefix + who, "human please").path("state").asText()).isEqualTo("QUEUED");
        }
        TestBaton.Json bad = baton.anonymous().postJson("/api/dev/messages",
                Map.of("customer", prefix + "vip", "text", "hi", "tier", "not a tier!"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("error").asText()).contains("tier");

        JsonNode vipTurn = baton.anonymous().postJson("/api/dev/messages", Map.of("customer", prefix + "vip",
                "name", prefix + "vip", "tier", "vip", "text", "How do I return an item?")).body();
        assertThat(vipTurn.path("state").asText()).isEqualTo("QUEUED");

        List<JsonNode> items = new ArrayList<>();
        for (JsonNode i : baton.token("test").getJson("/api/queue").path("items")) {
            if (i.path("customer").path("name").asText().startsWith(prefix)) {
                items.add(i);
            }
        }
        assertThat(items.stream().map(i -> i.path("customer").path("name").asText().substring(prefix.length())))
                .containsExactly("vip", "a", "b");
        assertThat(items.get(0).path("vip").asBoolean()).isTrue();
        assertThat(items.get(0).path("customer").path("tier").asText()).isEqualTo("vip");
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
