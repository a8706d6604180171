package dev.baton.wechat;

import dev.baton.core.channel.Channel;
import dev.baton.core.plugin.ChannelContext;
import dev.baton.core.plugin.ChannelModule;
import dev.baton.core.plugin.ChannelRuntime;
import dev.baton.wechat.config.WeChatConfig;
import dev.baton.wechat.oa.OfficialAccount;
import okhttp3.OkHttpClient;

import java.util.Arrays;
import java.util.List;

/**
 * The WeChat Official Account channel as a plug-in ({@code channels.wechat}). This module registers two channels in
 * {@code META-INF/services/dev.baton.core.plugin.ChannelModule}, one per key, because they are two platforms to the
 * operator (two blocks, two webhook routes, two senders) that share only crypto and API code: this one and
 * {@link WeComKfChannelModule}.
 */
public final class WeChatChannelModule implements ChannelModule<WeChatConfig> {

    @Override
    public Channel channel() {
        return WeChatConfig.CHANNEL;
    }

    @Override
    public Class<WeChatConfig> configType() {
        return WeChatConfig.class;
    }

    @Override
    public List<String> secrets(WeChatConfig config) {
        return Arrays.asList(config.appSecret(), config.token(), config.encodingAesKey());
    }

    @Override
    public ChannelRuntime create(WeChatConfig config, ChannelContext context) {
        OkHttpClient http = HttpClients.create();
        OfficialAccount oa = OfficialAccount.create(config, context, http);
        return ChannelRuntime.of(List.of(oa.adapter()), oa.sender(), null, () -> HttpClients.shutdown(http));
    }
}
