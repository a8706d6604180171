package dev.baton.whatsapp.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.channel.OutboundMessage.Author;
import dev.baton.core.channel.SendOutcome;
import dev.baton.core.csat.CsatTexts;
import dev.baton.core.state.KeyValueStore;
import dev.baton.whatsapp.Fixtures;
import dev.baton.whatsapp.config.TemplateConfig;
import dev.baton.whatsapp.config.WhatsAppConfig;
import dev.baton.whatsapp.graph.GraphApiClient;
import dev.baton.whatsapp.graph.GraphJson;
import dev.baton.whatsapp.graph.WhatsAppAlerts;
import dev.baton.whatsapp.graph.WhatsAppMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** A satisfaction request on WhatsApp: a list of the five scores (buttons hold three), never the window template. */
class WhatsAppRatingRequestTest {

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String MESSAGES = "/v21.0/" + Fixtures.PHONE_NUMBER_ID + "/messages";
    private static final Instant NOW = Instant.parse("2025-02-12T10:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private WhatsAppSender sender(WhatsAppConfig config) {
        GraphApiClient client = new GraphApiClient(Fixtures.http(), config.apiBaseUrl(), config.phoneNumberId(),
                config.accessToken());
        return new WhatsAppSender(config, client, KeyValueStore.inMemory(), Clock.fixed(NOW, ZoneOffset.UTC),
                new WhatsAppMetrics(meters), new WhatsAppAlerts(new WhatsAppMetrics(meters)));
    }

    private static WhatsAppConfig config() {
        return Fixtures.config(URI.create(graph.baseUrl() + "/v21.0"));
    }

    private static OutboundMessage request(String language, Duration sinceCustomerWrote) {
        return new OutboundMessage(42L, 7L, WhatsAppConfig.CHANNEL, Fixtures.CUSTOMER, Fixtures.PHONE_NUMBER_ID,
                CsatTexts.request(language), Author.SYSTEM, language, NOW.minus(sinceCustomerWrote));
    }

    private static List<JsonNode> sent() {
        return graph.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).stream().map(r -> {
            try {
                return GraphJson.mapper().readTree(r.getBodyAsString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    private static String ok() {
        return new String(Fixtures.payload("graph/send-ok.json"), StandardCharsets.UTF_8);
    }

    @Test
    void should_send_an_interactive_list_with_one_row_per_score_in_the_customers_language() {
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ok())));

        SendOutcome outcome = sender(config()).send(request("zh", Duration.ofHours(1)));

        assertThat(outcome).isInstanceOf(SendOutcome.Delivered.class);
        assertThat(sent()).singleElement().satisfies(body -> {
            assertThat(body.path("type").asText()).isEqualTo("interactive");
            JsonNode interactive = body.path("interactive");
            assertThat(interactive.path("type").asText()).isEqualTo("list");
            assertThat(interactive.at("/body/text").asText()).startsWith("请为本次人工服务打分");
            assertThat(interactive.at("/action/button").asText()).isEqualTo("评分");
            List<String> ids = new ArrayList<>();
            List<String> titles = new ArrayList<>();
            interactive.at("/action/sections/0/rows").forEach(row -> {
                ids.add(row.path("id").asText());
                titles.add(row.path("title").asText());
            });
            assertThat(ids).containsExactly("baton_rating_5", "baton_rating_4", "baton_rating_3", "baton_rating_2",
                    "baton_rating_1");
            assertThat(titles).first().isEqualTo("5 · 非常满意");
            assertThat(titles).allSatisfy(t -> assertThat(t.codePointCount(0, t.length())).isLessThanOrEqualTo(24));
            assertThat(body.toString()).as("no human button on a rating request").doesNotContain("baton_human");
        });
    }

    @Test
    void should_drop_a_request_whose_window_closed_instead_of_sending_the_template() {
        WhatsAppSender sender = sender(config().withTemplate(new TemplateConfig("order_follow_up", "en_US")));

        SendOutcome outcome = sender.send(request("en", Duration.ofHours(25)));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class,
                r -> assertThat(r.windowClosed()).isTrue());
        assertThat(sent()).isEmpty();
    }
}
