package dev.baton.wechat.oa;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.channel.SendOutcome;
import dev.baton.wechat.config.ReplyMode;
import dev.baton.wechat.api.AccessTokenProvider;
import dev.baton.wechat.api.WxApiClient;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import dev.baton.wechat.config.WeChatConfig;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

class OaSenderTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-04-26T06:20:45Z"), ZoneOffset.UTC);

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private OaSender sender(boolean stable) {
        OkHttpClient http = new OkHttpClient();
        ObjectMapper json = new ObjectMapper();
        URI base = URI.create(wm.baseUrl());
        AccessTokenProvider tokens = new AccessTokenProvider("wechat",
                new OaTokenFetcher(new WxApiClient(http, base, null, Set.of(), json), "wxapp", "s3cret", stable, CLOCK),
                CLOCK);
        return sender(ReplyMode.ASYNC, tokens, http, json, base);
    }

    private static OaSender sender(ReplyMode mode, AccessTokenProvider tokens, OkHttpClient http, ObjectMapper json,
                                   URI base) {
        return new OaSender(new WxApiClient(http, base, tokens, Set.of(40001, 40014, 42001), json), mode,
                PassiveTiming.standard(Duration.ofMillis(4500)), CLOCK);
    }

    @Test
    void should_cap_the_agent_so_its_answer_is_ready_during_wechats_last_delivery_in_passive_mode() {
        OaSender passive = sender(ReplyMode.PASSIVE, null, new OkHttpClient(), new ObjectMapper(),
                URI.create(wm.baseUrl()));

        // deliveries at 0, ≥4.5 s and ≥9 s, each waiting 4.5 s: ready by 11.25 s is inside the last one's wait
        assertThat(passive.limits().answerDeadline()).isEqualTo(Duration.ofMillis(11_250));
        assertThat(sender(false).limits().answerDeadline()).as("async mode does not wait for the answer").isNull();
    }

    static OutboundMessage text(long outboxId, String text) {
        return new OutboundMessage(outboxId, 7, WeChatConfig.CHANNEL, "openid-1", "gh_1", new OutboundMessage.Text(text),
                OutboundMessage.Author.BOT, "zh", CLOCK.instant().minus(1, ChronoUnit.HOURS));
    }

    private static void tokenReturns(String token) {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token"))
                .willReturn(okJson("{\"access_token\":\"" + token + "\",\"expires_in\":7200}")));
    }

    @Test
    void should_fetch_token_once_and_send_text_through_custom_send() {
        tokenReturns("TOKEN_A");
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        OaSender sender = sender(false);

        assertThat(sender.send(text(1, "你好"))).isInstanceOf(SendOutcome.Delivered.class);
        assertThat(sender.send(text(2, "再见"))).isInstanceOf(SendOutcome.Delivered.class);

        wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token"))
                .withQueryParam("grant_type", equalTo("client_credential"))
                .withQueryParam("appid", equalTo("wxapp")).withQueryParam("secret", equalTo("s3cret")));
        wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send"))
                .withQueryParam("access_token", equalTo("TOKEN_A"))
                .withRequestBody(equalToJson("{\"touser\":\"openid-1\",\"msgtype\":\"text\",\"text\":{\"content\":\"你好\"}}")));
    }

    @Test
    void should_send_a_satisfaction_request_as_text_asking_for_a_reply_1_to_5() {
        tokenReturns("TOKEN_A");
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        OutboundMessage.RatingRequest request = dev.baton.core.csat.CsatTexts.request("zh");
        OutboundMessage ask = new OutboundMessage(3, 7, WeChatConfig.CHANNEL, "openid-1", "gh_1", request,
                OutboundMessage.Author.SYSTEM, "zh", CLOCK.instant().minus(1, ChronoUnit.HOURS));

        assertThat(sender(false).send(ask)).isInstanceOf(SendOutcome.Delivered.class);

        assertThat(request.text()).startsWith("请为本次人工服务打分：回复 1–5");
        wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send"))
                .withRequestBody(equalToJson("{\"touser\":\"openid-1\",\"msgtype\":\"text\",\"text\":{\"content\":\""
                        + request.text() + "\"}}")));
    }

    @Test
    void should_refresh_token_once_and_retry_when_token_is_rejected() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).inScenario("t").whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"access_token\":\"OLD\",\"expires_in\":7200}")).willSetStateTo("second"));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).inScenario("t").whenScenarioStateIs("second")
                .willReturn(okJson("{\"access_token\":\"NEW\",\"expires_in\":7200}")));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).withQueryParam("access_token", equalTo("OLD"))
                .willReturn(okJson("{\"errcode\":40001,\"errmsg\":\"invalid credential, access_token is invalid or not latest\"}")));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).withQueryParam("access_token", equalTo("NEW"))
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));

        assertThat(sender(false).send(text(1, "hi"))).isInstanceOf(SendOutcome.Delivered.class);

        wm.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
        wm.verify(2, postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send")));
    }

    @Test
    void should_retry_only_once_when_fresh_token_is_rejected_too() {
        tokenReturns("ALWAYS_BAD");
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send"))
                .willReturn(okJson("{\"errcode\":42001,\"errmsg\":\"access_token expired\"}")));

        assertThat(sender(false).send(text(1, "hi"))).isInstanceOf(SendOutcome.RetryLater.class);

        wm.verify(2, postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send")));
    }

    @Test
    void should_use_stable_token_endpoint_and_force_refresh_after_rejection() {
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token")).inScenario("s").whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"access_token\":\"S1\",\"expires_in\":7200}")).willSetStateTo("2"));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token")).inScenario("s").whenScenarioStateIs("2")
                .willReturn(okJson("{\"access_token\":\"S2\",\"expires_in\":7200}")));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).withQueryParam("access_token", equalTo("S1"))
                .willReturn(okJson("{\"errcode\":40014,\"errmsg\":\"invalid access_token\"}")));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).withQueryParam("access_token", equalTo("S2"))
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));

        assertThat(sender(true).send(text(1, "hi"))).isInstanceOf(SendOutcome.Delivered.class);

        wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token")).withRequestBody(equalToJson(
                "{\"grant_type\":\"client_credential\",\"appid\":\"wxapp\",\"secret\":\"s3cret\",\"force_refresh\":false}")));
        wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token")).withRequestBody(equalToJson(
                "{\"grant_type\":\"client_credential\",\"appid\":\"wxapp\",\"secret\":\"s3cret\",\"force_refresh\":true}")));
    }

    @Test
    void should_fetch_one_token_when_many_threads_send_at_once() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token"))
                .willReturn(okJson("{\"access_token\":\"T\",\"expires_in\":7200}").withFixedDelay(200)));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).willReturn(okJson("{\"errcode\":0}")));
        OaSender sender = sender(false);
        var pool = Executors.newFixedThreadPool(8);
        try {
            CompletableFuture.allOf(IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.runAsync(() -> sender.send(text(i, "x")), pool))
                    .toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdown();
        }
        wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
    }

    @Test
    void should_reject_with_window_closed_on_45015_and_45047() {
        tokenReturns("T");
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).willReturn(okJson(
                "{\"errcode\":45015,\"errmsg\":\"response out of time limit or subscription is canceled\"}")));
        assertThat(sender(false).send(text(1, "hi"))).isEqualTo(
                new SendOutcome.Rejected("45015", "48-hour reply window is over", true));

        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).willReturn(okJson(
                "{\"errcode\":45047,\"errmsg\":\"out of response count limit\"}")));
        assertThat(sender(false).send(text(2, "hi")))
                .isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> assertThat(r.windowClosed()).isTrue());
    }

    @Test
    void should_retry_later_when_system_is_busy_or_down() {
        tokenReturns("T");
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).willReturn(okJson("{\"errcode\":-1,\"errmsg\":\"system error\"}")));
        assertThat(sender(false).send(text(1, "hi"))).isInstanceOf(SendOutcome.RetryLater.class);

        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).willReturn(serverError()));
        assertThat(sender(false).send(text(2, "hi"))).isInstanceOf(SendOutcome.RetryLater.class);
    }

    @Test
    void should_reject_without_calling_when_window_is_over() {
        OutboundMessage old = new OutboundMessage(1, 7, WeChatConfig.CHANNEL, "openid-1", "gh_1",
                new OutboundMessage.Text("late"), OutboundMessage.Author.HUMAN, "zh", CLOCK.instant().minus(49, ChronoUnit.HOURS));

        assertThat(sender(false).send(old)).isInstanceOfSatisfying(SendOutcome.Rejected.class,
                r -> assertThat(r.windowClosed()).isTrue());
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_split_long_text_at_2048_bytes_and_not_resend_delivered_parts() {
        tokenReturns("T");
        String para = "退货政策说明。".repeat(100); // 2100 bytes
        String text = para + "\n\n" + para + "\n\n" + para;
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).inScenario("p").whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"errcode\":0}")).willSetStateTo("fail"));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).inScenario("p").whenScenarioStateIs("fail")
                .willReturn(okJson("{\"errcode\":-1}")).willSetStateTo("ok"));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).inScenario("p").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"errcode\":0}")));
        OaSender sender = sender(false);

        assertThat(sender.send(text(9, text))).isInstanceOf(SendOutcome.RetryLater.class);
        SendOutcome retried = sender.send(text(9, text));

        assertThat(retried).isInstanceOf(SendOutcome.Delivered.class);
        int parts = dev.baton.core.channel.TextSplitter.byUtf8Bytes(text, 2048).size();
        assertThat(parts).isGreaterThan(2);
        wm.verify(parts + 1, postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send")));
        wm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().contains("custom/send"))
                .forEach(e -> assertThat(e.getRequest().getBody().length).isLessThan(2048 + 100));
    }
}
