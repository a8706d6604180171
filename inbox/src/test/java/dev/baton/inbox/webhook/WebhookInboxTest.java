package dev.baton.inbox.webhook;

import dev.baton.core.store.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.baton.core.handoff.routing.FirstResponseTimeouts;
import dev.baton.core.store.CallbackRepository;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.inbox.config.InboxConfig;
import dev.baton.core.channel.Channel;
import dev.baton.core.store.EngineJson;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.store.Database;
import dev.baton.core.testing.TestClock;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code inbox.kind: webhook}: signed ticket JSON, retried on 5xx, not retried on 4xx, durable across a restart,
 * dead after max-attempts.
 */
class WebhookInboxTest {

    static final String SECRET = "0123456789abcdef-secret";

    @RegisterExtension
    static WireMockExtension helpdesk = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Database db = Database.open("jdbc:h2:mem:webhook-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            null, null, 4);

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
        db.close();
    }

    private WebhookInbox inbox() {
        return inbox(scheduler, Duration.ofMillis(10), Clock.systemUTC(), 3);
    }

    private WebhookInbox inbox(ScheduledExecutorService on, Duration firstBackoff, Clock clock, int maxAttempts) {
        InboxConfig.Webhook cfg = new InboxConfig.Webhook(URI.create(helpdesk.baseUrl() + "/hooks/baton"), SECRET,
                maxAttempts);
        WebhookInbox inbox = new WebhookInbox(cfg, db, new OkHttpClient(), EngineJson.mapper(), on, firstBackoff,
                clock);
        inbox.recoverInterrupted();
        on.scheduleWithFixedDelay(inbox::deliverDue, 0, 20, TimeUnit.MILLISECONDS);
        return inbox;
    }

    /** A stopped clock: a retry is due only when the test moves the clock past its backoff. */
    private static TestClock clock() {
        return TestClock.at(Instant.parse("2026-03-02T10:00:00Z"));
    }

