package dev.baton.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copilot and the knowledge gaps through the REST API, on a real Baton with its real embedding models: customers
 * ask about paying with a gift card in different words (which the knowledge does not answer), one goes to a person who
 * answers; the gift-card questions form one gap apart from an unrelated one, linked to that answer; a supervisor turns
 * the gap into a draft; an agent asking the copilot for the next such customer gets the colleague's answer as a draft.
 * Agents may use the copilot; only supervisors see the gaps and draft from them.
 */
class AssistApiTest {

    @TempDir
    static Path dir;
    static TestBaton baton;

    private static final String ANSWER = "Yes: enter the gift card code under Payment at checkout; the rest goes on "
            + "your card.";

    @BeforeAll
    static void start() throws Exception {
        baton = TestBaton.start(dir, Map.of("INBOX", """
                  canned-replies:
                    - shortcut: refund
                      text: { zh: "退款一般 3 到 5 个工作日到账。", en: "Refunds usually take 3 to 5 working days." }
                """));
        long first = conversation("gift-1", "Can I pay with a gift card?");
        baton.customerSays("gift-1", "I want to talk to a human");
        TestBaton.Client ann = baton.login("ann");
        assertThat(ann.postJson("/api/conversations/" + first + "/reply", Map.of("text", "Hi, Ann here.")).status())
                .isEqualTo(202);
        ann.postJson("/api/conversations/" + first + "/reply", Map.of("text", ANSWER));
        assertThat(ann.postJson("/api/conversations/" + first + "/resolve", Map.of("note", "ok")).status())
                .isEqualTo(200);
        conversation("gift-2", "Do you accept gift cards as payment?");
        baton.customerSays("gift-2", "I want to talk to a human");
        conversation("berlin", "Is there a shop in Berlin?");
        baton.customerSays("berlin", "I want to talk to a human");
    }

    private static long conversation(String customer, String text) {
        return baton.customerSays(customer, text).path("conversationId").asLong();
    }

    private static JsonNode draft(JsonNode suggestions, String kind) {
        for (JsonNode d : suggestions.path("drafts")) {
            if (d.path("kind").asText().equals(kind)) {
                return d;
            }
        }
        throw new AssertionError("no " + kind + " draft in " + suggestions);
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    private static JsonNode giftGap(JsonNode report) {
        for (JsonNode g : report.path("gaps")) {
            if (g.path("question").asText().toLowerCase().contains("gift")) {
                return g;
            }
        }
        throw new AssertionError("no gift-card gap in " + report);
    }

    @Test
    void should_group_the_gift_card_questions_apart_and_link_the_human_answer() {
        JsonNode report = baton.login("ann").getJson("/api/knowledge-gaps?days=7");

        JsonNode gift = giftGap(report);
        assertThat(gift.path("conversations").asInt()).as(report.toString()).isEqualTo(2);
        assertThat(gift.path("handedOff").asInt()).isEqualTo(2);
        assertThat(gift.path("handoffRate").asDouble()).isEqualTo(1.0);
        assertThat(gift.path("examples").findValuesAsText("text")).containsExactlyInAnyOrder(
                "Can I pay with a gift card?", "Do you accept gift cards as payment?");
        assertThat(gift.path("answers").get(0).path("text").asText()).isEqualTo(ANSWER);
        assertThat(gift.path("answers").get(0).path("agent").asText()).isEqualTo("ann");
        assertThat(report.path("gaps").findValuesAsText("question")).as("a gap of its own")
                .contains("Is there a shop in Berlin?");
    }

    @Test
    void should_let_supervisors_only_see_gaps_and_draft_from_them() {
        TestBaton.Client bob = baton.login("bob");
        TestBaton.Client ann = baton.login("ann");
        assertThat(bob.getStatus("/api/knowledge-gaps").status()).isEqualTo(403);
        assertThat(baton.anonymous().getStatus("/api/knowledge-gaps").status()).isEqualTo(401);
        assertThat(ann.getStatus("/api/knowledge-gaps?days=abc").status()).isEqualTo(400);
        assertThat(ann.getStatus("/api/knowledge-gaps?days=400").status()).isEqualTo(400);
        assertThat(ann.getStatus("/api/knowledge-gaps?sort=loudest").status()).isEqualTo(400);
        long id = giftGap(ann.getJson("/api/knowledge-gaps")).path("id").asLong();

        assertThat(bob.postJson("/api/knowledge-gaps/" + id + "/draft", Map.of()).status()).isEqualTo(403);
        TestBaton.Json drafted = ann.postJson("/api/knowledge-gaps/" + id + "/draft",
                Map.of("question", "Can I pay with a gift card?"));

        assertThat(drafted.status()).as(drafted.body().toString()).isEqualTo(201);
        String name = drafted.body().path("name").asText();
        JsonNode drafts = ann.getJson("/api/drafts").path("items");
        assertThat(drafts.findValuesAsText("name")).contains(name);
        for (JsonNode d : drafts) {
            if (d.path("name").asText().equals(name)) {
                assertThat(d.path("question").asText()).isEqualTo("Can I pay with a gift card?");
                assertThat(d.path("answer").asText()).isEqualTo(ANSWER);
            }
        }
        assertThat(giftGap(ann.getJson("/api/knowledge-gaps")).path("draft").asText()).isEqualTo(name);
        assertThat(ann.postJson("/api/knowledge-gaps/999999/draft", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void should_draft_the_colleagues_answer_for_the_next_customer_with_the_same_question() {
        long conv = conversation("gift-3", "can I use a gift card to pay for my order?");
        baton.customerSays("gift-3", "human please");
        TestBaton.Client bob = baton.login("bob");

        JsonNode s = bob.getJson("/api/conversations/" + conv + "/copilot");

        assertThat(s.path("question").asText()).isEqualTo("can I use a gift card to pay for my order?");
        assertThat(s.path("language").asText()).isEqualTo("en");
        JsonNode human = draft(s, "human");
        assertThat(human.path("text").asText()).isEqualTo(ANSWER);
        assertThat(human.path("citations").get(0).path("label").asText())
                .matches("reply by ann on \\d{4}-\\d{2}-\\d{2} to a similar question");
        assertThat(baton.anonymous().getStatus("/api/conversations/" + conv + "/copilot").status()).isEqualTo(401);
        assertThat(bob.getStatus("/api/conversations/999999/copilot").status()).isEqualTo(404);
    }

    @Test
    void should_offer_the_knowledge_and_the_matching_canned_reply_for_a_question_the_knowledge_answers() {
        long conv = conversation("refund-1", "How long does a refund take?");
        baton.customerSays("refund-1", "I want to talk to a human");

        JsonNode s = baton.login("bob").getJson("/api/conversations/" + conv + "/copilot");

        JsonNode drafts = s.path("drafts");
        assertThat(drafts.get(0).path("kind").asText()).as(s.toString()).isEqualTo("knowledge");
        assertThat(drafts.get(0).path("text").asText()).startsWith("Refunds reach your original payment");
        assertThat(drafts.get(0).path("citations").get(0).path("label").asText())
                .isEqualTo("Knowledge: How long does a refund take?");
        JsonNode canned = drafts.get(drafts.size() - 1);
        assertThat(canned.path("kind").asText()).as("canned replies come last").isEqualTo("canned");
        assertThat(canned.path("text").asText()).isEqualTo("Refunds usually take 3 to 5 working days.");
        assertThat(canned.path("citations").get(0).path("label").asText()).isEqualTo("canned reply /refund");
    }
}
