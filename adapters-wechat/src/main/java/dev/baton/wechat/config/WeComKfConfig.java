package dev.baton.wechat.config;

import dev.baton.core.channel.Channel;
import dev.baton.core.config.ConfigProblems;
import dev.baton.core.config.Validated;
import dev.baton.wechat.crypto.SignatureWindow;
import dev.baton.wechat.crypto.WxMsgCrypt;

import java.net.URI;
import java.time.Duration;

/**
 * {@code channels.wecom-kf}: WeCom 微信客服 accounts of one corp, managed through the API.
 *
 * @param corpId         the corp id ({@code ww…}); also the receive id of the callback crypto
 * @param secret         the secret of the app allowed to call 微信客服 APIs
 * @param token          callback Token
 * @param encodingAesKey callback EncodingAESKey (43 chars); WeCom callbacks are always encrypted
 * @param apiBaseUrl     default {@code https://qyapi.weixin.qq.com}
 * @param welcomeMessage sent when a customer opens the chat ({@code enter_session}); null → none
 * @param servicerUserId handoff target: a servicer's userid, or null for the queue pool
 * @param signatureMaxAge how far a callback's {@code timestamp} may be from now; default 5 minutes (see
 *                        {@link SignatureWindow})
 */
public record WeComKfConfig(String corpId, String secret, String token, String encodingAesKey, URI apiBaseUrl,
                            String welcomeMessage, String servicerUserId, Duration signatureMaxAge)
        implements Validated {

    /** The key of this block under {@code channels:}, and the channel's key in the store, routes and metrics. */
    public static final String KEY = "wecom-kf";
    public static final Channel CHANNEL = Channel.of(KEY);
    public static final URI DEFAULT_API_BASE_URL = URI.create("https://qyapi.weixin.qq.com");

    public WeComKfConfig {
        apiBaseUrl = apiBaseUrl == null ? DEFAULT_API_BASE_URL : apiBaseUrl;
        servicerUserId = servicerUserId == null || servicerUserId.isBlank() ? null : servicerUserId;
        signatureMaxAge = signatureMaxAge == null ? SignatureWindow.DEFAULT_MAX_AGE : signatureMaxAge;
    }

    @Override
    public void validate(String prefix, ConfigProblems problems) {
        problems.require(prefix + ".corp-id", corpId, "set corp-id: ww… (管理后台 → 我的企业 → 企业ID)");
        problems.require(prefix + ".secret", secret, "set secret: ${WECOM_SECRET}");
        problems.require(prefix + ".token", token, "set token: ${WECOM_TOKEN}");
        problems.require(prefix + ".encoding-aes-key", encodingAesKey, "set encoding-aes-key: ${WECOM_AES_KEY}");
        if (encodingAesKey != null && !encodingAesKey.isBlank() && !WxMsgCrypt.isValidEncodingAesKey(encodingAesKey)) {
            problems.add(prefix + ".encoding-aes-key",
                    "must be the 43-character EncodingAESKey of the callback; set encoding-aes-key: ${WECOM_AES_KEY}");
        }
        SignatureWindowLimits.validate(prefix + ".signature-max-age", signatureMaxAge, problems);
    }

    @Override
    public String toString() {
        return "WeComKfConfig[corpId=" + corpId + ", apiBaseUrl=" + apiBaseUrl + ", servicerUserId="
                + servicerUserId + ", signatureMaxAge=" + signatureMaxAge + "]";
    }
}
