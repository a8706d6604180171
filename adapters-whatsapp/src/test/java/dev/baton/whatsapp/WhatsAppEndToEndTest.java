package dev.baton.whatsapp;

import dev.baton.whatsapp.config.WhatsAppConfig;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.baton.core.channel.ChannelAdapter;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.channel.SendOutcome;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.core.testing.RecordingSink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A customer writes, Baton stores and acks, the bot's answer goes out with the human button, the customer taps it. */
class WhatsAppEndToEndTest {

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String MESSAGES = "/v21.0/" + Fixtures.PHONE_NUMBER_ID + "/messages";
    private static final Instant NOW = Instant.parse("2025-02-12T01:00:00Z");

    private final ExecutorService background = Executors.newFixedThreadPool(1);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private WhatsAppModule module;

    @BeforeEach
    void setUp() {
        Logger root = (Logger) LoggerFactory.getLogger("dev.baton");
        logs.start();
        root.addAppender(logs);
        WhatsAppConfig config = Fixtures.config(URI.create(graph.baseUrl() + "/v21.0"));
        module = WhatsAppModule.create(config, Fixtures.context(Clock.fixed(NOW, ZoneOffset.UTC), background,
                meters), Fixtures.http());
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        module.close();
        // let this test's read receipts finish: one still in flight would reach the next test's Graph stub
        background.shutdown();
        background.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        ((Logger) LoggerFactory.getLogger("dev.baton")).detachAppender(logs);
    }

