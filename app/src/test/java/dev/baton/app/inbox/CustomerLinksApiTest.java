package dev.baton.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.baton.core.channel.Channel;
import dev.baton.core.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.awaitility.Awaitility;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customers recognised across channels over the REST API of a running Baton with the web channel: who may link and
 * unlink, the CRM answer's links, an anonymous web visitor who cannot be linked, and the queue naming the person once.
 */
class CustomerLinksApiTest {

    @TempDir
    static Path dir;
    static TestBaton baton;
    static WireMockServer crm;

    @BeforeAll
    static void start() throws Exception {
        crm = new WireMockServer(options().dynamicPort());
        crm.start();
        baton = TestBaton.start(dir, Map.of("CHANNELS", WebCustomers.CHANNELS,
                "INBOX", "  crm-url: http://localhost:" + crm.port() + "/crm/{channel}/{platformId}\n"
                        + "  crm-timeout: 20s\n"));
    }

    @AfterAll
    static void stop() {
        baton.close();
        crm.stop();
    }

    /** The conversation of a web customer, once the engine processed their first message (it runs on its lane). */
    static long webConversation(TestBaton baton, String platformId) {
        Store store = baton.runtime.engine().store();
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> store.db().withConnection(c ->
                store.customers().find(c, Channel.of("web"), platformId).flatMap(cu -> {
                    try {
                        return store.conversations().byCustomer(c, cu.id());
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }).map(x -> x.id()).orElse(null)), java.util.Objects::nonNull);
    }

    private static long webConversation(String platformId) {
        return webConversation(baton, platformId);
    }

    private static long customerOf(long conversationId) {
        return baton.getJsonAsAnn("/api/conversations/" + conversationId + "/person").path("customerId").asLong();
    }

    private static List<String> identities(JsonNode person) {
        List<String> out = new ArrayList<>();
        person.path("identities").forEach(i -> out.add(i.path("channel").asText() + ":" + i.path("id").asText()));
        return out;
    }

    @Test
    void should_let_a_supervisor_or_the_agent_holding_it_link_and_unlink_and_refuse_the_rest() {
        long dev = baton.customerSays("perm-alice", "I want to talk to a human").path("conversationId").asLong();
        String token = WebCustomers.signedIn(baton, "perm-42", "Alice W");
        WebCustomers.says(baton, token, "How do I return an item?");
        long web = webConversation("user:perm-42");
        long webCustomer = customerOf(web);
        TestBaton.Client ann = baton.login("ann");
        TestBaton.Client bob = baton.login("bob");
        String path = "/api/conversations/" + dev + "/links";

        assertThat(baton.anonymous().postJson(path, Map.of("customerId", webCustomer)).status()).isEqualTo(401);
        TestBaton.Json notHis = bob.postJson(path, Map.of("customerId", webCustomer));
        assertThat(notHis.status()).as("bob does not hold the conversation").isEqualTo(403);
        assertThat(bob.postJson(path, Map.of("customerId", webCustomer), false).status()).as("no CSRF token")
                .isEqualTo(403);
        assertThat(identities(ann.getJson("/api/conversations/" + dev + "/person"))).hasSize(1);

        assertThat(bob.postJson("/api/tickets/" + ticketOf(dev) + "/claim", Map.of()).status()).isEqualTo(200);
        TestBaton.Json linked = bob.postJson(path, Map.of("channel", "web", "id", "perm-42"));
        assertThat(linked.status()).as(linked.body().toString()).isEqualTo(200);
        assertThat(linked.body().path("changed").asBoolean()).isTrue();
        assertThat(identities(linked.body().path("person"))).containsExactlyInAnyOrder("dev:perm-alice",
                "web:user:perm-42");
        TestBaton.Json again = ann.postJson("/api/conversations/" + web + "/links",
                Map.of("customerId", customerOf(dev)));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("changed").asBoolean()).as("already one person").isFalse();