    /** Waits until the one pending delivery has failed {@code attempts} times and waits for its retry. */
    private static void awaitFailedAttempts(WebhookInbox inbox, int attempts) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(inbox.deliveries(WebhookInbox.Status.PENDING, 10))
                        .anySatisfy(d -> assertThat(d.attempts()).isEqualTo(attempts)));
    }

    @Test
    void should_deliver_a_pending_ticket_exactly_once_after_a_restart() throws Exception {
        helpdesk.stubFor(post("/hooks/baton").willReturn(aResponse().withStatus(503)));
        TestClock clock = clock();
        ScheduledExecutorService before = Executors.newSingleThreadScheduledExecutor();
        WebhookInbox first = inbox(before, Duration.ofMinutes(1), clock, 5);
        first.open(ticket());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(first.deliveries(WebhookInbox.Status.PENDING, 10))
                        .singleElement().satisfies(d -> assertThat(d.attempts()).isEqualTo(1)));
        before.shutdownNow();
        assertThat(before.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        helpdesk.verify(1, postRequestedFor(urlEqualTo("/hooks/baton")));

        // Baton restarts (a new inbox on the same database); the helpdesk is back; the retry time has come.
        helpdesk.resetAll();
        helpdesk.stubFor(post("/hooks/baton").willReturn(aResponse().withStatus(200)));
        clock.advance(Duration.ofMinutes(2));
        WebhookInbox second = inbox(scheduler, Duration.ofMinutes(1), clock, 5);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(second.deliveries(WebhookInbox.Status.SENT, 10)).hasSize(1));
        second.deliverDue(); // one more run of the worker: a sent delivery is not posted again
        helpdesk.verify(1, postRequestedFor(urlEqualTo("/hooks/baton"))
                .withHeader("X-Baton-Event", equalTo("ticket.opened")));
        LoggedRequest r = helpdesk.getAllServeEvents().get(0).getRequest();
        assertThat(r.getBodyAsString()).contains("Alice wants a refund");
        assertThat(r.getHeader("X-Baton-Signature")).isEqualTo(WebhookInbox.signature(SECRET, r.getBody()));
        assertThat(second.deliveries(WebhookInbox.Status.SENT, 10).get(0).attempts()).isEqualTo(2);
        assertThat(second.deliveries(WebhookInbox.Status.PENDING, 10)).isEmpty();
    }

    @Test
    void should_post_an_sla_breach_and_a_left_message_as_signed_events() throws Exception {
        helpdesk.stubFor(post("/hooks/baton").willReturn(aResponse().withStatus(200)));
        WebhookInbox inbox = inbox();
        Instant claimed = Instant.parse("2026-03-02T10:00:00Z");
        inbox.slaBreached(new FirstResponseTimeouts.Breach(12, 34, "support", "bob", claimed, Duration.ofMinutes(5),
                2, claimed.plus(Duration.ofMinutes(5))));
        inbox.callbackRequested(new CallbackRepository.Row(5, 35, CallbackRepository.Status.OPEN,
                CallbackRepository.Origin.QUEUE_TIMEOUT, "support", "Li", "13800138000", "退款还没到账", "zh", 0,
                claimed, claimed, claimed.plus(Duration.ofHours(4)), null, null, null, null));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(inbox.deliveries(WebhookInbox.Status.SENT, 10)).hasSize(2));
        LoggedRequest breach = helpdesk.findAll(postRequestedFor(urlEqualTo("/hooks/baton"))
                .withHeader("X-Baton-Event", equalTo("ticket.sla_breached"))).get(0);
        JsonNode b = EngineJson.mapper().readTree(breach.getBodyAsString());
        assertThat(b.path("conversationId").asLong()).isEqualTo(34);
        assertThat(b.path("ticketId").asLong()).isEqualTo(12);
        assertThat(b.path("agent").asText()).isEqualTo("bob");
        assertThat(b.path("firstResponseSeconds").asLong()).isEqualTo(300);
        assertThat(b.path("breaches").asInt()).isEqualTo(2);
        assertThat(breach.getHeader("X-Baton-Signature")).isEqualTo(WebhookInbox.signature(SECRET, breach.getBody()));
        LoggedRequest left = helpdesk.findAll(postRequestedFor(urlEqualTo("/hooks/baton"))
                .withHeader("X-Baton-Event", equalTo("callback.requested"))).get(0);
        JsonNode cb = EngineJson.mapper().readTree(left.getBodyAsString()).path("callback");
        assertThat(cb.path("contact").asText()).isEqualTo("13800138000");
        assertThat(cb.path("origin").asText()).isEqualTo("queue_timeout");
        assertThat(cb.path("promisedAt").asText()).isEqualTo("2026-03-02T14:00:00Z");
    }

    @Test
    void should_repost_a_delivery_caught_mid_post_with_the_same_delivery_id() throws Exception {
        helpdesk.stubFor(post("/hooks/baton").willReturn(aResponse().withStatus(200)));
        long conv = 77;
        String id = "11111111-2222-3333-4444-555555555555";
        db.withConnection(c -> Sql.insert(c, "INSERT INTO webhook_deliveries (delivery_id, event, "
                + "conversation_id, body, status, attempts, next_attempt_at, created_at, updated_at) "
                + "VALUES (?, 'customer.message', ?, '{\"text\":\"hi\"}', 'SENDING', 0, ?, ?, ?)", id, conv,
                Instant.now(), Instant.now(), Instant.now()));
        WebhookInbox restarted = inbox();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(restarted.deliveries(WebhookInbox.Status.SENT, 10)).hasSize(1));
        helpdesk.verify(1, postRequestedFor(urlEqualTo("/hooks/baton"))
                .withHeader("X-Baton-Delivery", equalTo(id)));
    }

    @Test
    void should_mark_a_delivery_dead_after_max_attempts() {
        helpdesk.stubFor(post("/hooks/baton").willReturn(aResponse().withStatus(500)));
        TestClock clock = clock();
        WebhookInbox inbox = inbox(scheduler, Duration.ofMinutes(1), clock, 3);
        inbox.closed(42, "done");
        awaitFailedAttempts(inbox, 1);
        clock.advance(Duration.ofMinutes(1)); // the first backoff
        awaitFailedAttempts(inbox, 2);
        clock.advance(Duration.ofMinutes(2)); // the second, doubled
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(inbox.deliveries(WebhookInbox.Status.DEAD, 10)).singleElement()
                        .satisfies(d -> assertThat(d.lastError()).isEqualTo("HTTP 500")));
        clock.advance(Duration.ofHours(1));
        inbox.deliverDue(); // one more run of the worker, long after: a dead delivery is not posted again
        helpdesk.verify(3, postRequestedFor(urlEqualTo("/hooks/baton")));
    }

    @Test
    void should_keep_the_events_of_one_conversation_in_order() {
        helpdesk.stubFor(post("/hooks/baton").inScenario("order").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        helpdesk.stubFor(post("/hooks/baton").inScenario("order").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200)));
        TestClock clock = clock();
        WebhookInbox inbox = inbox(scheduler, Duration.ofMinutes(1), clock, 3);
        inbox.open(ticket());
        inbox.customerMessage(42, "still there?");
        awaitFailedAttempts(inbox, 1);
        assertThat(inbox.deliveries(WebhookInbox.Status.SENT, 10)).as("the message waits behind the ticket").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(inbox.deliveries(WebhookInbox.Status.SENT, 10)).hasSize(2));
        List<String> events = helpdesk.getAllServeEvents().stream()
                .sorted(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .map(e -> e.getRequest().getHeader("X-Baton-Event")).toList();
        assertThat(events).containsExactly("ticket.opened", "ticket.opened", "customer.message");
    }

    @Test
    void should_send_the_models_summary_as_a_ticket_update_after_the_opened_ticket() {
        helpdesk.stubFor(post("/hooks/baton").willReturn(aResponse().withStatus(200)));
        WebhookInbox inbox = inbox();
        HandoffTicket quick = ticket();
        inbox.open(quick);
        inbox.updated(quick.withSummary("Issue: refund for a broken kettle"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(inbox.deliveries(WebhookInbox.Status.SENT, 10)).hasSize(2));
        List<LoggedRequest> posts = helpdesk.getAllServeEvents().stream()
                .sorted(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .map(e -> e.getRequest()).toList();
        assertThat(posts).extracting(r -> r.getHeader("X-Baton-Event")).containsExactly("ticket.opened",
                "ticket.updated");
        assertThat(posts.get(1).getBodyAsString()).contains("\"id\":7").contains("refund for a broken kettle");
    }

    static HandoffTicket ticket() {
        return new HandoffTicket(7, 42, new HandoffTicket.CustomerProfile(3, Channel.of("dev"), "alice", null, "Alice",
                "vip", List.of("new")), List.of(HandoffReason.VIP), "tier vip", 80, "vip", "Alice wants a refund",
                "en", "refund", List.of(-0.5), List.of(), List.of(), null, Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void should_post_the_ticket_signed_with_hmac_sha256() {
        helpdesk.stubFor(post("/hooks/baton").willReturn(aResponse().withStatus(200)));
        inbox().open(ticket());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                helpdesk.verify(1, postRequestedFor(urlEqualTo("/hooks/baton"))
                        .withHeader("X-Baton-Event", equalTo("ticket.opened"))));
        LoggedRequest r = helpdesk.getAllServeEvents().get(0).getRequest();
        assertThat(r.getHeader("X-Baton-Signature")).isEqualTo(WebhookInbox.signature(SECRET, r.getBody()));
        assertThat(r.getHeader("X-Baton-Signature")).matches("sha256=[0-9a-f]{64}");
        assertThat(r.getBodyAsString()).contains("\"event\":\"ticket.opened\"").contains("\"conversationId\":42")
                .contains("Alice wants a refund").contains("\"reasons\":[");
    }

    @Test
    void should_match_a_known_signature_vector() {
        // printf '{"a":1}' | openssl dgst -sha256 -hmac '0123456789abcdef-secret'
        assertThat(WebhookInbox.signature(SECRET, "{\"a\":1}".getBytes()))
                .isEqualTo("sha256=" + hmacHex("{\"a\":1}"));
    }

    @Test
    void should_retry_on_server_errors_and_keep_the_delivery_id() {
        helpdesk.stubFor(post("/hooks/baton").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        helpdesk.stubFor(post("/hooks/baton").inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200)));
        TestClock clock = clock();
        WebhookInbox inbox = inbox(scheduler, Duration.ofMinutes(1), clock, 3);
        inbox.closed(42, "done");
        awaitFailedAttempts(inbox, 1);
        clock.advance(Duration.ofMinutes(1));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                helpdesk.verify(2, postRequestedFor(urlEqualTo("/hooks/baton"))));
        List<String> ids = helpdesk.getAllServeEvents().stream()
                .map(e -> e.getRequest().getHeader("X-Baton-Delivery")).distinct().toList();
        assertThat(ids).hasSize(1);
    }

    @Test
    void should_not_retry_a_client_error() {
        helpdesk.stubFor(post("/hooks/baton").willReturn(aResponse().withStatus(400)));
        TestClock clock = clock();
        WebhookInbox inbox = inbox(scheduler, Duration.ofMinutes(1), clock, 3);
        inbox.customerMessage(42, "hello");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                helpdesk.verify(1, postRequestedFor(urlEqualTo("/hooks/baton"))));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(inbox.deliveries(WebhookInbox.Status.DEAD, 10)).hasSize(1));
        clock.advance(Duration.ofHours(1));
        inbox.deliverDue(); // one more run of the worker, long after any backoff: no retry
        helpdesk.verify(1, postRequestedFor(urlEqualTo("/hooks/baton")));
        assertThat(inbox.deliveries(WebhookInbox.Status.DEAD, 10)).hasSize(1);
    }

    private static String hmacHex(String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