    @Test
    void should_store_ack_mark_read_reply_with_the_human_button_and_hand_off_on_tap() {
        // given the Graph API accepts everything
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).withRequestBody(matchingJsonPath("$.status", equalTo("read")))
                .willReturn(aResponse().withStatus(200).withBody(fixture("graph/read-ok.json"))));
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).withRequestBody(matchingJsonPath("$.type"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(fixture("graph/send-ok.json"))));
        RecordingSink sink = new RecordingSink();
        ChannelAdapter adapter = module.adapter();

        // when the customer writes
        WebhookResponse ack = adapter.handle(Fixtures.signedPost(Fixtures.payload("messages/text.json")), sink);

        // then it is stored before the 200, and marked as read in the background
        assertThat(ack.status()).isEqualTo(200);
        assertThat(sink.accepted()).hasSize(1);
        InboundMessage inbound = sink.accepted().get(0);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> graph.verify(
                postRequestedFor(urlPathEqualTo(MESSAGES))
                .withRequestBody(equalToJson("""
                        {"messaging_product": "whatsapp", "status": "read", "message_id": "%s"}
                        """.formatted(inbound.platformMessageId())))));

        // when the outbox delivers the bot's answer
        OutboundMessage answer = new OutboundMessage(1L, 1L, inbound.channel(), inbound.customerId(),
                inbound.channelAccount(), new OutboundMessage.Text("Order #1234 left our warehouse yesterday."),
                OutboundMessage.Author.BOT, "en", inbound.sentAt());
        SendOutcome outcome = module.sender().send(answer);

        // then it is delivered as interactive buttons carrying "Talk to a human"
        assertThat(outcome).isInstanceOf(SendOutcome.Delivered.class);
        graph.verify(postRequestedFor(urlPathEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + Fixtures.ACCESS_TOKEN))
                .withRequestBody(matchingJsonPath("$.to", equalTo(Fixtures.CUSTOMER)))
                .withRequestBody(matchingJsonPath("$.interactive.body.text",
                        equalTo("Order #1234 left our warehouse yesterday.")))
                .withRequestBody(matchingJsonPath("$.interactive.action.buttons[0].reply.id", equalTo("baton_human")))
                .withRequestBody(matchingJsonPath("$.interactive.action.buttons[0].reply.title",
                        equalTo("Talk to a human"))));

        // when the customer taps the button
        WebhookResponse tapAck = adapter.handle(
                Fixtures.signedPost(Fixtures.payload("messages/interactive-button-reply-human.json")), sink);

        // then the engine is asked for a human
        assertThat(tapAck.status()).isEqualTo(200);
        assertThat(sink.accepted()).hasSize(2);
        assertThat(sink.accepted().get(1).content())
                .isEqualTo(new InboundContent.ButtonTap("baton_human", "Talk to a human", true));

        // and no secret nor customer text reached the logs at INFO or above
        assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage())
                .doesNotContain(Fixtures.ACCESS_TOKEN, Fixtures.APP_SECRET, Fixtures.VERIFY_TOKEN));
        assertThat(logs.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .allSatisfy(e -> assertThat(e.getFormattedMessage())
                        .doesNotContain("Where is my order", "left our warehouse"));
    }

    @Test
    void should_ack_even_when_mark_as_read_fails() {
        // given the Graph API is down
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(500)));
        RecordingSink sink = new RecordingSink();
        // when
        WebhookResponse ack = module.adapter().handle(Fixtures.signedPost(Fixtures.payload("messages/image.json")),
                sink);
        // then
        assertThat(ack.status()).isEqualTo(200);
        assertThat(sink.accepted()).hasSize(1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(meters.find("baton.whatsapp.send").tag("outcome", "read_receipt_failed").counter())
                        .isNotNull());
    }

    @Test
    void should_pass_a_token_alert_to_the_engine_when_the_access_token_expired() {
        // given the engine's sink has been seen by the adapter, and the token has expired
        RecordingSink sink = new RecordingSink();
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(fixture("graph/error-190.json"))));
        module.adapter().handle(Fixtures.signedPost(Fixtures.payload("statuses/read.json")), sink);
        // when
        SendOutcome outcome = module.sender().send(new OutboundMessage(2L, 1L, module.sender().channel(),
                Fixtures.CUSTOMER, null, new OutboundMessage.Text("Hi"), OutboundMessage.Author.HUMAN, "en", NOW));
        // then
        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class,
                r -> assertThat(r.code()).isEqualTo("190"));
        assertThat(sink.alerts()).containsExactly("whatsapp:token");
        assertThat(meters.get("baton.whatsapp.alerts").tag("code", "token").counter().count()).isEqualTo(1.0);
    }

    @Test
    void should_not_mark_as_read_when_disabled() throws Exception {
        // given
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200)
                .withBody(fixture("graph/read-ok.json"))));
        WhatsAppConfig config = Fixtures.config(URI.create(graph.baseUrl() + "/v21.0")).withMarkAsRead(false);
        try (WhatsAppModule quiet = WhatsAppModule.create(config, Fixtures.context(Clock.systemUTC(), background,
                meters), Fixtures.http())) {
            // when
            quiet.adapter().handle(Fixtures.signedPost(Fixtures.payload("messages/text.json")), new RecordingSink());
        }
        // then
        background.submit(() -> { }).get();
        assertThat(graph.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).isEmpty();
    }

    @Test
    void should_refuse_an_invalid_config_with_every_problem_listed() {
        WhatsAppConfig incomplete = WhatsAppConfig.of("1234567890", null, null, "v");
        var ctx = Fixtures.context(Clock.systemUTC(), background, meters);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WhatsAppModule.create(incomplete, ctx,
                        Fixtures.http()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channels.whatsapp.access-token: required")
                .hasMessageContaining("channels.whatsapp.app-secret: required");
    }

    @Test
    void should_expose_the_route_and_limit_the_app_expects() {
        assertThat(module.adapter().path()).isEqualTo("/webhooks/whatsapp");
        assertThat(module.adapter().maxBodyBytes()).isEqualTo(3L * 1024 * 1024);
        assertThat(module.sender().channel().key()).isEqualTo("whatsapp");
        assertThat(module.adapter().handle(Fixtures.get(Map.of("hub.mode", "subscribe", "hub.verify_token",
                Fixtures.VERIFY_TOKEN, "hub.challenge", "42")), new RecordingSink()).bodyAsString()).isEqualTo("42");
    }

    private static String fixture(String path) {
        return new String(Fixtures.payload(path), StandardCharsets.UTF_8);
    }
}
