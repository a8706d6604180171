package dev.baton.wechat.kf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.wechat.api.AccessToken;
import dev.baton.wechat.api.AccessTokenProvider;
import dev.baton.wechat.api.WxApiClient;
import dev.baton.wechat.api.WxApiException;

import java.time.Clock;
import java.util.Map;

/**
 * Fetches WeCom access tokens from {@code /cgi-bin/gettoken}.
 *
 * @see <a href="https://developer.work.weixin.qq.com/document/path/91039">获取access_token</a>
 */
public final class WeComTokenFetcher implements AccessTokenProvider.Fetcher {

    private final WxApiClient api;
    private final String corpId;
    private final String secret;
    private final Clock clock;

    public WeComTokenFetcher(WxApiClient api, String corpId, String secret, Clock clock) {
        this.api = api;
        this.corpId = corpId;
        this.secret = secret;
        this.clock = clock;
    }

    @Override
    public AccessToken fetch(boolean forceRefresh) throws WxApiException {
        JsonNode answer = api.getNoToken("/cgi-bin/gettoken", Map.of("corpid", corpId, "corpsecret", secret));
        String token = answer.path("access_token").asText("");
        if (token.isEmpty()) {
            throw new WxApiException.Transient("gettoken answered without access_token", null);
        }
        return new AccessToken(token, AccessTokenProvider.expiry(clock, answer.path("expires_in").asLong(7200)));
    }
}
