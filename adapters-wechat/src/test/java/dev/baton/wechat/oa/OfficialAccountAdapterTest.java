package dev.baton.wechat.oa;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.testing.RecordingSink;
import dev.baton.wechat.Fixtures;
import dev.baton.wechat.config.ReplyMode;
import dev.baton.wechat.config.WeChatConfig;
import dev.baton.wechat.crypto.WxMsgCrypt;
import dev.baton.wechat.crypto.WxSignature;
import dev.baton.wechat.xml.SafeXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class OfficialAccountAdapterTest {

    static final String TOKEN = "AAAAA";
    static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    static final String APPID = "wx5823bf96d3bd56c7";
    /** The pushes below are signed at the documented plain-mode example's time; the clock stands there. */
    static final String PUSH_TS = "1714037059";
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(Long.parseLong(PUSH_TS)), ZoneOffset.UTC);

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final RecordingSink sink = new RecordingSink();

    static WeChatConfig config(ReplyMode mode, String aesKey, boolean transfer) {
        return new WeChatConfig(APPID, "secret", TOKEN, aesKey, mode, null, false, "欢迎", null, "还在查，请稍后",
                Duration.ofMillis(200), transfer, null);
    }

    private static OfficialAccountAdapter adapter(WeChatConfig config) {
        return adapter(config, CLOCK);
    }

    static OfficialAccountAdapter adapter(WeChatConfig config, Clock clock) {
        return new OfficialAccountAdapter(config, clock,
                new PassiveTiming(config.passiveWait(), Duration.ofMillis(300), 3));
    }

    @Test
    void should_answer_echostr_for_documented_url_verification() {
        WebhookRequest get = Fixtures.get("/webhooks/wechat", Fixtures.query("signature",
                "f464b24fc39322e44b38aa78f5edd27bd1441696", "echostr", "4375120948345356249", "timestamp",
                "1714036504", "nonce", "1514711492"));

        Clock atExample = Clock.fixed(Instant.ofEpochSecond(1714036504), ZoneOffset.UTC);

        WebhookResponse r = adapter(config(ReplyMode.ASYNC, null, false), atExample).handle(get, sink);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyAsString()).isEqualTo("4375120948345356249");
    }

    @Test
    void should_refuse_url_verification_when_signature_is_wrong() {
        WebhookRequest get = Fixtures.get("/webhooks/wechat", Fixtures.query("signature",
                "0000000000000000000000000000000000000000", "echostr", "x", "timestamp", "1", "nonce", "2"));

        assertThat(adapter(config(ReplyMode.ASYNC, null, false)).handle(get, sink).status()).isEqualTo(401);
    }

    @Test
    void should_ack_success_and_store_once_when_wechat_retries_in_async_mode() {
        OfficialAccountAdapter adapter = adapter(config(ReplyMode.ASYNC, null, false));
        WebhookRequest push = Fixtures.plainPush(TOKEN, Fixtures.resource("wechat/text.xml"));

        for (int i = 0; i < 3; i++) {
            WebhookResponse r = adapter.handle(push, sink);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyAsString()).isEqualTo("success");
        }
        assertThat(sink.accepted()).hasSize(1);
    }

    @Test
    void should_refuse_bad_signature_without_side_effects() {
        WebhookRequest push = Fixtures.plainPush("wrong-token", Fixtures.resource("wechat/text.xml"));

        assertThat(adapter(config(ReplyMode.ASYNC, null, false)).handle(push, sink).status()).isEqualTo(401);
        assertThat(sink.accepted()).isEmpty();
    }

    @Test
    void should_answer_400_for_malformed_xml() {
        WebhookRequest push = Fixtures.plainPush(TOKEN, "<xml><MsgType>text");

        assertThat(adapter(config(ReplyMode.ASYNC, null, false)).handle(push, sink).status()).isEqualTo(400);
        assertThat(sink.accepted()).isEmpty();
    }

    @Test
    void should_decrypt_safe_mode_push_after_checking_msg_signature() {
        WebhookRequest push = safePush(new WxMsgCrypt(TOKEN, AES_KEY, APPID), Fixtures.resource("wechat/text.xml"));

        WebhookResponse r = adapter(config(ReplyMode.ASYNC, AES_KEY, false)).handle(push, sink);

        assertThat(r.bodyAsString()).isEqualTo("success");
        assertThat(sink.accepted()).singleElement()
                .satisfies(m -> assertThat(m.content()).isEqualTo(new InboundContent.Text("退货要多久？")));
    }

    @Test
    void should_refuse_safe_mode_push_for_another_appid() {
        WebhookRequest push = safePush(new WxMsgCrypt(TOKEN, AES_KEY, "wxsomeoneelse"), Fixtures.resource("wechat/text.xml"));

        assertThat(adapter(config(ReplyMode.ASYNC, AES_KEY, false)).handle(push, sink).status()).isEqualTo(403);
        assertThat(sink.accepted()).isEmpty();
    }

    @Test
    void should_refuse_safe_mode_push_with_tampered_ciphertext() {
        String encrypt = new WxMsgCrypt(TOKEN, AES_KEY, APPID).encrypt(Fixtures.resource("wechat/text.xml"));
        String tampered = (encrypt.charAt(0) == 'A' ? "B" : "A") + encrypt.substring(1);
        String ts = PUSH_TS;
        String nonce = "415670741";
        WebhookRequest push = Fixtures.post("/webhooks/wechat", Fixtures.query("signature",
                WxSignature.compute(TOKEN, ts, nonce), "timestamp", ts, "nonce", nonce, "encrypt_type", "aes",
                "msg_signature", WxSignature.compute(TOKEN, ts, nonce, encrypt)),
                "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><Encrypt><![CDATA[" + tampered + "]]></Encrypt></xml>");

        assertThat(adapter(config(ReplyMode.ASYNC, AES_KEY, false)).handle(push, sink).status()).isEqualTo(401);
    }

    @Test
    void should_read_no_file_and_make_no_request_when_body_carries_xxe() {
        OfficialAccountAdapter adapter = adapter(config(ReplyMode.ASYNC, null, false));
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withBody("<!ENTITY leaked 'PWNED'>")));
        String httpXxe = Fixtures.resource("wechat/xxe_http.xml").replace("${BASE}", wm.baseUrl());

        WebhookResponse fileAttack = adapter.handle(Fixtures.plainPush(TOKEN, Fixtures.resource("wechat/xxe_file.xml")), sink);
        WebhookResponse httpAttack = adapter.handle(Fixtures.plainPush(TOKEN, httpXxe), sink);

        assertThat(fileAttack.status()).isEqualTo(400);
        assertThat(httpAttack.status()).isEqualTo(400);
        assertThat(sink.accepted()).isEmpty();
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16LE", "UTF-16BE"})
    void should_answer_400_without_side_effects_when_a_utf16_body_declares_a_dtd(String charset) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!DOCTYPE xml [ <!ENTITY name 'expanded'> ]>\n"
                + Fixtures.resource("wechat/text.xml").replace("退货要多久？", "&name;");
        byte[] body = ("\uFEFF" + xml).getBytes(Charset.forName(charset));

        WebhookResponse r = adapter(config(ReplyMode.ASYNC, null, false)).handle(Fixtures.plainPush(TOKEN, body), sink);

        assertThat(r.status()).isEqualTo(400);
        assertThat(sink.accepted()).isEmpty();
    }

    @Test
    void should_answer_transfer_customer_service_when_human_menu_is_tapped_and_configured() throws Exception {
        // the engine's turn handed the conversation off (the policy's button rule)
        sink.scriptConversation(WeChatConfig.CHANNEL, "oia2TjjewbmiOUlr6X-1crbLOvLw", ConversationState.QUEUED);

        WebhookResponse r = adapter(config(ReplyMode.ASYNC, null, true))
                .handle(Fixtures.plainPush(TOKEN, Fixtures.resource("wechat/event_click_human.xml")), sink);

        var xml = SafeXml.read(r.bodyAsString());
        assertThat(SafeXml.text(xml, "MsgType")).contains("transfer_customer_service");
        assertThat(SafeXml.text(xml, "ToUserName")).contains("oia2TjjewbmiOUlr6X-1crbLOvLw");
        assertThat(sink.accepted()).singleElement()
                .satisfies(m -> assertThat(m.content()).isEqualTo(new InboundContent.ButtonTap("HUMAN", "HUMAN", true)));
    }

    @Test
    void should_not_transfer_when_the_engine_kept_the_conversation_with_the_bot() throws Exception {
        sink.scriptConversation(WeChatConfig.CHANNEL, "oia2TjjewbmiOUlr6X-1crbLOvLw", ConversationState.BOT);
        WebhookRequest tap = Fixtures.plainPush(TOKEN, Fixtures.resource("wechat/event_click_human.xml"));

        WebhookResponse async = adapter(config(ReplyMode.ASYNC, null, true)).handle(tap, sink);

        assertThat(async.bodyAsString()).isEqualTo("success");
        assertThat(sink.accepted()).hasSize(1);
    }

    @Test
    void should_answer_the_bots_reply_instead_of_a_transfer_in_passive_mode_when_no_handoff_was_decided()
            throws Exception {
        sink.scriptConversation(WeChatConfig.CHANNEL, "oia2TjjewbmiOUlr6X-1crbLOvLw", ConversationState.BOT);
        sink.scriptReply(1, "请问有什么可以帮您？");

        WebhookResponse r = adapter(config(ReplyMode.PASSIVE, null, true))
                .handle(Fixtures.plainPush(TOKEN, Fixtures.resource("wechat/event_click_human.xml")), sink);

        var xml = SafeXml.read(r.bodyAsString());
        assertThat(SafeXml.text(xml, "MsgType")).contains("text");
        assertThat(SafeXml.text(xml, "Content")).contains("请问有什么可以帮您？");
    }

    @Test
    void should_reply_in_the_response_when_answer_is_ready_in_passive_mode() throws Exception {
        sink.scriptReply(1, "7 个工作日内退款。");

        WebhookResponse r = adapter(config(ReplyMode.PASSIVE, null, false))
                .handle(Fixtures.plainPush(TOKEN, Fixtures.resource("wechat/text.xml")), sink);

        var xml = SafeXml.read(r.bodyAsString());
        assertThat(SafeXml.text(xml, "MsgType")).contains("text");
        assertThat(SafeXml.text(xml, "Content")).contains("7 个工作日内退款。");
        assertThat(SafeXml.text(xml, "ToUserName")).contains("oia2TjjewbmiOUlr6X-1crbLOvLw");
        assertThat(SafeXml.text(xml, "FromUserName")).contains("gh_7f083739789a");
    }

    @Test
    void should_use_wechat_retries_then_still_working_text_in_passive_mode() throws Exception {
        OfficialAccountAdapter adapter = adapter(config(ReplyMode.PASSIVE, null, false));
        sink.replyDelay(Duration.ofSeconds(10));
        WebhookRequest push = Fixtures.plainPush(TOKEN, Fixtures.resource("wechat/text.xml"));

        WebhookResponse first = adapter.handle(push, sink);
        WebhookResponse second = adapter.handle(push, sink);
        WebhookResponse third = adapter.handle(push, sink);

        assertThat(first.bodyAsString()).isEqualTo("success");
        assertThat(second.bodyAsString()).isEqualTo("success");
        assertThat(SafeXml.text(SafeXml.read(third.bodyAsString()), "Content")).contains("还在查，请稍后");
        assertThat(sink.accepted()).hasSize(1);
    }

    @Test
    void should_deliver_the_answer_on_a_retry_when_it_becomes_ready_in_passive_mode() throws Exception {
        OfficialAccountAdapter adapter = adapter(config(ReplyMode.PASSIVE, null, false));
        WebhookRequest push = Fixtures.plainPush(TOKEN, Fixtures.resource("wechat/text.xml"));

        WebhookResponse first = adapter.handle(push, sink); // nothing scripted yet: not ready
        sink.scriptReply(1, "答案来了");
        WebhookResponse retry = adapter.handle(push, sink);

        assertThat(first.bodyAsString()).isEqualTo("success");
        assertThat(SafeXml.text(SafeXml.read(retry.bodyAsString()), "Content")).contains("答案来了");
    }

    @Test
    void should_prepend_pending_replies_to_the_next_answer_in_passive_mode() throws Exception {
        sink.scriptPending(WeChatConfig.CHANNEL, "oia2TjjewbmiOUlr6X-1crbLOvLw", "上一个问题的答案");
        sink.scriptReply(1, "这一个的答案");

        WebhookResponse r = adapter(config(ReplyMode.PASSIVE, null, false))
                .handle(Fixtures.plainPush(TOKEN, Fixtures.resource("wechat/text.xml")), sink);

        assertThat(SafeXml.text(SafeXml.read(r.bodyAsString()), "Content")).contains("上一个问题的答案\n\n这一个的答案");
    }

    @Test
    void should_encrypt_passive_reply_in_safe_mode() throws Exception {
        WxMsgCrypt crypt = new WxMsgCrypt(TOKEN, AES_KEY, APPID);
        sink.scriptReply(1, "加密的回答");

        WebhookResponse r = adapter(config(ReplyMode.PASSIVE, AES_KEY, false))
                .handle(safePush(crypt, Fixtures.resource("wechat/text.xml")), sink);

        var envelope = SafeXml.read(r.bodyAsString());
        String encrypt = SafeXml.text(envelope, "Encrypt").orElseThrow();
        String plain = crypt.verifyAndDecrypt(SafeXml.text(envelope, "MsgSignature").orElseThrow(),
                SafeXml.text(envelope, "TimeStamp").orElseThrow(), SafeXml.text(envelope, "Nonce").orElseThrow(), encrypt);
        assertThat(SafeXml.text(SafeXml.read(plain), "Content")).contains("加密的回答");
        assertThat(SafeXml.text(envelope, "Nonce")).contains("415670741");
    }

    static WebhookRequest safePush(WxMsgCrypt crypt, String innerXml) {
        String encrypt = crypt.encrypt(innerXml);
        String ts = PUSH_TS;
        String nonce = "415670741";
        return Fixtures.post("/webhooks/wechat", Map.of("signature", WxSignature.compute(TOKEN, ts, nonce),
                "timestamp", ts, "nonce", nonce, "openid", "oia2TjjewbmiOUlr6X-1crbLOvLw", "encrypt_type", "aes",
                "msg_signature", WxSignature.compute(TOKEN, ts, nonce, encrypt)),
                "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>");
    }
}
