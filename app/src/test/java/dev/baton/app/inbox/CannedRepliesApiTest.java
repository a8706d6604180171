package dev.baton.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Canned replies and internal notes through the REST API: the same rules as the services (team replies for
 * supervisors, personal ones for their owner), sessions with CSRF and tokens, the seed from
 * {@code inbox.canned-replies}, replies filled for a conversation, and notes that agents see and customers never get.
 */
class CannedRepliesApiTest {

    @TempDir
    static Path dir;
    static TestBaton baton;

    @BeforeAll
    static void start() throws Exception {
        baton = TestBaton.start(dir, Map.of("INBOX", """
                  canned-replies:
                    - shortcut: welcome
                      text: { zh: "{customer.name}您好，我是{agent.name}。", en: "Hi {customer.name}, {agent.name} here." }
                """));
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    @Test
    void should_let_supervisors_manage_team_replies_and_agents_their_own() {
        TestBaton.Client bob = baton.login("bob");
        TestBaton.Client ann = baton.login("ann");

        assertThat(bob.postJson("/api/canned-replies", Map.of("scope", "team", "shortcut", "t1", "en", "x")).status())
                .isEqualTo(403);
        TestBaton.Json team = ann.postJson("/api/canned-replies", Map.of("scope", "team", "shortcut", "refund",
                "en", "Refunds take 3 to 5 days.", "zh", "退款三到五天到账。"));
        assertThat(team.status()).isEqualTo(201);
        long teamId = team.body().path("id").asLong();
        assertThat(team.body().path("scope").asText()).isEqualTo("team");

        assertThat(bob.postJson("/api/canned-replies", Map.of("shortcut", "mine", "en", "x"), false).status())
                .as("CSRF checked").isEqualTo(403);
        TestBaton.Json personal = bob.postJson("/api/canned-replies", Map.of("scope", "personal", "shortcut", "brb",
                "en", "One moment please."));
        assertThat(personal.status()).isEqualTo(201);
        long bobsId = personal.body().path("id").asLong();
        assertThat(personal.body().path("owner").asText()).isEqualTo("bob");

        assertThat(bob.put("/api/canned-replies/" + teamId, Map.of("en", "bob's text")).status()).isEqualTo(403);
        assertThat(bob.delete("/api/canned-replies/" + teamId).status()).isEqualTo(403);
        assertThat(ann.put("/api/canned-replies/" + bobsId, Map.of("en", "ann's text")).status())
                .as("someone else's personal reply").isEqualTo(403);
        assertThat(ann.delete("/api/canned-replies/" + bobsId).status()).isEqualTo(403);

        JsonNode bobSees = bob.getJson("/api/canned-replies");
        assertThat(bobSees.path("items").findValuesAsText("shortcut")).contains("refund", "brb", "welcome");
        assertThat(ann.getJson("/api/canned-replies").path("items").findValuesAsText("shortcut"))
                .contains("refund", "welcome").doesNotContain("brb");
        assertThat(bob.getJson("/api/canned-replies?q=REF").path("items").findValuesAsText("shortcut"))
                .containsExactly("refund");
        assertThat(ann.getJson("/api/canned-replies?q=refund").path("items").get(0).path("en").asText())
                .as("unchanged by bob").isEqualTo("Refunds take 3 to 5 days.");

        TestBaton.Json edited = bob.put("/api/canned-replies/" + bobsId, Map.of("en", "Back in a minute."));
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.body().path("en").asText()).isEqualTo("Back in a minute.");
        assertThat(edited.body().path("shortcut").asText()).isEqualTo("brb");
        assertThat(bob.delete("/api/canned-replies/" + bobsId).status()).isEqualTo(204);
        assertThat(bob.delete("/api/canned-replies/" + bobsId).status()).isEqualTo(404);
        assertThat(ann.put("/api/canned-replies/" + teamId, Map.of("en", "Refunds take 3 days.")).status())
                .isEqualTo(200);
        assertThat(ann.delete("/api/canned-replies/" + teamId).status()).isEqualTo(204);
    }

