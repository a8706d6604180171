package dev.baton.app.inbox;

import dev.baton.inbox.http.InboxAuth;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbox REST API and pages: login, CSRF, roles, the API token, and the ticket actions. */
class InboxApiTest {

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
    void should_refuse_everything_when_not_logged_in() {
        TestBaton.Client anon = baton.anonymous();
        assertThat(anon.getStatus("/api/queue").status()).isEqualTo(401);
        assertThat(anon.getStatus("/api/conversations/1").status()).isEqualTo(401);
        assertThat(anon.getStatus("/api/analytics").status()).isEqualTo(401);
        assertThat(anon.getStatus("/api/events").status()).isEqualTo(401);
        assertThat(anon.postJson("/api/conversations/1/reply", Map.of("text", "hi")).status()).isEqualTo(401);
        assertThat(anon.postJson("/api/drafts/x.md/approve", Map.of()).status()).isEqualTo(401);
        HttpResponse<String> page = anon.get("/inbox");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValue("/inbox/login");
        assertThat(anon.get("/inbox/analytics").statusCode()).isEqualTo(302);
        assertThat(anon.get("/inbox/login").statusCode()).isEqualTo(200);
    }

    @Test
    void should_reject_a_wrong_password_and_a_wrong_api_token() {
        TestBaton.Client c = baton.anonymous();
        HttpResponse<String> r = c.form("/inbox/login", "name=ann&password=wrong");
        assertThat(r.headers().firstValue("Location")).hasValue("/inbox/login?error=1");
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(c.getStatus("/api/me").status()).isEqualTo(401);
        HttpResponse<String> unknown = c.form("/inbox/login", "name=nobody&password=" + TestBaton.PASSWORD);
        assertThat(unknown.headers().firstValue("Location")).hasValue("/inbox/login?error=1");

        var bad = c.send(c.request("/api/queue").header("Authorization", "Bearer nope").GET().build());
        assertThat(bad.statusCode()).isEqualTo(401);
    }

    @Test
    void should_set_an_httponly_samesite_session_cookie_on_login() {
        TestBaton.Client c = baton.anonymous();
        HttpResponse<String> r = c.form("/inbox/login", "name=bob&password=" + TestBaton.PASSWORD);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(InboxAuth.COOKIE + "=").contains("HttpOnly").contains("SameSite=Strict");
        JsonNode me = c.getJson("/api/me");
        assertThat(me.path("name").asText()).isEqualTo("bob");
        assertThat(me.path("role").asText()).isEqualTo("agent");
        assertThat(me.path("csrf").asText()).hasSizeGreaterThan(20);
        assertThat(c.get("/inbox").statusCode()).isEqualTo(200);
    }

    @Test
    void should_require_the_csrf_token_on_state_changes() {
        String customer = "csrf-" + System.nanoTime();
        baton.customerSays(customer, "I want a human please");
        long conv = conversationOf(customer);
        TestBaton.Client bob = baton.login("bob");
        assertThat(bob.postJson("/api/conversations/" + conv + "/reply", Map.of("text", "hello"), false).status())
                .isEqualTo(403);
        assertThat(bob.postJson("/api/conversations/" + conv + "/reply", Map.of("text", "hello")).status())
                .isEqualTo(202);
    }

