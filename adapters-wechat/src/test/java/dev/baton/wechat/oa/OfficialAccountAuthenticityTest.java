package dev.baton.wechat.oa;

import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.core.testing.RecordingSink;
import dev.baton.wechat.Fixtures;
import dev.baton.wechat.config.ReplyMode;
import dev.baton.wechat.config.WeChatConfig;
import dev.baton.wechat.crypto.WxMsgCrypt;
import dev.baton.wechat.crypto.WxSignature;
import dev.baton.wechat.xml.SafeXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static dev.baton.wechat.oa.OfficialAccountAdapterTest.AES_KEY;
import static dev.baton.wechat.oa.OfficialAccountAdapterTest.APPID;
import static dev.baton.wechat.oa.OfficialAccountAdapterTest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only a verified message gets in, and only its verified sender gets the replies waiting for them: an unencrypted
 * message while an EncodingAESKey is configured, a signature outside its time window, a plain-mode signature reused
 * with another body, and the plaintext copy of a 兼容模式 push are all refused or ignored, without side effects.
 */
class OfficialAccountAuthenticityTest {

    static final String VICTIM = "oia2TjjewbmiOUlr6X-1crbLOvLw";
    static final String HELD_REPLY = "您的订单号 SO-8812，验证码 4471";
    static final long NOW = 1714037059;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    private final RecordingSink sink = new RecordingSink();
    private final WxMsgCrypt crypt = new WxMsgCrypt(TOKEN, AES_KEY, APPID);

    private static WeChatConfig config(ReplyMode mode, String aesKey, Duration maxAge) {
        return new WeChatConfig(APPID, "secret", TOKEN, aesKey, mode, null, false, null, null, "还在查",
                Duration.ofMillis(100), false, maxAge);
    }

    private static OfficialAccountAdapter adapter(WeChatConfig config) {
        return new OfficialAccountAdapter(config, CLOCK, new PassiveTiming(Duration.ofMillis(100),
                Duration.ofMillis(150), 3));
    }

    /** A plain-mode push of {@code xml} signed at {@code ts}, as a proxy log would show it. */
    private static WebhookRequest plainPush(long ts, String nonce, String xml) {
        String t = String.valueOf(ts);
        return Fixtures.post("/webhooks/wechat", Fixtures.query("signature", WxSignature.compute(TOKEN, t, nonce),
                "timestamp", t, "nonce", nonce, "openid", VICTIM), xml);
    }

    /** A safe-mode push: {@code outer} is the body with {@code ${ENCRYPT}} standing for the ciphertext of {@code inner}. */
    private WebhookRequest safePush(long ts, String inner, String outer) {
        String t = String.valueOf(ts);
        String nonce = "415670741";
        String encrypt = crypt.encrypt(inner);
        return Fixtures.post("/webhooks/wechat", Fixtures.query("signature", WxSignature.compute(TOKEN, t, nonce),
                "timestamp", t, "nonce", nonce, "openid", VICTIM, "encrypt_type", "aes",
                "msg_signature", WxSignature.compute(TOKEN, t, nonce, encrypt)), outer.replace("${ENCRYPT}", encrypt));
    }

    private WebhookRequest safePush(long ts, String inner) {
        return safePush(ts, inner,
                "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><Encrypt><![CDATA[${ENCRYPT}]]></Encrypt></xml>");
    }

    private String decryptedContent(WebhookResponse r) throws Exception {
        var envelope = SafeXml.read(r.bodyAsString());
        String plain = crypt.verifyAndDecrypt(SafeXml.text(envelope, "MsgSignature").orElseThrow(),
                SafeXml.text(envelope, "TimeStamp").orElseThrow(), SafeXml.text(envelope, "Nonce").orElseThrow(),
                SafeXml.text(envelope, "Encrypt").orElseThrow());
        return SafeXml.text(SafeXml.read(plain), "Content").orElse("");
    }

    @Test
    void should_refuse_an_unencrypted_push_without_side_effects_when_an_encoding_aes_key_is_set() {
        WebhookResponse r = adapter(config(ReplyMode.ASYNC, AES_KEY, null))
                .handle(plainPush(NOW, "486452656", Fixtures.resource("wechat/forged_text.xml")), sink);

        assertThat(r.status()).isEqualTo(403);
        assertThat(sink.accepted()).isEmpty();
    }

    @ParameterizedTest(name = "signed {0} s before now")
    @ValueSource(longs = {0, 86_400})
    void should_keep_a_held_reply_from_a_forged_unencrypted_push_and_give_it_to_the_customer(long age)
            throws Exception {
        OfficialAccountAdapter adapter = adapter(config(ReplyMode.PASSIVE, AES_KEY, null));
        sink.scriptPending(WeChatConfig.CHANNEL, VICTIM, HELD_REPLY);

        WebhookResponse forged = adapter.handle(plainPush(NOW - age, "486452656",
                Fixtures.resource("wechat/forged_text.xml")), sink);

        assertThat(forged.status()).isBetween(400, 499);
        assertThat(forged.bodyAsString()).doesNotContain("4471");
        assertThat(sink.accepted()).isEmpty();

        WebhookResponse genuine = adapter.handle(safePush(NOW, Fixtures.resource("wechat/text.xml")), sink);

        assertThat(genuine.status()).isEqualTo(200);
        assertThat(decryptedContent(genuine)).startsWith(HELD_REPLY);
    }

