package dev.baton.whatsapp;

import dev.baton.core.channel.Channel;
import dev.baton.core.plugin.ChannelContext;
import dev.baton.core.plugin.ChannelModule;
import dev.baton.core.plugin.ChannelRuntime;
import dev.baton.whatsapp.config.WhatsAppConfig;
import okhttp3.OkHttpClient;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The WhatsApp Cloud API channel as a plug-in ({@code channels.whatsapp}), registered in
 * {@code META-INF/services/dev.baton.core.plugin.ChannelModule}. It owns the HTTP client of its Graph API calls and
 * shuts it down on close.
 */
public final class WhatsAppChannelModule implements ChannelModule<WhatsAppConfig> {

    @Override
    public Channel channel() {
        return WhatsAppConfig.CHANNEL;
    }

    @Override
    public Class<WhatsAppConfig> configType() {
        return WhatsAppConfig.class;
    }

    @Override
    public List<String> secrets(WhatsAppConfig config) {
        return Arrays.asList(config.accessToken(), config.appSecret(), config.verifyToken());
    }

    @Override
    public ChannelRuntime create(WhatsAppConfig config, ChannelContext context) {
        // no logging interceptor: it would print the access token of a failed call
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(15)).callTimeout(Duration.ofSeconds(20)).build();
        WhatsAppModule module = WhatsAppModule.create(config, context, http);
        return ChannelRuntime.of(List.of(module.adapter()), module.sender(), null, () -> {
            module.close();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        });
    }
}