    @Test
    void should_fill_a_reply_for_a_conversation_and_flag_what_it_cannot_fill() {
        String customer = "canned-" + System.nanoTime();
        Map<String, Object> msg = new HashMap<>(Map.of("customer", customer, "name", "Carol",
                "text", "I want a human please"));
        long conv = baton.anonymous().postJson("/api/dev/messages", msg).body().path("conversationId").asLong();
        TestBaton.Client bob = baton.login("bob");
        bob.postJson("/api/canned-replies", Map.of("shortcut", "ship", "en", "Parcel {order.tracking} for {ticket.id}"));

        JsonNode items = bob.getJson("/api/canned-replies?conversation=" + conv).path("items");

        JsonNode welcome = byShortcut(items, "welcome");
        assertThat(welcome.path("scope").asText()).as("seeded from inbox.canned-replies").isEqualTo("team");
        assertThat(welcome.path("editable").asBoolean()).isFalse();
        assertThat(welcome.path("filled").path("text").asText()).isEqualTo("Hi Carol, bob here.");
        assertThat(welcome.path("filled").path("unresolved").size()).isZero();
        JsonNode ship = byShortcut(items, "ship");
        assertThat(ship.path("filled").path("text").asText()).startsWith("Parcel {order.tracking} for ")
                .doesNotContain("{ticket.id}");
        assertThat(ship.path("filled").path("unresolved").toString()).isEqualTo("[\"{order.tracking}\"]");

        assertThat(bob.getStatus("/api/canned-replies?conversation=abc").status()).isEqualTo(400);
        assertThat(bob.getStatus("/api/canned-replies?conversation=999999").status()).isEqualTo(404);
        assertThat(bob.postJson("/api/canned-replies", Map.of("scope", "everyone", "shortcut", "x", "en", "y"))
                .body().path("error").asText()).isEqualTo("scope must be team or personal");
        assertThat(bob.postJson("/api/canned-replies", Map.of("shortcut", "x")).status()).isEqualTo(400);
        assertThat(baton.anonymous().getStatus("/api/canned-replies").status()).isEqualTo(401);
    }

    @Test
    void should_show_notes_to_agents_and_never_send_them_to_the_customer() {
        String customer = "notes-" + System.nanoTime();
        long conv = baton.customerSays(customer, "I want a human please").path("conversationId").asLong();
        TestBaton.Client bob = baton.login("bob");

        TestBaton.Json added = bob.postJson("/api/conversations/" + conv + "/notes",
                Map.of("text", "VIP next month, be gentle"));

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.body().path("author").asText()).isEqualTo("bob");
        assertThat(baton.token("zoe").getJson("/api/conversations/" + conv + "/notes").path("items").get(0)
                .path("text").asText()).isEqualTo("VIP next month, be gentle");
        JsonNode line = null;
        for (JsonNode l : baton.login("ann").getJson("/api/conversations/" + conv).path("transcript")) {
            if (l.path("text").asText().equals("VIP next month, be gentle")) {
                line = l;
            }
        }
        assertThat(line).as("in the agents' transcript").isNotNull();
        assertThat(line.path("author").asText()).isEqualTo("note");
        assertThat(line.path("authorName").asText()).isEqualTo("bob");
        assertThat(bob.postJson("/api/conversations/" + conv + "/reply", Map.of("text", "Bob here.")).status())
                .isEqualTo(202);

        JsonNode heard = baton.anonymous().getJson("/api/dev/messages?customer=" + customer + "&after=0");
        assertThat(heard.toString()).contains("Bob here.").doesNotContain("VIP next month");
        assertThat(bob.postJson("/api/conversations/" + conv + "/notes", Map.of("text", " ")).status())
                .isEqualTo(400);
        assertThat(bob.postJson("/api/conversations/999999/notes", Map.of("text", "x")).status()).isEqualTo(404);
        assertThat(bob.postJson("/api/conversations/" + conv + "/notes", Map.of("text", "x"), false).status())
                .isEqualTo(403);
        assertThat(baton.anonymous().getStatus("/api/conversations/" + conv + "/notes").status()).isEqualTo(401);
    }

    private static JsonNode byShortcut(JsonNode items, String shortcut) {
        for (JsonNode i : items) {
            if (i.path("shortcut").asText().equals(shortcut)) {
                return i;
            }
        }
        throw new AssertionError("no reply /" + shortcut + " in " + items);
    }
}
