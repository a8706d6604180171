package dev.baton.wechat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.channel.Channel;
import dev.baton.core.plugin.ChannelContext;
import dev.baton.core.plugin.ChannelModule;
import dev.baton.core.plugin.ChannelRuntime;
import dev.baton.wechat.config.WeComKfConfig;
import dev.baton.wechat.kf.WeComKf;
import okhttp3.OkHttpClient;

import java.util.Arrays;
import java.util.List;

/**
 * The WeCom 微信客服 channel as a plug-in ({@code channels.wecom-kf}). Besides its adapter and sender it provides a
 * human inbox, WeCom's own servicers, which {@code inbox.kind: wecom-kf} selects. Background work ({@code sync_msg})
 * runs on the context's executor.
 */
public final class WeComKfChannelModule implements ChannelModule<WeComKfConfig> {

    @Override
    public Channel channel() {
        return WeComKfConfig.CHANNEL;
    }

    @Override
    public Class<WeComKfConfig> configType() {
        return WeComKfConfig.class;
    }

    @Override
    public List<String> secrets(WeComKfConfig config) {
        return Arrays.asList(config.secret(), config.token(), config.encodingAesKey());
    }

    @Override
    public ChannelRuntime create(WeComKfConfig config, ChannelContext context) {
        OkHttpClient http = HttpClients.create();
        WeComKf kf = WeComKf.create(config, context, http, new ObjectMapper());
        return ChannelRuntime.of(List.of(kf.adapter()), kf.sender(), kf.inbox(), () -> HttpClients.shutdown(http));
    }
}
