package dev.baton.wechat.oa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.wechat.api.AccessToken;
import dev.baton.wechat.api.AccessTokenProvider;
import dev.baton.wechat.api.WxApiClient;
import dev.baton.wechat.api.WxApiException;

import java.time.Clock;
import java.util.Map;

/**
 * Fetches Official Account access tokens from {@code /cgi-bin/token} or, with {@code use-stable-token},
 * {@code /cgi-bin/stable_token} (which returns the same token to every caller until it expires, and a new one only
 * with {@code force_refresh}).
 *
 * @see <a href="https://developers.weixin.qq.com/doc/subscription/api/base/api_getstableaccesstoken.html">getStableAccessToken</a>
 */
public final class OaTokenFetcher implements AccessTokenProvider.Fetcher {

    private final WxApiClient api;
    private final String appId;
    private final String appSecret;
    private final boolean stable;
    private final Clock clock;

    public OaTokenFetcher(WxApiClient api, String appId, String appSecret, boolean stable, Clock clock) {
        this.api = api;
        this.appId = appId;
        this.appSecret = appSecret;
        this.stable = stable;
        this.clock = clock;
    }

    @Override
    public AccessToken fetch(boolean forceRefresh) throws WxApiException {
        JsonNode answer;
        if (stable) {
            ObjectNode body = api.object()
                    .put("grant_type", "client_credential")
                    .put("appid", appId)
                    .put("secret", appSecret)
                    .put("force_refresh", forceRefresh);
            answer = api.postNoToken("/cgi-bin/stable_token", body);
        } else {
            answer = api.getNoToken("/cgi-bin/token",
                    Map.of("grant_type", "client_credential", "appid", appId, "secret", appSecret));
        }
        String token = answer.path("access_token").asText("");
        if (token.isEmpty()) {
            throw new WxApiException.Transient("token endpoint answered without access_token", null);
        }
        return new AccessToken(token, AccessTokenProvider.expiry(clock, answer.path("expires_in").asLong(7200)));
    }
}
