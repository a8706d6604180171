package dev.baton.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.core.store.RatingRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Satisfaction after a person helped, end to end over HTTP as a dev-channel customer and an inbox agent see it: the
 * agent resolves, the customer is asked in text ("reply 1–5"), answers "4 very quick", is thanked, and the rating is
 * stored against the ticket; a group configured with {@code csat: {enabled: false}} asks nothing.
 */
class CsatDevChannelTest {

    @TempDir
    static Path dir;
    static TestBaton baton;

    @BeforeAll
    static void start() throws Exception {
        baton = TestBaton.start(dir, Map.of("EXTRA", """
                    - name: billing
                      csat: { enabled: false }
                """));
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    private static long ticketOf(TestBaton.Client agent, long conversation) {
        for (JsonNode i : agent.getJson("/api/queue").path("items")) {
            if (i.path("conversationId").asLong() == conversation) {
                return i.path("id").asLong();
            }
        }
        throw new AssertionError("conversation " + conversation + " is not in the queue");
    }

    /** Serves the customer: claim, reply, resolve; returns the ticket id and the last reply id seen. */
    private static long[] serve(TestBaton.Client agent, String customer, long conversation) {
        long ticket = ticketOf(agent, conversation);
        assertThat(agent.postJson("/api/tickets/" + ticket + "/claim", Map.of()).status()).isEqualTo(200);
        assertThat(agent.postJson("/api/conversations/" + conversation + "/reply",
                Map.of("text", "Your refund was sent today.")).status()).isEqualTo(202);
        long seen = last(pollUntil(customer, 0, "Your refund was sent today."));
        assertThat(agent.postJson("/api/conversations/" + conversation + "/resolve",
                Map.of("resolution", "resolved")).status()).isEqualTo(200);
        return new long[] {ticket, seen};
    }

    @Test
    void should_ask_after_the_agent_resolves_and_record_the_typed_answer_against_the_ticket() {
        String amy = "amy-" + System.nanoTime();
        long conv = baton.customerSays(amy, "I want to talk to a human").path("conversationId").asLong();
        long[] served = serve(baton.login("bob"), amy, conv);

        List<JsonNode> after = pollUntil(amy, served[1], "How did we do?");
        assertThat(after).extracting(r -> r.path("text").asText()).filteredOn(t -> t.startsWith("How did we do?"))
                .singleElement().asString().contains("reply 1–5");

        JsonNode rated = baton.customerSays(amy, "4 very quick");
        assertThat(rated.path("state").asText()).isEqualTo("BOT");
        assertThat(rated.path("replies")).extracting(r -> r.path("text").asText())
                .containsExactly("Thank you for your rating!");
        List<RatingRepository.Row> ratings = baton.runtime.engine().store().db().withConnection(c ->
                baton.runtime.engine().store().ratings().forConversation(c, conv));
        assertThat(ratings).singleElement().satisfies(r -> {
            assertThat(r.score()).isEqualTo(4);
            assertThat(r.comment()).isEqualTo("very quick");
            assertThat(r.ticketId()).isEqualTo(served[0]);
        });

        JsonNode question = baton.customerSays(amy, "How long does a refund take?");
        assertThat(question.path("replies").get(0).path("text").asText()).contains("3 to 5 working days");
    }

    @Test
    void should_not_ask_when_the_tickets_group_turned_it_off() {
        String ben = "ben-" + System.nanoTime();
        long conv = baton.customerSays(ben, "I want to talk to a human").path("conversationId").asLong();
        TestBaton.Client ann = baton.login("ann");
        assertThat(ann.postJson("/api/tickets/" + ticketOf(ann, conv) + "/transfer", Map.of("group", "billing"))
                .status()).isEqualTo(200);
        long[] served = serve(ann, ben, conv);

        List<JsonNode> after = pollUntil(ben, served[1], "I'm back to help");
        JsonNode five = baton.customerSays(ben, "5");

        assertThat(after).extracting(r -> r.path("text").asText()).noneMatch(t -> t.startsWith("How did we do?"));
        assertThat(five.path("replies")).extracting(r -> r.path("text").asText())
                .doesNotContain("Thank you for your rating!");
        List<RatingRepository.Row> ratings = baton.runtime.engine().store().db().withConnection(c ->
                baton.runtime.engine().store().ratings().forConversation(c, conv));
        assertThat(ratings).isEmpty();
    }

    private static long last(List<JsonNode> replies) {
        return replies.get(replies.size() - 1).path("id").asLong();
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