    @Test
    void should_not_let_an_agent_act_as_a_supervisor() throws Exception {
        String customer = "role-" + System.nanoTime();
        baton.customerSays(customer, "I want a human please");
        long ticket = ticketOf(customer);
        TestBaton.Client bob = baton.login("bob");
        assertThat(bob.postJson("/api/tickets/" + ticket + "/assign", Map.of("agent", "ann")).status())
                .isEqualTo(403);
        assertThat(bob.postJson("/api/tickets/" + ticket + "/transfer", Map.of("agent", "ann")).status())
                .isEqualTo(403);
        assertThat(bob.getStatus("/api/analytics").status()).isEqualTo(403);
        assertThat(bob.get("/inbox/analytics").statusCode()).isEqualTo(403);
        Files.createDirectories(baton.dir.resolve("knowledge/_drafts"));
        Files.writeString(baton.dir.resolve("knowledge/_drafts/x.md"), "# q\n\na\n");
        assertThat(bob.postJson("/api/drafts/x.md/approve", Map.of()).status()).isEqualTo(403);

        TestBaton.Client ann = baton.login("ann");
        assertThat(ann.postJson("/api/tickets/" + ticket + "/assign", Map.of("agent", "bob")).status())
                .isEqualTo(200);
        assertThat(ann.getStatus("/api/analytics").status()).isEqualTo(200);
        assertThat(ann.postJson("/api/drafts/x.md/discard", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void should_let_the_api_token_act_for_a_helpdesk_agent() {
        String customer = "token-" + System.nanoTime();
        baton.customerSays(customer, "I want a human please");
        long conv = conversationOf(customer);
        TestBaton.Client desk = baton.token("zoe@helpdesk");
        assertThat(desk.postJson("/api/conversations/" + conv + "/reply", Map.of("text", "Zoe here")).status())
                .isEqualTo(202);
        JsonNode view = desk.getJson("/api/conversations/" + conv);
        assertThat(view.path("conversation").path("assignee").asText()).isEqualTo("zoe@helpdesk");
        assertThat(desk.postJson("/api/conversations/" + conv + "/resolve", Map.of("note", "done")).status())
                .isEqualTo(200);
        assertThat(desk.getJson("/api/conversations/" + conv).path("conversation").path("state").asText())
                .isEqualTo("BOT");
    }

    @Test
    void should_show_the_queue_and_the_conversation_with_reasons_and_suggestions() {
        String customer = "view-" + System.nanoTime();
        baton.customerSays(customer, "How do I return an item?");
        baton.customerSays(customer, "I want a human please");
        TestBaton.Client bob = baton.login("bob");
        JsonNode item = queueItem(bob, customer);
        assertThat(item.path("reasons").toString()).contains("explicit_request");
        assertThat(item.path("status").asText()).isEqualTo("open");
        assertThat(item.path("position").asInt()).isPositive();
        assertThat(item.path("waitSeconds").asLong()).isNotNegative();
        assertThat(item.path("group").asText()).isEqualTo("support");

        long conv = item.path("conversationId").asLong();
        JsonNode view = bob.getJson("/api/conversations/" + conv);
        assertThat(view.path("ticket").path("summary").asText()).isNotBlank();
        assertThat(view.path("customer").path("channel").asText()).isEqualTo("dev");
        assertThat(view.path("transcript").size()).isGreaterThanOrEqualTo(4);
        assertThat(view.path("ticket").path("botAttempts").size()).isGreaterThanOrEqualTo(1);
        assertThat(view.path("replyWindow").path("status").asText()).isEqualTo("unlimited");
        assertThat(view.path("suggestions").toString()).contains("return");

        TestBaton.Json claimed = bob.postJson("/api/tickets/" + item.path("id").asLong() + "/claim", Map.of());
        assertThat(claimed.status()).as(claimed.body().toString()).isEqualTo(200);
        assertThat(bob.postJson("/api/tickets/" + item.path("id").asLong() + "/transfer",
                Map.of("group", "nope")).status()).isEqualTo(400);
        assertThat(bob.postJson("/api/tickets/" + item.path("id").asLong() + "/transfer",
                Map.of("group", "vip")).status()).isEqualTo(200);
        assertThat(queueItem(bob, customer).path("group").asText()).isEqualTo("vip");
        TestBaton.Client ann = baton.login("ann");
        assertThat(ann.postJson("/api/conversations/" + conv + "/reply", Map.of("text", "ann here")).status())
                .as("a supervisor may step in").isEqualTo(202);
        assertThat(bob.postJson("/api/conversations/" + conv + "/reply", Map.of("text", "mine?")).status())
                .as("now it is ann's").isEqualTo(403);
    }

    @Test
    void should_save_approve_and_count_a_knowledge_draft() throws Exception {
        String customer = "draft-" + System.nanoTime();
        baton.customerSays(customer, "I want a human please");
        long conv = conversationOf(customer);
        TestBaton.Client ann = baton.login("ann");
        TestBaton.Json saved = ann.postJson("/api/conversations/" + conv + "/knowledge-drafts",
                Map.of("question", "Can I pay with gift cards?", "answer", "Yes, at checkout."));
        assertThat(saved.status()).isEqualTo(201);
        String name = saved.body().path("name").asText();
        assertThat(baton.dir.resolve("knowledge/_drafts/" + name)).exists();
        assertThat(ann.getJson("/api/drafts").path("items").toString()).contains("gift cards");
        assertThat(ann.postJson("/api/drafts/" + name + "/approve", Map.of()).status()).isEqualTo(200);
        assertThat(baton.dir.resolve("knowledge/" + name)).exists();
        assertThat(baton.dir.resolve("knowledge/_drafts/" + name)).doesNotExist();
        assertThat(baton.runtime.knowledge().search("gift cards", 3).hits().get(0).answer()).contains("checkout");
        assertThat(ann.getJson("/api/analytics?days=1").path("draftsApproved").asLong()).isPositive();
        assertThat(ann.postJson("/api/drafts/..%2Fbaton.yaml/approve", Map.of()).status()).isIn(400, 404);
    }

    @Test
    void should_keep_a_drafts_provenance_out_of_the_answer_customers_get_once_approved() {
        String customer = "provenance-" + System.nanoTime();
        baton.customerSays(customer, "I want a human please");
        long conv = conversationOf(customer);
        TestBaton.Client ann = baton.login("ann");
        String name = ann.postJson("/api/conversations/" + conv + "/knowledge-drafts",
                Map.of("question", "Do you deliver to Macau?", "answer", "Yes, Macau deliveries take 3 days."))
                .body().path("name").asText();
        assertThat(ann.postJson("/api/drafts/" + name + "/approve", Map.of()).status()).isEqualTo(200);

        JsonNode answer = baton.customerSays("asks-" + System.nanoTime(), "Do you deliver to Macau?");

        String text = answer.path("replies").get(0).path("text").asText();
        assertThat(text).contains("Macau deliveries take 3 days");
        assertThat(text).doesNotContain("<!--", "draft from conversation", "by ann");
        assertThat(baton.runtime.knowledge().search("deliver to Macau", 3).hits().get(0).answer())
                .contains("Macau deliveries").doesNotContain("<!--", "conversation " + conv);
        assertThat(baton.dir.resolve("knowledge/" + name)).content()
                .as("the provenance stays in the file, for the editors").contains("draft from conversation " + conv);
    }

    @Test
    void should_report_analytics() {
        String customer = "stats-" + System.nanoTime();
        baton.customerSays(customer, "I want a human please");
        long conv = conversationOf(customer);
        TestBaton.Client ann = baton.login("ann");
        ann.postJson("/api/conversations/" + conv + "/reply", Map.of("text", "hi"));
        ann.postJson("/api/conversations/" + conv + "/resolve", Map.of("note", "ok"));
        JsonNode a = ann.getJson("/api/analytics?days=7");
        assertThat(a.path("handoffs").asLong()).isPositive();
        assertThat(a.path("handoffRate").asDouble()).isBetween(0.0, 1.0);
        assertThat(a.path("byReason").path("explicit_request").path("count").asLong()).isPositive();
        assertThat(a.path("reasonLabels").path("explicit_request").asText()).as("for the chart and the table")
                .isEqualTo("asked for a person");
        assertThat(a.path("firstHumanReply").path("samples").asInt()).isPositive();
        assertThat(a.path("queueWait").path("p90").isNumber()).isTrue();
        assertThat(ann.getStatus("/api/analytics?days=0").status()).isEqualTo(400);
    }

    @Test
    void should_serve_the_chart_library_from_the_webjar() {
        HttpResponse<String> r = baton.anonymous().get("/webjars/chart.js/4.4.1/dist/chart.umd.js");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Chart");
        assertThat(baton.anonymous().get("/webjars/../../baton.yaml").statusCode()).isIn(400, 404);
    }

    private static JsonNode queueItem(TestBaton.Client c, String customer) {
        for (JsonNode item : c.getJson("/api/queue").path("items")) {
            if (item.path("customer").path("name").asText().equals(customer)) {
                return item;
            }
        }
        throw new AssertionError("no queue item for " + customer);
    }

    private static long ticketOf(String customer) {
        return queueItem(baton.token("test"), customer).path("id").asLong();
    }

    private static long conversationOf(String customer) {
        return queueItem(baton.token("test"), customer).path("conversationId").asLong();
    }
}