    @Test
    void should_read_only_the_encrypted_part_of_a_compatible_mode_push() throws Exception {
        OfficialAccountAdapter adapter = adapter(config(ReplyMode.PASSIVE, AES_KEY, null));
        sink.scriptPending(WeChatConfig.CHANNEL, VICTIM, HELD_REPLY);
        sink.scriptReply(1, "您好，请问有什么可以帮您？");

        WebhookResponse r = adapter.handle(safePush(NOW, Fixtures.resource("wechat/text_other_customer.xml"),
                Fixtures.resource("wechat/compatible_push_plaintext_edited.xml")), sink);

        assertThat(r.status()).isEqualTo(200);
        assertThat(sink.accepted()).singleElement().satisfies(m -> {
            assertThat(m.customerId()).isEqualTo("oXq7Zt0another-customer-01");
            assertThat(m.content()).isEqualTo(new InboundContent.Text("在吗"));
        });
        assertThat(decryptedContent(r)).isEqualTo("您好，请问有什么可以帮您？");
    }

    @ParameterizedTest(name = "signed {0} s from now")
    @ValueSource(longs = {-301, 301, -86_400})
    void should_refuse_a_safe_mode_push_whose_timestamp_is_outside_the_window(long offset) {
        WebhookResponse r = adapter(config(ReplyMode.ASYNC, AES_KEY, null))
                .handle(safePush(NOW + offset, Fixtures.resource("wechat/text.xml")), sink);

        assertThat(r.status()).isEqualTo(401);
        assertThat(sink.accepted()).isEmpty();
    }

    @ParameterizedTest(name = "signed {0} s from now")
    @ValueSource(longs = {-299, -15, 0, 120})
    void should_accept_a_safe_mode_push_signed_inside_the_window(long offset) {
        WebhookResponse r = adapter(config(ReplyMode.ASYNC, AES_KEY, null))
                .handle(safePush(NOW + offset, Fixtures.resource("wechat/text.xml")), sink);

        assertThat(r.status()).isEqualTo(200);
        assertThat(sink.accepted()).hasSize(1);
    }

    @Test
    void should_refuse_a_plain_push_older_than_the_configured_signature_max_age() {
        WebhookRequest push = plainPush(NOW - 60, "486452656", Fixtures.resource("wechat/text.xml"));

        WebhookResponse strict = adapter(config(ReplyMode.ASYNC, null, Duration.ofSeconds(30))).handle(push, sink);
        assertThat(strict.status()).isEqualTo(401);
        assertThat(sink.accepted()).isEmpty();

        WebhookResponse lenient = adapter(config(ReplyMode.ASYNC, null, null)).handle(push, sink);
        assertThat(lenient.status()).isEqualTo(200);
    }

    @Test
    void should_refuse_url_verification_signed_outside_the_window() {
        String old = String.valueOf(NOW - 3600);
        WebhookRequest get = Fixtures.get("/webhooks/wechat", Fixtures.query("signature",
                WxSignature.compute(TOKEN, old, "1514711492"), "echostr", "4375120948345356249", "timestamp", old,
                "nonce", "1514711492"));

        WebhookResponse r = adapter(config(ReplyMode.ASYNC, null, null)).handle(get, sink);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.bodyAsString()).doesNotContain("4375120948345356249");
    }

    @Test
    void should_refuse_a_plain_signature_reused_with_another_message_and_keep_the_held_reply() throws Exception {
        OfficialAccountAdapter adapter = adapter(config(ReplyMode.PASSIVE, null, null));
        WebhookRequest genuine = plainPush(NOW, "771203", Fixtures.resource("wechat/text_other_customer.xml"));
        assertThat(adapter.handle(genuine, sink).status()).isEqualTo(200);
        sink.scriptPending(WeChatConfig.CHANNEL, VICTIM, HELD_REPLY);

        WebhookResponse forged = adapter.handle(plainPush(NOW, "771203", Fixtures.resource("wechat/forged_text.xml")),
                sink);
        WebhookResponse sameIdOtherSender = adapter.handle(plainPush(NOW, "771203",
                Fixtures.resource("wechat/text_other_customer.xml").replace("oXq7Zt0another-customer-01", VICTIM)), sink);
        WebhookResponse retry = adapter.handle(genuine, sink);

        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.bodyAsString()).doesNotContain("4471");
        assertThat(sameIdOtherSender.status()).isEqualTo(401);
        assertThat(sameIdOtherSender.bodyAsString()).doesNotContain("4471");
        assertThat(retry.status()).as("WeChat's retry of the genuine message").isEqualTo(200);
        assertThat(sink.accepted()).singleElement()
                .satisfies(m -> assertThat(m.customerId()).isEqualTo("oXq7Zt0another-customer-01"));
        WebhookResponse victim = adapter.handle(plainPush(NOW, "90017", Fixtures.resource("wechat/text.xml")), sink);
        assertThat(SafeXml.text(SafeXml.read(victim.bodyAsString()), "Content").orElse("")).startsWith(HELD_REPLY);
    }
}
