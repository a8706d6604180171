package dev.baton.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.core.channel.Channel;
import dev.baton.core.store.CallbackRepository;
import dev.baton.core.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first-response SLA and the callbacks through the REST API, on a Baton whose support group has
 * {@code first-response: 5m} and is closed today (holidays), on the tests' clock: a claim nobody answers goes back to
 * the queue when the clock passes the limit (and is counted in /metrics); a customer off hours leaves a phone number
 * in a plain message and an agent of the group closes the callback; agents only see and close their groups'.
 */
class SlaAndCallbacksApiTest {

    @TempDir
    static Path dir;
    static TestBaton baton;
    static final TestClock time = TestClock.system();

    @BeforeAll
    static void start() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String support = "      first-response: 5m\n      hours:\n        time-zone: UTC\n"
                + "        open: [\"mon-sun 09:00-18:00\"]\n"
                + "        holidays: [" + today.minusDays(1) + ", " + today + ", " + today.plusDays(1) + "]\n";
        baton = TestBaton.start(dir, Map.of("HOURS", support, "EXTRA", "    - name: billing\n"),
                engine -> engine.clock(time));
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    private static JsonNode queued(TestBaton.Client who, String customer) {
        for (JsonNode i : who.getJson("/api/queue").path("items")) {
            if (i.path("customer").path("name").asText().equals(customer)) {
                return i;
            }
        }
        return null;
    }

    @Test
    void should_send_an_unanswered_claim_back_to_the_queue_after_the_groups_first_response_time() {
        baton.customerSays("sla-1", "I want a human");
        TestBaton.Client bob = baton.login("bob");
        long ticket = queued(bob, "sla-1").path("id").asLong();
        assertThat(bob.postJson("/api/tickets/" + ticket + "/claim", Map.of()).status()).isEqualTo(200);

        JsonNode held = queued(bob, "sla-1");
        assertThat(held.path("status").asText()).isEqualTo("assigned");
        assertThat(held.path("sla").path("limitSeconds").asLong()).isEqualTo(300);
        assertThat(held.path("sla").path("replyDueAt").asText()).isNotEmpty();
        assertThat(held.path("sla").path("breaches").asInt()).isZero();

        time.advance(Duration.ofMinutes(5));
        await().atMost(Duration.ofSeconds(15)).until(() -> queued(bob, "sla-1").path("status").asText()
                .equals("open"));

        JsonNode back = queued(baton.login("ann"), "sla-1");
        assertThat(back.path("assignee").isNull()).isTrue();
        assertThat(back.path("sla").path("breaches").asInt()).isEqualTo(1);
        assertThat(back.path("sla").path("lastBreachBy").asText()).isEqualTo("bob");
        assertThat(back.path("position").asInt()).isPositive();
        assertThat(baton.anonymous().get("/metrics").body()).contains("baton_sla_breaches_total{group=\"support\"}");
    }

    @Test
    void should_take_a_message_from_chat_off_hours_and_let_an_agent_of_the_group_close_it() {
        JsonNode asked = baton.customerSays("cb-1", "I want a human");
        assertThat(asked.toString()).contains("leave your phone number or email");
        JsonNode confirmed = baton.customerSays("cb-1", "my refund is missing, phone 13800138000");
        assertThat(confirmed.toString()).contains("13800138000");

        TestBaton.Client bob = baton.login("bob");
        JsonNode item = null;
        for (JsonNode i : bob.getJson("/api/callbacks").path("items")) {
            if (i.path("contact").asText().equals("13800138000")) {
                item = i;
            }
        }
        assertThat(item).isNotNull();
        assertThat(item.path("origin").asText()).isEqualTo("off_hours");
        assertThat(item.path("question").asText()).isEqualTo("my refund is missing");
        assertThat(item.path("group").asText()).isEqualTo("support");
        assertThat(item.path("promisedAt").asText()).as("the next open day, 09:00 plus 4 business hours")
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(2) + "T13:00:00Z");
        assertThat(item.path("overdue").asBoolean()).isFalse();
        long id = item.path("id").asLong();
        long conv = item.path("conversationId").asLong();

        assertThat(bob.postJson("/api/callbacks/" + id + "/close", Map.of("outcome", "maybe")).status())
                .isEqualTo(400);
        TestBaton.Json done = bob.postJson("/api/callbacks/" + id + "/close",
                Map.of("outcome", "reached", "note", "refund re-sent"));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().path("closedBy").asText()).isEqualTo("bob");
        assertThat(done.body().path("outcome").asText()).isEqualTo("reached");
        assertThat(bob.postJson("/api/callbacks/" + id + "/close", Map.of("outcome", "reached")).status())
                .as("closed once").isEqualTo(409);
        JsonNode inConversation = bob.getJson("/api/conversations/" + conv + "/callbacks").path("items").get(0);
        assertThat(inConversation.path("status").asText()).isEqualTo("done");
        assertThat(inConversation.path("outcomeNote").asText()).isEqualTo("refund re-sent");
        assertThat(bob.getJson("/api/callbacks?status=done").toString()).contains("refund re-sent");
        assertThat(bob.getStatus("/api/callbacks?status=later").status()).isEqualTo(400);
    }

    @Test
    void should_keep_other_groups_callbacks_from_an_agent_and_let_a_supervisor_close_them() {
        baton.customerSays("billing-1", "hello");
        long conv = baton.runtime.engine().engine().conversation(Channel.of("dev"), "billing-1").orElseThrow().id();
        long id = baton.runtime.engine().store().db().inTransaction(c -> new CallbackRepository().insertOpen(c, conv,
                CallbackRepository.Origin.FORM, "billing", "Bill", "bill@example.com", "invoice", "en",
                time.instant().plus(Duration.ofHours(1)), time.instant()));
        TestBaton.Client bob = baton.login("bob");

        assertThat(bob.getJson("/api/callbacks").toString()).doesNotContain("bill@example.com");
        assertThat(bob.postJson("/api/callbacks/" + id + "/close", Map.of("outcome", "reached")).status())
                .isEqualTo(403);
        assertThat(baton.anonymous().getStatus("/api/callbacks").status()).isEqualTo(401);
        TestBaton.Client ann = baton.login("ann");
        assertThat(ann.getJson("/api/callbacks").toString()).contains("bill@example.com");
        assertThat(ann.postJson("/api/callbacks/" + id + "/close", Map.of("outcome", "unreachable")).status())
                .isEqualTo(200);
    }
}
