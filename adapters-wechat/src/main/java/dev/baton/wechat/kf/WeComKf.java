package dev.baton.wechat.kf;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.plugin.ChannelContext;
import dev.baton.wechat.config.WeComKfConfig;
import dev.baton.wechat.api.AccessTokenProvider;
import dev.baton.wechat.api.SharedToken;
import dev.baton.wechat.api.WxApiClient;
import dev.baton.wechat.crypto.SignatureWindow;
import dev.baton.wechat.crypto.WxMsgCrypt;
import okhttp3.OkHttpClient;

import java.util.Set;

/**
 * The WeCom 微信客服 channel wired from its config: the callback adapter, the sender and the handoff inbox share one
 * token cache, one API client and one session tracker. With several Baton instances the token and the sync cursor are
 * the cluster's ({@link SharedToken}, {@link KfSyncer}).
 */
public record WeComKf(WeComKfAdapter adapter, KfSender sender, WeComKfInbox inbox) {

    /** WeCom's "access token invalid / expired" codes (40001 there means a bad secret, so it is not one). */
    static final Set<Integer> TOKEN_ERRORS = Set.of(40014, 42001);

    public static WeComKf create(WeComKfConfig config, ChannelContext ctx, OkHttpClient http, ObjectMapper json) {
        WxApiClient tokenApi = new WxApiClient(http, config.apiBaseUrl(), null, Set.of(), json);
        WeComTokenFetcher fetcher = new WeComTokenFetcher(tokenApi, config.corpId(), config.secret(), ctx.clock());
        AccessTokenProvider tokens = ctx.leases().shared()
                ? new AccessTokenProvider("wecom-kf", fetcher, ctx.clock(),
                        new SharedToken("wecom-kf." + config.corpId(), ctx.state(), ctx.leases()))
                : new AccessTokenProvider("wecom-kf", fetcher, ctx.clock());
        WxApiClient api = new WxApiClient(http, config.apiBaseUrl(), tokens, TOKEN_ERRORS, json);
        KfApi kf = new KfApi(api);
        KfSessions sessions = new KfSessions(ctx.clock(), ctx.state());
        KfSyncer syncer = new KfSyncer(kf, ctx.state(), ctx.background(), sessions, ctx.leases());
        WxMsgCrypt crypt = new WxMsgCrypt(config.token(), config.encodingAesKey(), config.corpId());
        SignatureWindow window = new SignatureWindow(config.signatureMaxAge(), ctx.clock());
        return new WeComKf(new WeComKfAdapter(crypt, window, syncer), new KfSender(kf, sessions, ctx.clock()),
                new WeComKfInbox(kf, config.servicerUserId(), ctx.background()));
    }
}
