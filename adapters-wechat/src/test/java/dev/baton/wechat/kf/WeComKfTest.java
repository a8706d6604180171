package dev.baton.wechat.kf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.baton.core.plugin.ChannelContext;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundContent.EventKind;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.channel.SendOutcome;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.state.KeyValueStore;
import dev.baton.core.testing.RecordingSink;
import dev.baton.wechat.Fixtures;
import dev.baton.wechat.config.WeComKfConfig;
import dev.baton.wechat.crypto.WxMsgCrypt;
import dev.baton.wechat.crypto.WxSignature;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WeComKfTest {

    static final String TOKEN = "QDG6eK";
    static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    static final String CORPID = "wx5823bf96d3bd56c7";
    static final String KFID = "wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw";
    static final String USER = "wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw";
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1615478600), ZoneOffset.UTC);

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final ExecutorService background = Executors.newFixedThreadPool(2);
    private final KeyValueStore state = KeyValueStore.inMemory();
    private final RecordingSink sink = new RecordingSink();

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    private WeComKf kf(String servicer) {
        return kf(servicer, CLOCK);
    }

    private WeComKf kf(String servicer, Clock clock) {
        WeComKfConfig config = new WeComKfConfig(CORPID, "kf-secret", TOKEN, AES_KEY, URI.create(wm.baseUrl()),
                "您好，有什么可以帮您？", servicer, null);
        return WeComKf.create(config, new ChannelContext(clock, state, background, new SimpleMeterRegistry()),
                new OkHttpClient(), new ObjectMapper());
    }

    private static void stubToken() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/gettoken")).withQueryParam("corpid", equalTo(CORPID))
                .withQueryParam("corpsecret", equalTo("kf-secret"))
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"KF_TOKEN\",\"expires_in\":7200}")));
    }

    @Test
    void should_answer_documented_url_verification_with_decrypted_echostr() {
        Clock atExample = Clock.fixed(Instant.ofEpochSecond(1409659589), ZoneOffset.UTC);

        WebhookResponse r = kf(null, atExample).adapter().handle(Fixtures.get("/webhooks/wecom-kf", Fixtures.query(
                "msg_signature", "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "timestamp", "1409659589",
                "nonce", "263014780", "echostr",
                "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==")), sink);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyAsString()).isEqualTo("1616140317555161061");
    }

    @Test
    void should_refuse_callback_with_bad_signature() {
        WebhookResponse r = kf(null).adapter().handle(Fixtures.post("/webhooks/wecom-kf", Fixtures.query(
                "msg_signature", "0000000000000000000000000000000000000000", "timestamp", "1615478600", "nonce", "2"),
                "<xml><Encrypt><![CDATA[abcd]]></Encrypt></xml>"), sink);

        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void should_refuse_documented_url_verification_long_after_its_timestamp() {
        WebhookResponse r = kf(null).adapter().handle(Fixtures.get("/webhooks/wecom-kf", Fixtures.query(
                "msg_signature", "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "timestamp", "1409659589",
                "nonce", "263014780", "echostr",
                "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==")), sink);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.bodyAsString()).doesNotContain("1616140317555161061");
    }

    @Test
    void should_refuse_a_callback_replayed_after_the_signature_window_without_pulling_messages() {
        Clock tenMinutesLater = Clock.offset(CLOCK, Duration.ofMinutes(10));

        WebhookResponse r = kf(null, tenMinutesLater).adapter().handle(callback(), sink);

        assertThat(r.status()).isEqualTo(401);
        assertThat(wm.getAllServeEvents()).isEmpty();
        assertThat(sink.accepted()).isEmpty();
    }

    @Test
    void should_refuse_an_unencrypted_callback_without_pulling_messages() {
        String ts = "1615478600";
        String plain = Fixtures.resource("wecom/callback_kf_msg_or_event.xml");
        WebhookResponse r = kf(null).adapter().handle(Fixtures.post("/webhooks/wecom-kf", Map.of("msg_signature",
                WxSignature.compute(TOKEN, ts, "98765"), "timestamp", ts, "nonce", "98765"), plain), sink);

        assertThat(r.status()).isEqualTo(400);
        assertThat(wm.getAllServeEvents()).isEmpty();
        assertThat(sink.accepted()).isEmpty();
    }

    @Test
    void should_sync_all_pages_and_persist_cursor_after_callback() {
        stubToken();
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/kf/sync_msg")).withRequestBody(notContaining("cursor-page-2"))
                .willReturn(okJson(Fixtures.resource("wecom/sync_msg_page1.json"))));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/kf/sync_msg")).withRequestBody(containing("cursor-page-2"))
                .willReturn(okJson(Fixtures.resource("wecom/sync_msg_page2.json"))));

        WebhookResponse r = kf(null).adapter().handle(callback(), sink);

        assertThat(r.bodyAsString()).isEqualTo("success");
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.accepted().size() == 8);
        assertThat(state.get("wecom-kf.cursor." + KFID)).contains("cursor-page-3");
        wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/kf/sync_msg")).withQueryParam("access_token", equalTo("KF_TOKEN"))
                .withRequestBody(matchingJsonPath("$.token", equalTo("ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR")))
                .withRequestBody(matchingJsonPath("$.open_kfid", equalTo(KFID))));

        List<InboundMessage> got = sink.accepted();
        assertThat(got).allSatisfy(m -> {
            assertThat(m.channel()).isEqualTo(WeComKfConfig.CHANNEL);
            assertThat(m.customerId()).isEqualTo(USER);
            assertThat(m.channelAccount()).isEqualTo(KFID);
        });
        assertThat(got).extracting(InboundMessage::content).containsExactly(
                new InboundContent.Text("退货要多久？"),
                new InboundContent.ButtonTap("orders", "查订单", false),
                new InboundContent.Media(InboundContent.MediaKind.IMAGE, "2iSLeVyqzk4eX0IB5kTi9Ljfa2rt9dwfq5WKRQ4Nvvgw", null, null),
                new InboundContent.Location(23.10647, 113.32446, "广州国际媒体港"),
                new InboundContent.Event(EventKind.ENTER_SESSION, "abc"),
                new InboundContent.Event(EventKind.SESSION_STATUS_CHANGED, "taken:zhangsan"),
                new InboundContent.ServicerReply("zhangsan", "您好，我是客服张三"),
                new InboundContent.Unsupported("channels_shop_product"));
        assertThat(got.get(0).platformMessageId()).isEqualTo("from_msgid_text_1");
    }

    @Test
    void should_keep_cursor_when_sync_fails() {
        stubToken();
        state.put("wecom-kf.cursor." + KFID, "old-cursor");
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/kf/sync_msg")).willReturn(okJson("{\"errcode\":95007,\"errmsg\":\"invalid msg token\"}")));

        kf(null).adapter().handle(callback(), sink);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/kf/sync_msg"))
                        .withRequestBody(matchingJsonPath("$.cursor", equalTo("old-cursor")))));
        assertThat(state.get("wecom-kf.cursor." + KFID)).contains("old-cursor");
        assertThat(sink.accepted()).isEmpty();
    }

    @Test
    void should_send_text_when_session_is_handled_by_the_api() {
        stubToken();
        stubState(1, "");
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/kf/send_msg")).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":\"MSG1\"}")));

        SendOutcome outcome = kf(null).sender().send(reply(11, "7 个工作日内退款。"));

        assertThat(outcome).isEqualTo(new SendOutcome.Delivered(List.of("MSG1")));
        wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/kf/send_msg")).withRequestBody(equalToJson(
                "{\"touser\":\"" + USER + "\",\"open_kfid\":\"" + KFID + "\",\"msgid\":\"baton-11-0\",\"msgtype\":\"text\","
                        + "\"text\":{\"content\":\"7 个工作日内退款。\"}}")));
    }

    @Test
    void should_send_a_satisfaction_request_as_text_in_the_customers_language() {
        stubToken();
        stubState(1, "");
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/kf/send_msg")).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":\"MSG2\"}")));
        OutboundMessage.RatingRequest request = dev.baton.core.csat.CsatTexts.request("en");

        SendOutcome outcome = kf(null).sender().send(new OutboundMessage(12, 5, WeComKfConfig.CHANNEL, USER, KFID,
                request, OutboundMessage.Author.SYSTEM, "en", CLOCK.instant().minusSeconds(60)));

        assertThat(outcome).isEqualTo(new SendOutcome.Delivered(List.of("MSG2")));
        assertThat(request.text()).startsWith("How did we do?").contains("reply 1–5");
        wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/kf/send_msg")).withRequestBody(equalToJson(
                "{\"touser\":\"" + USER + "\",\"open_kfid\":\"" + KFID + "\",\"msgid\":\"baton-12-0\",\"msgtype\":\"text\","
                        + "\"text\":{\"content\":\"" + request.text() + "\"}}")));
    }

    @Test
    void should_stay_silent_when_a_servicer_is_serving() {
        stubToken();
        stubState(3, "zhangsan");

        assertThat(kf(null).sender().send(reply(12, "bot answer"))).isInstanceOf(SendOutcome.SuppressedByHuman.class);
        wm.verify(0, postRequestedFor(urlPathEqualTo("/cgi-bin/kf/send_msg")));
    }

    @Test
    void should_reject_with_window_closed_after_five_messages_even_across_a_restart() {
        stubToken();
        stubState(0, "");
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/kf/send_msg")).willReturn(okJson("{\"errcode\":0,\"msgid\":\"M\"}")));
        KfSender sender = kf(null).sender();
        for (int i = 0; i < 5; i++) {
            assertThat(sender.send(reply(100 + i, "m" + i))).isInstanceOf(SendOutcome.Delivered.class);
        }
        assertThat(sender.send(reply(200, "sixth"))).isInstanceOfSatisfying(SendOutcome.Rejected.class,
                r -> assertThat(r.windowClosed()).isTrue());
        assertThat(kf(null).sender().send(reply(201, "after a restart"))).as("the count survives a restart")
                .isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> assertThat(r.code()).isEqualTo("quota"));
        wm.verify(5, postRequestedFor(urlPathEqualTo("/cgi-bin/kf/send_msg")));
    }

    @Test
    void should_reject_with_window_closed_on_95018() {
        stubToken();
        stubState(0, "");
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/kf/send_msg")).willReturn(okJson(
                "{\"errcode\":95018,\"errmsg\":\"send msg session status invalid\"}")));
        assertThat(kf(null).sender().send(reply(300, "x"))).isEqualTo(
                new SendOutcome.Rejected("95018", "errcode 95018: send msg session status invalid", true));
    }

    @Test
    void should_greet_with_welcome_code_after_enter_session() {
        stubToken();
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/kf/sync_msg")).willReturn(okJson(Fixtures.resource("wecom/sync_msg_page2.json"))));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/kf/send_msg_on_event")).willReturn(okJson("{\"errcode\":0,\"msgid\":\"W1\"}")));
        WeComKf kf = kf(null);
        kf.adapter().handle(callback(), sink);
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.accepted().size() == 4);

        SendOutcome outcome = kf.sender().send(reply(21, "您好，有什么可以帮您？"));

        assertThat(outcome).isEqualTo(new SendOutcome.Delivered(List.of("W1")));
        wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/kf/send_msg_on_event"))
                .withRequestBody(matchingJsonPath("$.code", equalTo("aaaaaa"))));
    }

    @Test
    void should_transfer_to_queue_pool_or_named_servicer_on_handoff() {
        stubToken();
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/kf/service_state/trans")).willReturn(okJson("{\"errcode\":0,\"msg_code\":\"c\"}")));

        kf(null).inbox().open(ticket());
        kf("zhangsan").inbox().open(ticket());

        wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/kf/service_state/trans")).withRequestBody(equalToJson(
                "{\"open_kfid\":\"" + KFID + "\",\"external_userid\":\"" + USER + "\",\"service_state\":2}")));
        wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/kf/service_state/trans")).withRequestBody(equalToJson(
                "{\"open_kfid\":\"" + KFID + "\",\"external_userid\":\"" + USER + "\",\"service_state\":3,\"servicer_userid\":\"zhangsan\"}")));
    }

    @Test
    void should_not_throw_when_transfer_fails() {
        stubToken();
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/kf/service_state/trans")).willReturn(serverError()));

        kf(null).inbox().open(ticket());

        wm.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/kf/service_state/trans")));
    }

    private static void stubState(int state, String servicer) {
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/kf/service_state/get")).willReturn(okJson(
                "{\"errcode\":0,\"errmsg\":\"ok\",\"service_state\":" + state + ",\"servicer_userid\":\"" + servicer + "\"}")));
    }

    static OutboundMessage reply(long outboxId, String text) {
        return new OutboundMessage(outboxId, 5, WeComKfConfig.CHANNEL, USER, KFID, new OutboundMessage.Text(text),
                OutboundMessage.Author.BOT, "zh", CLOCK.instant().minusSeconds(60));
    }

    /** A ticket as the store gives it: its channel is read back from a key, not the module's constant. */
    static HandoffTicket ticket() {
        return new HandoffTicket(1, 5, new HandoffTicket.CustomerProfile(3,
                dev.baton.core.channel.Channel.of(WeComKfConfig.KEY), USER, KFID, null, null, null),
                List.of(HandoffReason.EXPLICIT_REQUEST), "keyword 转人工", 1, "default", "客户要求人工", "zh", null,
                null, null, null, Duration.ofHours(47), CLOCK.instant());
    }

    static dev.baton.core.channel.WebhookRequest callback() {
        WxMsgCrypt crypt = new WxMsgCrypt(TOKEN, AES_KEY, CORPID);
        String encrypt = crypt.encrypt(Fixtures.resource("wecom/callback_kf_msg_or_event.xml"));
        String ts = "1615478600";
        String nonce = "98765";
        return Fixtures.post("/webhooks/wecom-kf", Map.of("msg_signature", WxSignature.compute(TOKEN, ts, nonce, encrypt),
                "timestamp", ts, "nonce", nonce),
                "<xml><ToUserName><![CDATA[" + CORPID + "]]></ToUserName><Encrypt><![CDATA[" + encrypt
                        + "]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>");
    }
}
