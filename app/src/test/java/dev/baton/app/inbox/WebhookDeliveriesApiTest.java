package dev.baton.app.inbox;

import dev.baton.inbox.webhook.WebhookInbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The supervisor API over dead helpdesk webhook deliveries: list them, re-queue one, re-queue all (WireMock). */
class WebhookDeliveriesApiTest {

    @RegisterExtension
    static WireMockExtension helpdesk = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    @TempDir
    static Path dir;
    static TestBaton baton;

    @BeforeAll
    static void start() throws Exception {
        baton = TestBaton.start(dir, Map.of("KIND", "webhook", "INBOX", """
                  webhook:
                    url: %s/hooks/baton
                    secret: 0123456789abcdef-secret
                    max-attempts: 2
                """.formatted(helpdesk.baseUrl())));
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    @Test
    void should_list_dead_deliveries_and_requeue_them_for_a_supervisor_only() {
        // The helpdesk refuses (a 4xx is not retried): both handoffs end as dead deliveries.
        helpdesk.stubFor(post("/hooks/baton").willReturn(aResponse().withStatus(400)));
        for (String who : List.of("a", "b")) {
            assertThat(baton.customerSays("dead-" + who + "-" + System.nanoTime(), "I want a human").path("state")
                    .asText()).isEqualTo("QUEUED");
        }
        TestBaton.Client ann = baton.login("ann");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(ann.getJson("/api/webhook-deliveries?status=dead").path("items").size()).isEqualTo(2));
        JsonNode dead = ann.getJson("/api/webhook-deliveries").path("items");
        assertThat(dead.get(0).path("event").asText()).isEqualTo("ticket.opened");
        assertThat(dead.get(0).path("lastError").asText()).isEqualTo("HTTP 400");
        assertThat(dead.get(0).path("status").asText()).isEqualTo("dead");
        assertThat(dead.toString()).as("the list carries no event bodies").doesNotContain("\"body\"");

        assertThat(baton.anonymous().getStatus("/api/webhook-deliveries").status()).isEqualTo(401);
        TestBaton.Client bob = baton.login("bob");
        assertThat(bob.getStatus("/api/webhook-deliveries").status()).isEqualTo(403);
        long first = dead.get(1).path("id").asLong();
        assertThat(bob.postJson("/api/webhook-deliveries/" + first + "/retry", Map.of()).status()).isEqualTo(403);
        assertThat(ann.postJson("/api/webhook-deliveries/" + first + "/retry", Map.of(), false).status())
                .as("CSRF").isEqualTo(403);
        assertThat(ann.getStatus("/api/webhook-deliveries?status=lost").status()).isEqualTo(400);
        assertThat(ann.postJson("/api/webhook-deliveries/999999/retry", Map.of()).status()).isEqualTo(404);

        // The helpdesk is fixed; re-queue one: it is posted again with the same delivery id.
        helpdesk.resetAll();
        helpdesk.stubFor(post("/hooks/baton").willReturn(aResponse().withStatus(200)));
        String deliveryId = dead.get(1).path("deliveryId").asText();
        TestBaton.Json retried = ann.postJson("/api/webhook-deliveries/" + first + "/retry", Map.of());
        assertThat(retried.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                helpdesk.verify(1, postRequestedFor(urlEqualTo("/hooks/baton"))));
        LoggedRequest r = helpdesk.getAllServeEvents().get(0).getRequest();
        assertThat(r.getHeader("X-Baton-Delivery")).isEqualTo(deliveryId);
        assertThat(r.getHeader("X-Baton-Signature")).isEqualTo(WebhookInbox.signature("0123456789abcdef-secret",
                r.getBody()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(ann.getJson("/api/webhook-deliveries?status=sent").path("items").size()).isEqualTo(1));
        assertThat(ann.postJson("/api/webhook-deliveries/" + first + "/retry", Map.of()).status())
                .as("no longer dead").isEqualTo(409);

        // Re-queue the rest with the integration token.
        TestBaton.Json all = baton.token("ops").postJson("/api/webhook-deliveries/retry", Map.of());
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().path("requeued").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(ann.getJson("/api/webhook-deliveries?status=sent").path("items").size()).isEqualTo(2));
        assertThat(ann.getJson("/api/webhook-deliveries").path("items").size()).isZero();
        List<String> events = new ArrayList<>();
        helpdesk.getAllServeEvents().forEach(e -> events.add(e.getRequest().getHeader("X-Baton-Event")));
        assertThat(events).containsOnly("ticket.opened");
    }
}
