package dev.baton.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.core.channel.Channel;
import dev.baton.core.conversation.Customer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.baton.dev.DevConfig;
import dev.baton.whatsapp.config.WhatsAppConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer's tier and tags: the {@code inbox.customers} list applied at start-up, the REST endpoint behind the
 * conversation view's customer panel (who may change them), and the next message triaged with the new tier.
 */
class CustomerTierTest {

    @TempDir
    static Path dir;
    static TestBaton baton;

    @BeforeAll
    static void start() throws Exception {
        baton = TestBaton.start(dir, Map.of("INBOX", """
                  customers:
                    - { channel: dev, id: listed-vip, tier: vip, tags: [gold-card, "since 2019"] }
                    - { channel: whatsapp, id: "8613800000000", tier: vip }
                """));
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    private static Customer customer(Channel channel, String id) {
        return baton.runtime.engine().store().db().withConnection(c ->
                baton.runtime.engine().store().customers().find(c, channel, id)).orElseThrow();
    }

    @Test
    void should_apply_the_configured_list_at_start_up() {
        assertThat(customer(WhatsAppConfig.CHANNEL, "8613800000000").tier()).isEqualTo("vip");
        Customer listed = customer(DevConfig.CHANNEL, "listed-vip");
        assertThat(listed.tier()).isEqualTo("vip");
        assertThat(listed.tags()).containsExactly("gold-card", "since 2019");

        // The vip rule (direct, the default) hands their very first message to a person.
        JsonNode first = baton.customerSays("listed-vip", "How do I return an item?");
        assertThat(first.path("state").asText()).isEqualTo("QUEUED");
        JsonNode item = queueItem(first.path("conversationId").asLong());
        assertThat(item.path("vip").asBoolean()).isTrue();
        assertThat(item.path("reasons").toString()).contains("vip");
    }

    @Test
    void should_let_a_supervisor_or_the_holder_set_the_tier_and_nobody_else() {
        String who = "tier-" + System.nanoTime();
        JsonNode handoff = baton.customerSays(who, "I want to talk to a human");
        assertThat(handoff.path("state").asText()).isEqualTo("QUEUED");
        long conv = handoff.path("conversationId").asLong();
        String path = "/api/conversations/" + conv + "/customer";
        Map<String, Object> vip = Map.of("tier", "vip", "tags", List.of("gold-card"));

        assertThat(baton.anonymous().postJson(path, vip).status()).isEqualTo(401);
        TestBaton.Client bob = baton.login("bob");
        TestBaton.Client ann = baton.login("ann");
        assertThat(ann.postJson(path, vip, false).status()).as("no CSRF token").isEqualTo(403);
        TestBaton.Json notHis = bob.postJson(path, vip);
        assertThat(notHis.status()).as("queued, not with bob").isEqualTo(403);
        assertThat(bob.getJson("/api/conversations/" + conv).path("customer").path("editable").asBoolean())
                .isFalse();
        assertThat(customer(DevConfig.CHANNEL, who).tier()).isNull();

        assertThat(ann.postJson(path, Map.of("tier", "very important")).status()).isEqualTo(400);
        assertThat(ann.postJson(path, Map.of("tags", "x")).status()).isEqualTo(400);
        assertThat(ann.postJson(path, Map.of()).status()).isEqualTo(400);
        assertThat(baton.anonymous().postJson("/api/conversations/999999/customer", vip).status()).isEqualTo(401);
        assertThat(ann.postJson("/api/conversations/999999/customer", vip).status()).isEqualTo(404);

        TestBaton.Json done = ann.postJson(path, vip);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().path("tier").asText()).isEqualTo("vip");
        assertThat(done.body().path("changed").asBoolean()).isTrue();
        JsonNode profile = ann.getJson("/api/conversations/" + conv).path("customer");
        assertThat(profile.path("tier").asText()).isEqualTo("vip");
        assertThat(profile.path("tags").toString()).contains("gold-card");
        assertThat(profile.path("editable").asBoolean()).isTrue();

        // Once bob holds the conversation he may change it too; only the tags here, the tier stays.
        long ticket = queueItem(conv).path("id").asLong();
        assertThat(bob.postJson("/api/tickets/" + ticket + "/claim", Map.of()).status()).isEqualTo(200);
        TestBaton.Json byBob = bob.postJson(path, Map.of("tags", List.of("gold-card", "callback-requested")));
        assertThat(byBob.status()).isEqualTo(200);
        assertThat(customer(DevConfig.CHANNEL, who).tier()).isEqualTo("vip");
        assertThat(customer(DevConfig.CHANNEL, who).tags()).containsExactly("gold-card", "callback-requested");
        // The integration token acts as a supervisor; null clears the tier.
        Map<String, Object> clear = new java.util.HashMap<>();
        clear.put("tier", null);
        assertThat(baton.token("crm-sync").postJson(path, clear).status()).isEqualTo(200);
        assertThat(customer(DevConfig.CHANNEL, who).tier()).isNull();
        assertThat(bob.postJson("/api/conversations/" + conv + "/resolve", Map.of()).status()).isEqualTo(200);

        // Back with the bot: an agent no longer holds it, a supervisor makes the customer a VIP, and the next
        // message is triaged with the new tier.
        assertThat(bob.postJson(path, vip).status()).isEqualTo(403);
        assertThat(baton.customerSays(who, "How do I return an item?").path("state").asText()).isEqualTo("BOT");
        assertThat(ann.postJson(path, vip).status()).isEqualTo(200);
        JsonNode next = baton.customerSays(who, "How long does a refund take?");
        assertThat(next.path("state").asText()).isEqualTo("QUEUED");
        assertThat(queueItem(conv).path("reasons").toString()).contains("vip");
    }

    private static JsonNode queueItem(long conversationId) {
        for (JsonNode i : baton.token("test").getJson("/api/queue").path("items")) {
            if (i.path("conversationId").asLong() == conversationId) {
                return i;
            }
        }
        throw new AssertionError("conversation " + conversationId + " is not in the queue");
    }
}
