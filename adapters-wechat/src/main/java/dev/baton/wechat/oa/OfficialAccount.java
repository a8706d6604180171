package dev.baton.wechat.oa;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.plugin.ChannelContext;
import dev.baton.wechat.api.AccessTokenProvider;
import dev.baton.wechat.api.SharedToken;
import dev.baton.wechat.api.WxApiClient;
import dev.baton.wechat.config.WeChatConfig;
import okhttp3.OkHttpClient;

import java.util.Set;

/**
 * The Official Account channel wired from its config: the webhook adapter ({@code /webhooks/wechat}) and the sender
 * share WeChat's passive-mode rhythm. It starts no threads. The OkHttp client is the caller's: access tokens travel in
 * URLs, so it must not carry a logging interceptor at a level that prints URLs.
 */
public record OfficialAccount(OfficialAccountAdapter adapter, OaSender sender) {

    /** Official Account "access token invalid / expired" codes. */
    static final Set<Integer> TOKEN_ERRORS = Set.of(40001, 40014, 42001);

    public static OfficialAccount create(WeChatConfig config, ChannelContext ctx, OkHttpClient http) {
        return create(config, ctx, http, PassiveTiming.standard(config.passiveWait()));
    }

    /** As {@link #create(WeChatConfig, ChannelContext, OkHttpClient)}, with WeChat's passive rhythm given (tests). */
    public static OfficialAccount create(WeChatConfig config, ChannelContext ctx, OkHttpClient http,
                                         PassiveTiming timing) {
        ObjectMapper json = new ObjectMapper();
        WxApiClient tokenApi = new WxApiClient(http, config.apiBaseUrl(), null, Set.of(), json);
        OaTokenFetcher fetcher = new OaTokenFetcher(tokenApi, config.appId(), config.appSecret(),
                config.useStableToken(), ctx.clock());
        // several instances share one token: a classic token fetched by one would invalidate the others'
        AccessTokenProvider tokens = ctx.leases().shared()
                ? new AccessTokenProvider("wechat", fetcher, ctx.clock(),
                        new SharedToken("wechat." + config.appId(), ctx.state(), ctx.leases()))
                : new AccessTokenProvider("wechat", fetcher, ctx.clock());
        OaSender sender = new OaSender(new WxApiClient(http, config.apiBaseUrl(), tokens, TOKEN_ERRORS, json),
                config.replyMode(), timing, ctx.clock());
        return new OfficialAccount(new OfficialAccountAdapter(config, ctx.clock(), timing), sender);
    }
}
