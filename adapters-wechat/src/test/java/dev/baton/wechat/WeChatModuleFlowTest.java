package dev.baton.wechat;

import dev.baton.wechat.config.ReplyMode;
import dev.baton.wechat.config.WeComKfConfig;
import dev.baton.wechat.config.WeChatConfig;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.baton.core.channel.ChannelAdapter;
import dev.baton.core.plugin.ChannelContext;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.channel.SendOutcome;
import dev.baton.core.channel.Sender;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.core.config.ConfigProblems;
import dev.baton.core.config.Validated;
import dev.baton.core.plugin.ChannelContext;
import dev.baton.core.plugin.ChannelModule;
import dev.baton.core.plugin.ChannelModules;
import dev.baton.core.plugin.ChannelRuntime;
import dev.baton.core.state.KeyValueStore;
import dev.baton.core.testing.RecordingSink;
import dev.baton.wechat.crypto.WxMsgCrypt;
import dev.baton.wechat.crypto.WxSignature;
import dev.baton.wechat.xml.SafeXml;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhook in, reply out, through the modules the app builds (found by ServiceLoader under their keys): one test per
 * reply mode.
 */
class WeChatModuleFlowTest {

    static final String TOKEN = "AAAAA";
    static final String AES_KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    static final String APPID = "wxba5fad812f8e6fb9";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final RecordingSink sink = new RecordingSink();

    @AfterEach
    void stop() {
        built.forEach(ChannelRuntime::close);
        background.shutdownNow();
    }

    /** The signed fixtures' times: the documented OA plain push, and the WeCom callback fixture. */
    private static final Clock OA_PUSH_TIME = Clock.fixed(Instant.ofEpochSecond(1714037059), ZoneOffset.UTC);
    private static final Clock KF_CALLBACK_TIME = Clock.fixed(Instant.ofEpochSecond(1615478600), ZoneOffset.UTC);

    private final List<ChannelRuntime> built = new ArrayList<>();

    /** The channel as the app builds it: through its module, as ServiceLoader finds it. */
    private ChannelRuntime module(WeChatConfig oa, WeComKfConfig kf, Clock clock) {
        ChannelContext ctx = new ChannelContext(clock, KeyValueStore.inMemory(), background, new SimpleMeterRegistry());
        ChannelRuntime runtime = oa != null ? create(WeChatConfig.KEY, oa, ctx) : create(WeComKfConfig.KEY, kf, ctx);
        built.add(runtime);
        return runtime;
    }

    @SuppressWarnings("unchecked")
    private static <C extends Validated> ChannelRuntime create(String key, C config, ChannelContext ctx) {
        ChannelModule<C> module = (ChannelModule<C>) ChannelModules.discover(WeChatModuleFlowTest.class.getClassLoader())
                .find(key).orElseThrow();
        assertThat(module.configType()).isEqualTo(config.getClass());
        return module.create(config, ctx);
    }

    private WeChatConfig oa(ReplyMode mode, String aesKey) {
        return new WeChatConfig(APPID, "s3cret", TOKEN, aesKey, mode, URI.create(wm.baseUrl()), false, null, null,
                null, Duration.ofMillis(300), false, null);
    }

