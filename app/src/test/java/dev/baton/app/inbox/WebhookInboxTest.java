package dev.baton.app.inbox;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.app.config.InboxConfig;
import dev.baton.core.channel.Channel;
import dev.baton.core.conversation.EngineJson;
import dev.baton.core.handoff.HandoffReason;
import dev.baton.core.handoff.HandoffTicket;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code inbox.kind: webhook}: signed ticket JSON, retried on 5xx, not retried on 4xx; and the CRM lookup. */
class WebhookInboxTest {

    static final String SECRET = "0123456789abcdef-secret";

    @RegisterExtension
    static WireMockExtension helpdesk = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    private WebhookInbox inbox() {
        InboxConfig.Webhook cfg = new InboxConfig.Webhook(URI.create(helpdesk.baseUrl() + "/hooks/baton"), SECRET, 3);
        return new WebhookInbox(cfg, new OkHttpClient(), EngineJson.mapper(), scheduler, Duration.ofMillis(10),
                Clock.systemUTC());
    }

    static HandoffTicket ticket() {
        return new HandoffTicket(7, 42, new HandoffTicket.CustomerProfile(3, Channel.DEV, "alice", null, "Alice",
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
        inbox().customerMessage(42, "hello");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                helpdesk.verify(1, postRequestedFor(urlEqualTo("/hooks/baton"))));
        Thread.sleep(200);
        helpdesk.verify(1, postRequestedFor(urlEqualTo("/hooks/baton")));
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
