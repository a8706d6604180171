package dev.baton.wechat.config;

import dev.baton.core.channel.Channel;
import dev.baton.core.config.ConfigProblems;
import dev.baton.core.config.Validated;
import dev.baton.wechat.crypto.SignatureWindow;
import dev.baton.wechat.crypto.WxMsgCrypt;

import java.net.URI;
import java.time.Duration;

/**
 * {@code channels.wechat}: one WeChat Official Account (服务号/订阅号).
 *
 * @param appId              the account's AppID ({@code wx…}); also the receive id checked in safe mode
 * @param appSecret          AppSecret, for the access token (needed in async mode)
 * @param token              the Token set under 服务器配置; signs every callback
 * @param encodingAesKey     EncodingAESKey (43 chars); present → encrypted mode: only encrypted messages are
 *                           accepted (WeChat's 安全模式, or 兼容模式 whose plaintext copy is ignored) and passive
 *                           replies are encrypted
 * @param replyMode          {@code async} (default) or {@code passive}
 * @param apiBaseUrl         default {@code https://api.weixin.qq.com}
 * @param useStableToken     fetch tokens from {@code /cgi-bin/stable_token} (safe when several servers share one
 *                           account) instead of {@code /cgi-bin/token}
 * @param welcomeMessage     sent when someone follows the account; null → none
 * @param humanMenuKey       the menu CLICK {@code EventKey} that means "transfer to a human"; default {@code HUMAN}
 * @param stillWorkingText   passive mode: what to answer on WeChat's last retry when the answer is not ready
 * @param passiveWait        passive mode: how long one delivery waits for the answer; default 4500 ms
 * @param transferToWechatKf answer {@code transfer_customer_service} to a tap on the human menu when the handoff
 *                           policy hands that conversation off, for accounts that use WeChat's own 客服 system
 * @param signatureMaxAge    how far a callback's {@code timestamp} may be from now; default 5 minutes (see
 *                           {@link SignatureWindow})
 */
public record WeChatConfig(String appId, String appSecret, String token, String encodingAesKey,
                           ReplyMode replyMode, URI apiBaseUrl, boolean useStableToken, String welcomeMessage,
                           String humanMenuKey, String stillWorkingText, Duration passiveWait,
                           boolean transferToWechatKf, Duration signatureMaxAge) implements Validated {

    /** The key of this block under {@code channels:}, and the channel's key in the store, routes and metrics. */
    public static final String KEY = "wechat";
    public static final Channel CHANNEL = Channel.of(KEY);
    public static final URI DEFAULT_API_BASE_URL = URI.create("https://api.weixin.qq.com");
    public static final String DEFAULT_STILL_WORKING = "正在为您查询，请稍候再发一条消息获取答复。";

    public WeChatConfig {
        replyMode = replyMode == null ? ReplyMode.ASYNC : replyMode;
        apiBaseUrl = apiBaseUrl == null ? DEFAULT_API_BASE_URL : apiBaseUrl;
        humanMenuKey = humanMenuKey == null || humanMenuKey.isBlank() ? "HUMAN" : humanMenuKey;
        stillWorkingText = stillWorkingText == null ? DEFAULT_STILL_WORKING : stillWorkingText;
        passiveWait = passiveWait == null ? Duration.ofMillis(4500) : passiveWait;
        encodingAesKey = encodingAesKey == null || encodingAesKey.isBlank() ? null : encodingAesKey;
        signatureMaxAge = signatureMaxAge == null ? SignatureWindow.DEFAULT_MAX_AGE : signatureMaxAge;
    }

    /** True when an EncodingAESKey is configured: unencrypted messages are then refused. */
    public boolean safeMode() {
        return encodingAesKey != null;
    }

    @Override
    public void validate(String prefix, ConfigProblems problems) {
        problems.require(prefix + ".app-id", appId, "set app-id: wx… (公众平台 → 设置与开发 → 基本配置)");
        problems.require(prefix + ".token", token, "set token: ${WECHAT_TOKEN}");
        if (replyMode == ReplyMode.ASYNC) {
            problems.require(prefix + ".app-secret", appSecret,
                    "set app-secret: ${WECHAT_APP_SECRET} (async replies use the customer-service API), "
                            + "or reply-mode: passive");
        }
        if (encodingAesKey != null && !WxMsgCrypt.isValidEncodingAesKey(encodingAesKey)) {
            problems.add(prefix + ".encoding-aes-key",
                    "must be the 43-character EncodingAESKey from 基本配置; set encoding-aes-key: ${WECHAT_AES_KEY}");
        }
        if (passiveWait.isNegative() || passiveWait.compareTo(Duration.ofMillis(4800)) > 0) {
            problems.add(prefix + ".passive-wait", "must be between 0 and 4800ms (WeChat waits 5s); e.g. 4500ms");
        }
        SignatureWindowLimits.validate(prefix + ".signature-max-age", signatureMaxAge, problems);
        if (!"http".equals(apiBaseUrl.getScheme()) && !"https".equals(apiBaseUrl.getScheme())) {
            problems.add(prefix + ".api-base-url", "must be an http(s) URL, e.g. https://api.weixin.qq.com");
        }
    }

    @Override
    public String toString() {
        return "WeChatConfig[appId=" + appId + ", replyMode=" + replyMode + ", safeMode=" + safeMode()
                + ", apiBaseUrl=" + apiBaseUrl + ", useStableToken=" + useStableToken + ", signatureMaxAge="
                + signatureMaxAge + "]";
    }
}
