package dev.baton.wechat;

import dev.baton.wechat.config.WeComKfConfig;
import dev.baton.wechat.config.WeChatConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.channel.ChannelAdapter;
import dev.baton.core.channel.ChannelContext;
import dev.baton.core.channel.Sender;
import dev.baton.core.handoff.HumanInbox;
import dev.baton.wechat.api.AccessTokenProvider;
import dev.baton.wechat.api.WxApiClient;
import dev.baton.wechat.kf.WeComKf;
import dev.baton.wechat.oa.OaSender;
import dev.baton.wechat.oa.OaTokenFetcher;
import dev.baton.wechat.oa.OfficialAccountAdapter;
import dev.baton.wechat.oa.PassiveTiming;
import okhttp3.OkHttpClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The WeChat channels, built once by the composition root: the Official Account ({@code /webhooks/wechat},
 * channel {@code WECHAT}) and WeCom 微信客服 ({@code /webhooks/wecom-kf}, channel {@code WECOM_KF}), each only
 * when configured. The module starts no threads of its own: background work (WeCom {@code sync_msg}) runs on
 * {@link ChannelContext#background()}, owned by the caller.
 *
 * <p>The OkHttp client is the caller's. Access tokens travel in URLs: it must not carry a logging interceptor at
 * a level that prints URLs.
 */
public final class WeChatModule implements AutoCloseable {

    /** Official Account "access token invalid / expired" codes. */
    private static final Set<Integer> OA_TOKEN_ERRORS = Set.of(40001, 40014, 42001);

    private final List<ChannelAdapter> adapters;
    private final List<Sender> senders;
    private final HumanInbox wecomKfInbox;

    private WeChatModule(List<ChannelAdapter> adapters, List<Sender> senders, HumanInbox wecomKfInbox) {
        this.adapters = List.copyOf(adapters);
        this.senders = List.copyOf(senders);
        this.wecomKfInbox = wecomKfInbox;
    }

    /**
     * @param oa   {@code channels.wechat}, or null when not configured
     * @param kf   {@code channels.wecom-kf}, or null when not configured
     * @param ctx  clock, durable state (sync cursors), background executor
     * @param http the shared OkHttp client
     */
    public static WeChatModule create(WeChatConfig oa, WeComKfConfig kf, ChannelContext ctx, OkHttpClient http) {
        return create(oa, kf, ctx, http, oa == null ? null : PassiveTiming.standard(oa.passiveWait()));
    }

    /**
     * As {@link #create(WeChatConfig, WeComKfConfig, ChannelContext, OkHttpClient)}, with WeChat's passive-mode
     * delivery rhythm given (tests shorten it); the Official Account's adapter and sender share it.
     */
    public static WeChatModule create(WeChatConfig oa, WeComKfConfig kf, ChannelContext ctx, OkHttpClient http,
                                      PassiveTiming timing) {
        ObjectMapper json = new ObjectMapper();
        List<ChannelAdapter> adapters = new ArrayList<>();
        List<Sender> senders = new ArrayList<>();
        HumanInbox inbox = null;
        if (oa != null) {
            adapters.add(new OfficialAccountAdapter(oa, ctx.clock(), timing));
            WxApiClient tokenApi = new WxApiClient(http, oa.apiBaseUrl(), null, Set.of(), json);
            AccessTokenProvider tokens = new AccessTokenProvider("wechat",
                    new OaTokenFetcher(tokenApi, oa.appId(), oa.appSecret(), oa.useStableToken(), ctx.clock()),
                    ctx.clock());
            senders.add(new OaSender(new WxApiClient(http, oa.apiBaseUrl(), tokens, OA_TOKEN_ERRORS, json),
                    oa.replyMode(), timing, ctx.clock()));
        }
        if (kf != null) {
            WeComKf wecom = WeComKf.create(kf, ctx, http, json);
            adapters.add(wecom.adapter());
            senders.add(wecom.sender());
            inbox = wecom.inbox();
        }
        return new WeChatModule(adapters, senders, inbox);
    }

    public List<ChannelAdapter> adapters() {
        return adapters;
    }

    public List<Sender> senders() {
        return senders;
    }

    /** The {@code wecom-kf} inbox, present when {@code channels.wecom-kf} is configured. */
    public Optional<HumanInbox> wecomKfInbox() {
        return Optional.ofNullable(wecomKfInbox);
    }

    /** Nothing to release: the executor and the HTTP client belong to the caller. */
    @Override
    public void close() {
    }
}
