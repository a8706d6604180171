package dev.baton.whatsapp.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.channel.OutboundMessage.Author;
import dev.baton.core.channel.OutboundMessage.Button;
import dev.baton.core.channel.SendOutcome;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class WhatsAppSenderTest {

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String MESSAGES = "/v21.0/" + Fixtures.PHONE_NUMBER_ID + "/messages";
    private static final Instant NOW = Instant.parse("2025-02-12T10:00:00Z");
    private static final String WAMID = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final KeyValueStore state = KeyValueStore.inMemory();

    private WhatsAppSender sender(WhatsAppConfig config) {
        return sender(config, Fixtures.http());
    }

    private WhatsAppSender sender(WhatsAppConfig config, okhttp3.OkHttpClient http) {
        GraphApiClient client = new GraphApiClient(http, config.apiBaseUrl(), config.phoneNumberId(),
                config.accessToken());
        return new WhatsAppSender(config, client, state, Clock.fixed(NOW, ZoneOffset.UTC), new WhatsAppMetrics(meters),
                new WhatsAppAlerts(new WhatsAppMetrics(meters)));
    }

    private WhatsAppSender sender() {
        return sender(config());
    }

    private static WhatsAppConfig config() {
        return Fixtures.config(URI.create(graph.baseUrl() + "/v21.0"));
    }

    private static OutboundMessage message(OutboundMessage.OutboundContent content, Author author, String language,
                                           Instant lastCustomerMessage) {
        return new OutboundMessage(42L, 7L, WhatsAppConfig.CHANNEL, Fixtures.CUSTOMER,
                Fixtures.PHONE_NUMBER_ID, content, author, language, lastCustomerMessage);
    }

    private static OutboundMessage text(String text, Author author) {
        return message(new OutboundMessage.Text(text), author, "en", NOW.minus(Duration.ofHours(1)));
    }

    private static String fixture(String path) {
        return new String(Fixtures.payload(path), StandardCharsets.UTF_8);
    }

    private static ResponseDefinitionBuilder ok() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(fixture("graph/send-ok.json"));
    }

    private static ResponseDefinitionBuilder error(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(fixture("graph/" + fixture));
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

    @Test
    void should_send_plain_text_with_the_bearer_token_when_a_human_replies() {
        // given
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(ok()));
        // when
        SendOutcome outcome = sender().send(text("Your parcel ships today.", Author.HUMAN));
        // then
        assertThat(outcome).isEqualTo(new SendOutcome.Delivered(List.of(WAMID)));
        graph.verify(postRequestedFor(urlPathEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + Fixtures.ACCESS_TOKEN)));
        JsonNode body = sent().get(0);
        assertThat(body.path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(body.path("to").asText()).isEqualTo(Fixtures.CUSTOMER);
        assertThat(body.path("type").asText()).isEqualTo("text");
        assertThat(body.path("text").path("body").asText()).isEqualTo("Your parcel ships today.");
    }

    @Test
    void should_attach_the_human_button_in_the_customers_language_when_the_bot_answers() {
        // given
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(ok()));
        // when
        OutboundMessage answer = message(new OutboundMessage.Text("退货需要在 7 天内申请。"), Author.BOT, "zh-CN",
                NOW.minus(Duration.ofMinutes(5)));
        SendOutcome outcome = sender().send(answer);
        // then
        assertThat(outcome).isInstanceOf(SendOutcome.Delivered.class);
        JsonNode body = sent().get(0);
        assertThat(body.path("type").asText()).isEqualTo("interactive");
        assertThat(body.at("/interactive/type").asText()).isEqualTo("button");
        assertThat(body.at("/interactive/body/text").asText()).isEqualTo("退货需要在 7 天内申请。");
        assertThat(body.at("/interactive/action/buttons/0/type").asText()).isEqualTo("reply");
        assertThat(body.at("/interactive/action/buttons/0/reply/id").asText()).isEqualTo("baton_human");
        assertThat(body.at("/interactive/action/buttons/0/reply/title").asText()).isEqualTo("转人工");
    }

    @Test
    void should_use_the_english_label_when_the_language_has_no_label() {
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(ok()));
        sender().send(message(new OutboundMessage.Text("Bonjour"), Author.BOT, "fr", null));
        assertThat(sent().get(0).at("/interactive/action/buttons/0/reply/title").asText())
                .isEqualTo("Talk to a human");
    }

    @Test
    void should_send_plain_text_when_the_human_button_is_disabled() {
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(ok()));
        sender(config().withHumanButton(false)).send(text("Hello", Author.BOT));
        assertThat(sent().get(0).path("type").asText()).isEqualTo("text");
    }

    @Test
    void should_send_buttons_plus_the_human_button_when_the_bot_offers_choices() {
        // given
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(ok()));
        var content = new OutboundMessage.TextWithButtons("Which order?", List.of(new Button("o1", "#1001"),
                new Button("o2", "#1002")));
        // when
        sender().send(message(content, Author.BOT, "en", null));
        // then
        JsonNode buttons = sent().get(0).at("/interactive/action/buttons");
        assertThat(buttons).hasSize(3);
        assertThat(buttons.get(0).at("/reply/id").asText()).isEqualTo("o1");
        assertThat(buttons.get(2).at("/reply/id").asText()).isEqualTo("baton_human");
    }

    @Test
    void should_reject_without_calling_the_api_when_the_buttons_break_whatsapps_rules() {
        // given four buttons
        var content = new OutboundMessage.TextWithButtons("Pick one", List.of(new Button("a", "A"),
                new Button("b", "B"), new Button("c", "C"), new Button("d", "D")));
        // when
        SendOutcome outcome = sender().send(message(content, Author.HUMAN, "en", null));
        // then
        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
            assertThat(r.code()).isEqualTo("invalid_message");
            assertThat(r.reason()).contains("at most 3 buttons");
            assertThat(r.windowClosed()).isFalse();
        });
        assertThat(sent()).isEmpty();
    }

    @Test
    void should_split_into_several_messages_when_text_exceeds_4096_characters() {
        // given
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(ok()));
        String longText = ("word ".repeat(999) + "end.\n\n").repeat(2);
        // when
        SendOutcome outcome = sender().send(text(longText, Author.HUMAN));
        // then
        List<JsonNode> bodies = sent();
        assertThat(bodies).hasSizeGreaterThan(1).allSatisfy(b -> {
            assertThat(b.path("type").asText()).isEqualTo("text");
            assertThat(b.at("/text/body").asText().length()).isLessThanOrEqualTo(4096);
        });
        assertThat(((SendOutcome.Delivered) outcome).platformMessageIds()).hasSize(bodies.size());
    }

    @Test
    void should_put_the_human_button_on_a_short_last_part_when_a_long_bot_answer_is_split() {
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(ok()));
        String longText = "a".repeat(4000) + ". " + "b".repeat(1500) + ".";
        sender().send(text(longText, Author.BOT));
        List<JsonNode> bodies = sent();
        assertThat(bodies).extracting(b -> b.path("type").asText()).last().isEqualTo("interactive");
        assertThat(bodies.get(bodies.size() - 1).at("/interactive/body/text").asText().length())
                .isLessThanOrEqualTo(1024);
        assertThat(bodies.subList(0, bodies.size() - 1)).allSatisfy(b ->
                assertThat(b.path("type").asText()).isEqualTo("text"));
    }

    @Test
    void should_send_the_configured_template_once_when_the_24h_window_is_closed() {
        // given a customer who last wrote 30 hours ago
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(ok()));
        WhatsAppSender sender = sender(config().withTemplate(new TemplateConfig("order_follow_up", "en_US")));
        OutboundMessage late = message(new OutboundMessage.Text("Any news?"), Author.HUMAN, "en",
                NOW.minus(Duration.ofHours(30)));
        // when
        SendOutcome first = sender.send(late);
        SendOutcome second = sender.send(late);
        // then
        // the customer got the template, not the reply: it is not reported delivered, so the outbox keeps it
        assertThat(first).isEqualTo(new SendOutcome.Rejected("window_closed",
                "outside WhatsApp's 24-hour window; sent template order_follow_up to invite the customer back", true));
        assertThat(second).isInstanceOfSatisfying(SendOutcome.Rejected.class,
                r -> assertThat(r.windowClosed()).isTrue());
        assertThat(sent()).hasSize(1);
        JsonNode body = sent().get(0);
        assertThat(body.path("type").asText()).isEqualTo("template");
        assertThat(body.at("/template/name").asText()).isEqualTo("order_follow_up");
        assertThat(body.at("/template/language/code").asText()).isEqualTo("en_US");
        assertThat(body.has("biz_opaque_callback_data")).as("the template does not deliver the reply: its status must "
                + "not confirm the reply").isFalse();
    }

    @Test
    void should_reject_with_window_closed_and_send_nothing_when_no_template_is_configured() {
        SendOutcome outcome = sender().send(message(new OutboundMessage.Text("Any news?"), Author.BOT, "en",
                NOW.minus(Duration.ofHours(25))));
        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class,
                r -> assertThat(r.windowClosed()).isTrue());
        assertThat(sent()).isEmpty();
    }

    @Test
    void should_reject_with_window_closed_when_the_api_answers_131047() {
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(error(400, "error-131047.json")));
        SendOutcome outcome = sender().send(text("Hello again", Author.HUMAN));
        assertThat(outcome).isEqualTo(new SendOutcome.Rejected("131047",
                "outside WhatsApp's 24-hour window; no template configured (channels.whatsapp.template)", true));
    }

    @Test
    void should_fall_back_to_the_template_when_the_api_answers_131047_and_a_template_is_configured() {
        // given the first call (free-form) is refused, the template goes through
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("window").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(400, "error-131047.json")).willSetStateTo("refused"));
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("window").whenScenarioStateIs("refused")
                .willReturn(ok()));
        // when
        SendOutcome outcome = sender(config().withTemplate(new TemplateConfig("hello_world", null)))
                .send(text("Hello again", Author.HUMAN));
        // then
        assertThat(outcome).isEqualTo(new SendOutcome.Rejected("131047",
                "outside WhatsApp's 24-hour window; sent template hello_world to invite the customer back", true));
        assertThat(sent().get(1).at("/template/name").asText()).isEqualTo("hello_world");
        assertThat(sent().get(1).at("/template/language/code").asText()).isEqualTo("en_US");
    }

    @ParameterizedTest(name = "{1} (HTTP {0}) -> retry later with code {2}")
    @CsvSource({
            "400, error-130429.json, 130429",
            "400, error-131056.json, 131056",
            "500, error-500.json, 1",
    })
    void should_retry_later_when_meta_throttles_or_fails_transiently(int status, String fixture, String code) {
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(error(status, fixture)));
        SendOutcome outcome = sender().send(text("Hi", Author.HUMAN));
        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.RetryLater.class, r -> {
            assertThat(r.code()).isEqualTo(code);
            assertThat(r.notBefore()).isPositive();
        });
    }

    @Test
    void should_retry_later_when_a_5xx_has_no_json_body() {
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503).withBody("busy")));
        assertThat(sender().send(text("Hi", Author.HUMAN))).isInstanceOfSatisfying(SendOutcome.RetryLater.class,
                r -> assertThat(r.code()).isEqualTo("http_503"));
    }

    @Test
    void should_honour_retry_after_when_meta_sends_it() {
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(error(429, "error-130429.json")
                .withHeader("Retry-After", "120")));
        assertThat(sender().send(text("Hi", Author.HUMAN))).isInstanceOfSatisfying(SendOutcome.RetryLater.class,
                r -> assertThat(r.notBefore()).isEqualTo(Duration.ofSeconds(120)));
    }

    @Test
    void should_retry_later_when_the_api_times_out() {
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(ok().withFixedDelay(1500)));
        WhatsAppSender impatient = sender(config(), Fixtures.http(Duration.ofMillis(300)));
        assertThat(impatient.send(text("Hi", Author.HUMAN))).isInstanceOfSatisfying(SendOutcome.RetryLater.class,
                r -> assertThat(r.code()).isEqualTo("timeout"));
    }

    @ParameterizedTest(name = "{0} -> rejected, not retried")
    @CsvSource({"error-131026.json, 131026", "error-131048.json, 131048", "error-131051.json, 131051",
            "error-100.json, 100"})
    void should_reject_for_good_when_the_error_is_not_retryable(String fixture, String code) {
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(error(400, fixture)));
        SendOutcome outcome = sender().send(text("Hi", Author.HUMAN));
        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
            assertThat(r.code()).isEqualTo(code);
            assertThat(r.windowClosed()).isFalse();
            assertThat(r.reason()).isNotBlank();
        });
    }

    @Test
    void should_alert_in_metrics_and_reject_when_the_access_token_expired() {
        // given
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(error(401, "error-190.json")));
        // when
        SendOutcome outcome = sender().send(text("Hi", Author.HUMAN));
        // then
        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
            assertThat(r.code()).isEqualTo("190");
            assertThat(r.windowClosed()).isFalse();
        });
        assertThat(meters.get("baton.whatsapp.alerts").tag("code", "token").counter().count()).isEqualTo(1.0);
    }

    @Test
    void should_not_resend_delivered_parts_when_a_split_message_is_retried() {
        // given part 1 succeeds, part 2 fails once, then everything succeeds
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("parts").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok()).willSetStateTo("one sent"));
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("parts").whenScenarioStateIs("one sent")
                .willReturn(error(500, "error-500.json")).willSetStateTo("recovered"));
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("parts").whenScenarioStateIs("recovered")
                .willReturn(ok()));
        WhatsAppSender sender = sender();
        OutboundMessage longReply = text("x".repeat(4000) + ".\n\n" + "y".repeat(100), Author.HUMAN);
        // when
        SendOutcome first = sender.send(longReply);
        SendOutcome retry = sender.send(longReply);
        // then
        assertThat(first).isInstanceOf(SendOutcome.RetryLater.class);
        assertThat(retry).isEqualTo(new SendOutcome.Delivered(List.of(WAMID, WAMID)));
        List<JsonNode> bodies = sent();
        assertThat(bodies).hasSize(3);
        assertThat(bodies.get(0).at("/text/body").asText()).startsWith("xxx");
        assertThat(bodies.get(1).at("/text/body").asText()).startsWith("yyy");
        assertThat(bodies.get(2).at("/text/body").asText()).startsWith("yyy");
    }

    @Test
    void should_send_a_template_with_its_parameters_when_the_content_is_a_template() {
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(ok()));
        var content = new OutboundMessage.Template("ticket_update", "zh_CN", List.of("#1234", "已发货"), "");
        sender().send(message(content, Author.SYSTEM, "zh", NOW.minus(Duration.ofDays(3))));
        JsonNode body = sent().get(0);
        assertThat(body.at("/template/name").asText()).isEqualTo("ticket_update");
        assertThat(body.at("/template/language/code").asText()).isEqualTo("zh_CN");
        assertThat(body.at("/template/components/0/type").asText()).isEqualTo("body");
        assertThat(body.at("/template/components/0/parameters/1/text").asText()).isEqualTo("已发货");
        assertThat(body.path("biz_opaque_callback_data").asText()).as("the template is the reply")
                .isEqualTo("baton:o:42");
    }

    @Test
    void should_name_the_outbox_row_and_part_on_every_request_so_that_metas_statuses_can_confirm_the_reply() {
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(ok()));

        sender().send(text("Your parcel ships today.", Author.HUMAN));
        sender().send(message(new OutboundMessage.Text("a".repeat(4000) + ". " + "b".repeat(1500) + "."),
                Author.BOT, "en", NOW.minus(Duration.ofHours(1))));

        assertThat(sender().confirmsDeliveries()).isTrue();
        assertThat(sent()).extracting(b -> b.path("biz_opaque_callback_data").asText())
                .containsExactly("baton:o:42", "baton:o:42:1/3", "baton:o:42:2/3", "baton:o:42:3/3");
    }

    @Test
    void should_declare_whatsapps_limits() {
        ChannelLimits limits = sender().limits();
        assertThat(limits.maxTextChars()).isEqualTo(4096);
        assertThat(limits.replyWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(limits.supportsButtons()).isTrue();
    }
}
