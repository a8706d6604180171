package dev.baton.wechat.kf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelAdapter;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.wechat.crypto.SignatureWindow;
import dev.baton.wechat.crypto.WxCryptoException;
import dev.baton.wechat.crypto.WxMsgCrypt;
import dev.baton.wechat.xml.SafeXml;
import dev.baton.wechat.xml.SafeXml.MalformedXmlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import dev.baton.wechat.config.WeComKfConfig;

/**
 * {@code GET|POST /webhooks/wecom-kf}: the WeCom callback for 微信客服.
 *
 * <p>Every request's {@code timestamp} must be inside the {@link SignatureWindow} ({@code signature-max-age}), or it
 * is refused with 401: a signature never expires by itself. GET verifies the URL: {@code msg_signature} over the
 * encrypted {@code echostr}, then the decrypted echostr (receive id = corpid) is returned. POST verifies
 * {@code msg_signature} over {@code Encrypt} before decrypting; a body without {@code Encrypt} is refused (WeCom
 * callbacks are always encrypted) and only the decrypted event is read. A
 * {@code kf_msg_or_event} callback carries no message: it schedules a {@code sync_msg} pull on the background
 * executor and is acked with {@code success} at once.
 *
 * @see <a href="https://developer.work.weixin.qq.com/document/path/90930">接收消息与事件 · 验证URL有效性</a>
 */
public final class WeComKfAdapter implements ChannelAdapter {

    public static final String PATH = "/webhooks/wecom-kf";
    private static final Logger log = LoggerFactory.getLogger(WeComKfAdapter.class);

    private final WxMsgCrypt crypt;
    private final SignatureWindow window;
    private final KfSyncer syncer;

    WeComKfAdapter(WxMsgCrypt crypt, SignatureWindow window, KfSyncer syncer) {
        this.crypt = crypt;
        this.window = window;
        this.syncer = syncer;
    }

    @Override
    public Channel channel() {
        return WeComKfConfig.CHANNEL;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public long maxBodyBytes() {
        return 64 * 1024;
    }

    @Override
    public WebhookResponse handle(WebhookRequest request, InboundSink sink) {
        String signature = request.queryParam("msg_signature").orElse(null);
        String timestamp = request.queryParam("timestamp").orElse("");
        String nonce = request.queryParam("nonce").orElse("");
        if ((request.isGet() || request.isPost()) && !window.accepts(timestamp)) {
            log.warn("wecom-kf: callback with a timestamp outside the signature window refused");
            return WebhookResponse.unauthorized("expired signature");
        }
        if (request.isGet()) {
            Optional<String> echostr = request.queryParam("echostr").map(s -> s.replace(' ', '+'));
            if (echostr.isEmpty()) {
                return WebhookResponse.badRequest("echostr missing");
            }
            try {
                return WebhookResponse.ok(crypt.verifyAndDecrypt(signature, timestamp, nonce, echostr.get()));
            } catch (WxCryptoException e) {
                return refused(e);
            }
        }
        if (!request.isPost()) {
            return WebhookResponse.text(405, "GET or POST");
        }
        JsonNode event;
        try {
            JsonNode outer = SafeXml.read(request.body());
            Optional<String> encrypt = SafeXml.text(outer, "Encrypt");
            if (encrypt.isEmpty()) {
                return WebhookResponse.badRequest("Encrypt missing");
            }
            String plain = crypt.verifyAndDecrypt(signature, timestamp, nonce, encrypt.get());
            event = SafeXml.read(plain.getBytes(StandardCharsets.UTF_8));
        } catch (MalformedXmlException e) {
            return WebhookResponse.badRequest("malformed XML");
        } catch (WxCryptoException e) {
            return refused(e);
        }
        String type = SafeXml.text(event, "Event").orElse("");
        if ("kf_msg_or_event".equals(type)) {
            Optional<String> openKfid = SafeXml.text(event, "OpenKfId");
            if (openKfid.isEmpty()) {
                log.warn("wecom-kf: kf_msg_or_event without OpenKfId ignored");
            } else {
                syncer.trigger(openKfid.get(), SafeXml.text(event, "Token").orElse(null), sink);
            }
        } else {
            log.debug("wecom-kf: callback event {} ignored", type);
        }
        return WebhookResponse.ok("success");
    }

    private static WebhookResponse refused(WxCryptoException e) {
        log.warn("wecom-kf: callback refused: {}", e.reason());
        return switch (e.reason()) {
            case BAD_SIGNATURE -> WebhookResponse.unauthorized("bad signature");
            case WRONG_RECEIVER -> WebhookResponse.forbidden("not for this corp");
            case BAD_CIPHERTEXT, BAD_LENGTH -> WebhookResponse.badRequest("bad ciphertext");
        };
    }
}
