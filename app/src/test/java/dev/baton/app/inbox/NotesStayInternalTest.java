package dev.baton.app.inbox;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An internal note goes nowhere but the agents' screen: with an LLM (stubbed, also writing the handoff summary) and a
 * helpdesk webhook inbox (stubbed), every request Baton makes to the model and every event it posts to the helpdesk
 * over a whole conversation (bot turns, handoff, summary, an agent's reply, a customer message, resolve) is free of
 * the notes added along the way, and so is what the customer receives.
 */
class NotesStayInternalTest {

    private static final String NOTE = "NOTE-4711 refund approved internally";

    @RegisterExtension
    static WireMockExtension remote = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    static Path dir;
    static TestBaton baton;
    static String answer;

    @BeforeAll
    static void start() throws Exception {
        try (InputStream in = NotesStayInternalTest.class.getResourceAsStream("/llm/answer.json")) {
            answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        baton = TestBaton.start(dir, Map.of("KIND", "webhook", "INBOX", """
                  webhook:
                    url: %s/hooks/baton
                    secret: 0123456789abcdef-secret
                """.formatted(remote.baseUrl()), "CHANNELS", """
                llm:
                  base-url: %s/v1
                  api-key: test-key
                  model: deepseek-chat
                  timeout: 5s
                  max-retries: 0
                  llm-summary: true
                """.formatted(remote.baseUrl())));
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    @Test
    void should_keep_notes_out_of_the_model_the_helpdesk_and_the_customers_channel() {
        remote.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(answer)));
        remote.stubFor(post(urlEqualTo("/hooks/baton")).willReturn(aResponse().withStatus(200)));
        String customer = "internal-" + System.nanoTime();
        long conv = baton.customerSays(customer, "How do I return an item?").path("conversationId").asLong();
        TestBaton.Client ann = baton.token("ann");
        assertThat(ann.postJson("/api/conversations/" + conv + "/notes", Map.of("text", NOTE + " (1)")).status())
                .isEqualTo(201);
        baton.customerSays(customer, "And how long does the refund take?");
        assertThat(baton.customerSays(customer, "I want a human please").path("state").asText()).isEqualTo("QUEUED");
        await().atMost(Duration.ofSeconds(20)).until(() -> posted("/hooks/baton").stream()
                .anyMatch(r -> r.getBodyAsString().contains("ticket.opened")));

        ann.postJson("/api/conversations/" + conv + "/notes", Map.of("text", NOTE + " (2)"));
        assertThat(ann.postJson("/api/conversations/" + conv + "/reply", Map.of("text", "Ann here, I'll check."))
                .status()).isEqualTo(202);
        baton.customerSays(customer, "Thanks, I'll wait");
        assertThat(ann.postJson("/api/conversations/" + conv + "/resolve", Map.of("note", "refund sent")).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> posted("/hooks/baton").stream()
                .anyMatch(r -> r.getBodyAsString().contains("conversation.closed")));

        List<LoggedRequest> model = posted("/v1/chat/completions");
        assertThat(model).as("the model answered twice and was asked for the summary").hasSizeGreaterThanOrEqualTo(3);
        assertThat(model).extracting(LoggedRequest::getBodyAsString).allSatisfy(b -> assertThat(b)
                .as("what the model is given").contains("return").doesNotContain("NOTE-4711"));
        assertThat(posted("/hooks/baton")).extracting(LoggedRequest::getBodyAsString)
                .anySatisfy(b -> assertThat(b).contains("ticket.opened"))
                .anySatisfy(b -> assertThat(b).contains("customer.message"))
                .allSatisfy(b -> assertThat(b).as("what the helpdesk gets").doesNotContain("NOTE-4711"));
        assertThat(baton.anonymous().getJson("/api/dev/messages?customer=" + customer + "&after=0").toString())
                .contains("Ann here").doesNotContain("NOTE-4711");
        assertThat(ann.getJson("/api/conversations/" + conv + "/notes").path("items").size())
                .as("the agents still have both").isEqualTo(2);
        remote.verify(anyRequestedFor(urlPathEqualTo("/hooks/baton")));
        remote.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    private static List<LoggedRequest> posted(String path) {
        return remote.findAll(postRequestedFor(urlEqualTo(path)));
    }
}