    private static <T> T only(java.util.List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    private void stubOaApi() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"T\",\"expires_in\":7200}")));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
    }

    /** The fixtures carry old timestamps; the reply-window check needs a recent customer message. */
    private static InboundMessage recent(InboundMessage m) {
        return new InboundMessage(m.channel(), m.platformMessageId(), m.customerId(), m.customerName(),
                m.channelAccount(), Instant.now(), m.content());
    }

    private SendOutcome answer(Sender sender, InboundMessage m, String text) {
        return sender.send(new OutboundMessage(1, 1, m.channel(), m.customerId(), m.channelAccount(),
                new OutboundMessage.Text(text), OutboundMessage.Author.BOT, "zh", m.sentAt()));
    }

    @Test
    void should_ack_then_reply_through_custom_send_in_plain_async_mode() {
        stubOaApi();
        ChannelRuntime module = module(oa(ReplyMode.ASYNC, null), null, OA_PUSH_TIME);
        ChannelAdapter adapter = only(module.adapters());
        assertThat(adapter.path()).isEqualTo("/webhooks/wechat");

        WebhookResponse ack = adapter.handle(Fixtures.plainPush(TOKEN, Fixtures.resource("wechat/text.xml")), sink);
        InboundMessage m = only(sink.accepted());
        SendOutcome sent = answer(module.sender(), recent(m), "7 个工作日内退款。");

        assertThat(ack.bodyAsString()).isEqualTo("success");
        assertThat(sent).isInstanceOf(SendOutcome.Delivered.class);
        wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send")).withRequestBody(equalToJson(
                "{\"touser\":\"oia2TjjewbmiOUlr6X-1crbLOvLw\",\"msgtype\":\"text\",\"text\":{\"content\":\"7 个工作日内退款。\"}}")));
    }

    @Test
    void should_ack_then_reply_through_custom_send_in_safe_async_mode() {
        stubOaApi();
        ChannelRuntime module = module(oa(ReplyMode.ASYNC, AES_KEY), null, OA_PUSH_TIME);
        String encrypt = new WxMsgCrypt(TOKEN, AES_KEY, APPID).encrypt(Fixtures.resource("wechat/text.xml"));
        String ts = String.valueOf(OA_PUSH_TIME.instant().getEpochSecond());
        var push = Fixtures.post("/webhooks/wechat", Map.of("signature", WxSignature.compute(TOKEN, ts, "2"),
                "timestamp", ts, "nonce", "2", "encrypt_type", "aes",
                "msg_signature", WxSignature.compute(TOKEN, ts, "2", encrypt)),
                "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>");

        WebhookResponse ack = only(module.adapters()).handle(push, sink);
        SendOutcome sent = answer(module.sender(), recent(only(sink.accepted())), "好的");

        assertThat(ack.bodyAsString()).isEqualTo("success");
        assertThat(sent).isInstanceOf(SendOutcome.Delivered.class);
        wm.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send")));
    }

    @Test
    void should_reply_inside_the_http_response_in_passive_mode() throws Exception {
        ChannelRuntime module = module(oa(ReplyMode.PASSIVE, null), null, OA_PUSH_TIME);
        sink.scriptReply(1, "被动回复");

        WebhookResponse r = only(module.adapters()).handle(Fixtures.plainPush(TOKEN, Fixtures.resource("wechat/text.xml")), sink);

        assertThat(SafeXml.text(SafeXml.read(r.bodyAsString()), "Content")).contains("被动回复");
        assertThat(module.sender().send(new OutboundMessage(2, 1, WeChatConfig.CHANNEL, "o", null,
                new OutboundMessage.Text("late"), OutboundMessage.Author.BOT, null, null)))
                .isInstanceOf(SendOutcome.RetryLater.class);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_pull_then_reply_through_send_msg_for_wecom_kf() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/gettoken")).willReturn(okJson("{\"errcode\":0,\"access_token\":\"K\",\"expires_in\":7200}")));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/kf/sync_msg")).willReturn(okJson(
                Fixtures.resource("wecom/sync_msg_page1.json").replace("\"has_more\": 1", "\"has_more\": 0"))));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/kf/service_state/get")).willReturn(okJson("{\"errcode\":0,\"service_state\":1}")));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/kf/send_msg")).willReturn(okJson("{\"errcode\":0,\"msgid\":\"OUT1\"}")));
        WeComKfConfig kf = new WeComKfConfig("wx5823bf96d3bd56c7", "kf-secret", "QDG6eK",
                "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", URI.create(wm.baseUrl()), null, null, null);
        ChannelRuntime module = module(null, kf, KF_CALLBACK_TIME);
        assertThat(module.humanInbox()).hasValueSatisfying(i -> assertThat(i.kind()).isEqualTo("wecom-kf"));

        WebhookResponse ack = only(module.adapters()).handle(dev.baton.wechat.kf.WeComKfTestSupport.callback(), sink);
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.accepted().size() == 4);
        SendOutcome sent = answer(module.sender(), recent(sink.accepted().get(0)), "7 个工作日内退款。");

        assertThat(ack.bodyAsString()).isEqualTo("success");
        assertThat(sent).isEqualTo(new SendOutcome.Delivered(java.util.List.of("OUT1")));
    }

    @Test
    void should_name_missing_credentials_with_key_and_fix() {
        ConfigProblems problems = new ConfigProblems();
        new WeChatConfig("wx1", null, null, "short", null, null, false, null, null, null, null, false,
                Duration.ofSeconds(5)).validate("channels.wechat", problems);
        new WeComKfConfig(null, null, null, null, null, null, null, Duration.ofHours(2))
                .validate("channels.wecom-kf", problems);

        assertThat(problems.all()).contains(
                "channels.wechat.token: required; set token: ${WECHAT_TOKEN}",
                "channels.wechat.app-secret: required; set app-secret: ${WECHAT_APP_SECRET} (async replies use the "
                        + "customer-service API), or reply-mode: passive",
                "channels.wecom-kf.secret: required; set secret: ${WECOM_SECRET}");
        assertThat(problems.all()).anyMatch(p -> p.startsWith("channels.wechat.encoding-aes-key: must be"));
        assertThat(problems.all()).contains(
                "channels.wechat.signature-max-age: must be between 15s and 1h (WeChat retries within 15 s); "
                        + "e.g. signature-max-age: 5m",
                "channels.wecom-kf.signature-max-age: must be between 15s and 1h (WeChat retries within 15 s); "
                        + "e.g. signature-max-age: 5m");
    }
}
