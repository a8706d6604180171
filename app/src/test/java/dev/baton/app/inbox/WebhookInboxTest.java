package dev.baton.app.inbox;

import dev.baton.core.store.Sql;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.app.config.InboxConfig;
import dev.baton.core.store.EngineJson;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.store.Database;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import dev.baton.dev.DevConfig;

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
 * dead after max-attempts; and the CRM lookup.
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
        inbox.start(Duration.ofMillis(20));
        return inbox;
    }

    /** A clock the test moves forward. */
    static final class TestClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-02T10:00:00Z"));

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @Test
    void should_deliver_a_pending_ticket_exactly_once_after_a_restart() throws Exception {
        helpdesk.stubFor(post("/hooks/baton").willReturn(aResponse().withStatus(503)));
        TestClock clock = new TestClock();
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
        Thread.sleep(300);
        helpdesk.verify(1, postRequestedFor(urlEqualTo("/hooks/baton"))
                .withHeader("X-Baton-Event", equalTo("ticket.opened")));
        LoggedRequest r = helpdesk.getAllServeEvents().get(0).getRequest();
        assertThat(r.getBodyAsString()).contains("Alice wants a refund");
        assertThat(r.getHeader("X-Baton-Signature")).isEqualTo(WebhookInbox.signature(SECRET, r.getBody()));
        assertThat(second.deliveries(WebhookInbox.Status.SENT, 10).get(0).attempts()).isEqualTo(2);
        assertThat(second.deliveries(WebhookInbox.Status.PENDING, 10)).isEmpty();
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
    void should_mark_a_delivery_dead_after_max_attempts() throws Exception {
        helpdesk.stubFor(post("/hooks/baton").willReturn(aResponse().withStatus(500)));
        WebhookInbox inbox = inbox();
        inbox.closed(42, "done");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(inbox.deliveries(WebhookInbox.Status.DEAD, 10)).singleElement()
                        .satisfies(d -> assertThat(d.lastError()).isEqualTo("HTTP 500")));
        Thread.sleep(200);
        helpdesk.verify(3, postRequestedFor(urlEqualTo("/hooks/baton")));
    }

    @Test
    void should_keep_the_events_of_one_conversation_in_order() {
        helpdesk.stubFor(post("/hooks/baton").inScenario("order").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        helpdesk.stubFor(post("/hooks/baton").inScenario("order").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200)));
        WebhookInbox inbox = inbox();
        inbox.open(ticket());
        inbox.customerMessage(42, "still there?");
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
        return new HandoffTicket(7, 42, new HandoffTicket.CustomerProfile(3, DevConfig.CHANNEL, "alice", null, "Alice",
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
        inbox().closed(42, "done");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                helpdesk.verify(2, postRequestedFor(urlEqualTo("/hooks/baton"))));
        List<String> ids = helpdesk.getAllServeEvents().stream()
                .map(e -> e.getRequest().getHeader("X-Baton-Delivery")).distinct().toList();
        assertThat(ids).hasSize(1);
    }

    @Test
    void should_not_retry_a_client_error() throws Exception {
        helpdesk.stubFor(post("/hooks/baton").willReturn(aResponse().withStatus(400)));
        WebhookInbox inbox = inbox();
        inbox.customerMessage(42, "hello");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                helpdesk.verify(1, postRequestedFor(urlEqualTo("/hooks/baton"))));
        Thread.sleep(200);
        helpdesk.verify(1, postRequestedFor(urlEqualTo("/hooks/baton")));
        assertThat(inbox.deliveries(WebhookInbox.Status.DEAD, 10)).hasSize(1);
    }

    @Test
    void should_look_up_the_customer_in_the_crm_and_survive_a_slow_one() {
        helpdesk.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        urlEqualTo("/crm?channel=dev&id=alice%40x"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"orders\":3,\"ltv\":1200}")));
        helpdesk.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/crm?channel=dev&id=slow"))
                .willReturn(aResponse().withFixedDelay(2000).withBody("{}")));
        CrmLookup crm = new CrmLookup(helpdesk.baseUrl() + "/crm?channel={channel}&id={platformId}",
                new OkHttpClient(), Duration.ofMillis(300), EngineJson.mapper());
        assertThat(crm.lookup("dev", "alice@x", 1)).hasValueSatisfying(n ->
                assertThat(n.path("orders").asInt()).isEqualTo(3));
        assertThat(crm.lookup("dev", "slow", 1)).isEmpty();
        assertThat(new CrmLookup(null, new OkHttpClient(), Duration.ofSeconds(1), EngineJson.mapper())
                .lookup("dev", "x", 1)).isEmpty();
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