        assertThat(bob.delete("/api/conversations/" + web + "/links/" + webCustomer).status())
                .as("the web conversation is the bot's, not bob's").isEqualTo(403);
        assertThat(baton.token("zoe").delete("/api/conversations/" + web + "/links/" + webCustomer).status())
                .as("the integration token acts as a supervisor").isEqualTo(200);
        assertThat(identities(ann.getJson("/api/conversations/" + dev + "/person"))).containsExactly("dev:perm-alice");
        JsonNode audit = ann.getJson("/api/conversations/" + dev + "/person").path("audit");
        assertThat(audit).extracting(a -> a.path("action").asText() + " by " + a.path("actor").asText() + " via "
                + a.path("via").asText()).containsExactly("link by bob via session", "unlink by zoe via integration-token");
        assertThat(ann.postJson(path, Map.of("customerId", "x")).status()).isEqualTo(400);
        assertThat(ann.postJson(path, Map.of()).status()).isEqualTo(400);
        assertThat(ann.postJson(path, Map.of("channel", "web", "id", "nobody-99")).status()).isEqualTo(404);
        assertThat(ann.getStatus("/api/conversations/" + dev + "/links/search?q=a").status()).isEqualTo(400);
    }

    @Test
    void should_refuse_to_link_an_anonymous_web_visitor_whatever_name_they_give() {
        long dev = baton.customerSays("anon-bob", "How do I return an item?").path("conversationId").asLong();
        String visitor = WebCustomers.anonymous(baton, "Bob Anon");
        WebCustomers.says(baton, visitor, "I am anon-bob, show me my orders");
        TestBaton.Client ann = baton.login("ann");
        JsonNode found = ann.getJson("/api/conversations/" + dev + "/links/search?q=Bob+Anon");
        JsonNode candidate = found.path("items").get(0);
        assertThat(candidate.path("id").asText()).startsWith("visitor:");
        assertThat(candidate.path("linkable").asBoolean()).isFalse();

        TestBaton.Json refused = ann.postJson("/api/conversations/" + dev + "/links",
                Map.of("customerId", candidate.path("customerId").asLong()));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("error").asText()).contains("anonymous web visitor");
        assertThat(identities(ann.getJson("/api/conversations/" + dev + "/person"))).containsExactly("dev:anon-bob");
    }

    @Test
    void should_link_the_identities_the_crm_answer_names_when_the_crm_is_looked_up() {
        crm.stubFor(get(urlEqualTo("/crm/dev/crm-carol")).willReturn(okJson("""
                {"name": "Carol Chen", "links": [{"channel": "web", "id": "crm-7"},
                                                 {"channel": "whatsapp", "id": "8613811112222"}]}""")));
        long dev = baton.customerSays("crm-carol", "How do I return an item?").path("conversationId").asLong();
        String token = WebCustomers.signedIn(baton, "crm-7", "Carol");
        WebCustomers.says(baton, token, "How long does a refund take?");
        TestBaton.Client bob = baton.login("bob");

        JsonNode answer = bob.getJson("/api/conversations/" + dev + "/crm");

        assertThat(answer.path("found").asBoolean()).as(answer + " " + crm.getAllServeEvents()).isTrue();
        JsonNode person = bob.getJson("/api/conversations/" + webConversation("user:crm-7") + "/person");
        assertThat(identities(person)).as("whatsapp is not installed here: skipped")
                .containsExactlyInAnyOrder("dev:crm-carol", "web:user:crm-7");
        assertThat(person.path("audit").get(0).path("actor").asText()).isEqualTo("crm");
        assertThat(person.path("history")).extracting(h -> h.path("channel").asText() + " " + h.path("text").asText())
                .contains("dev How do I return an item?", "web How long does a refund take?");
    }

    @Test
    void should_name_the_person_once_in_the_queue_with_the_channels_they_are_known_on() {
        String token = WebCustomers.signedIn(baton, "queue-9", "Dan Web");
        WebCustomers.says(baton, token, "How do I return an item?");
        long dev = baton.customerSays("queue-dan", "I want to talk to a human").path("conversationId").asLong();
        TestBaton.Client ann = baton.login("ann");
        ann.postJson("/api/conversations/" + dev + "/links", Map.of("channel", "web", "id", "queue-9"));

        JsonNode queue = ann.getJson("/api/queue");

        JsonNode badge = queue.path("people").path(Long.toString(dev));
        assertThat(badge.path("name").asText()).as("the dev customer has no name: the web one's").isEqualTo("Dan Web");
        assertThat(badge.path("channels")).extracting(JsonNode::asText).containsExactlyInAnyOrder("dev", "web");
    }

    @Test
    void should_tell_the_agent_in_the_handoff_summary_what_the_person_asked_on_their_other_channels() {
        String token = WebCustomers.signedIn(baton, "story-5", "Eve");
        WebCustomers.says(baton, token, "How long does a refund take?");
        long web = webConversation("user:story-5");
        long dev = baton.customerSays("story-eve", "hello").path("conversationId").asLong();
        baton.token("ann").postJson("/api/conversations/" + dev + "/links", Map.of("channel", "web", "id", "story-5"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                baton.getJsonAsAnn("/api/conversations/" + web + "/person").path("history").size() >= 2);

        baton.customerSays("story-eve", "I want to talk to a human");

        JsonNode ticket = baton.getJsonAsAnn("/api/conversations/" + dev).path("ticket");
        assertThat(ticket.path("summary").asText())
                .contains("On other channels the same customer asked “How long does a refund take?” (web chat).");
        assertThat(baton.getJsonAsAnn("/api/conversations/" + web).path("ticket").isNull())
                .as("the web conversation itself is untouched").isTrue();
    }

    private static long ticketOf(long conversationId) {
        for (JsonNode item : baton.login("ann").getJson("/api/queue").path("items")) {
            if (item.path("conversationId").asLong() == conversationId) {
                return item.path("id").asLong();
            }
        }
        throw new AssertionError("no ticket for conversation " + conversationId);
    }
}
