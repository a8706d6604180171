package dev.baton.dev;

import dev.baton.core.channel.Channel;
import dev.baton.core.plugin.ChannelContext;
import dev.baton.core.plugin.ChannelModule;
import dev.baton.core.plugin.ChannelRuntime;

import java.util.List;

/**
 * The dev channel as a plug-in ({@code channels.dev}), registered in
 * {@code META-INF/services/dev.baton.core.plugin.ChannelModule}. Present but off unless {@code enabled: true}.
 */
public final class DevChannelModule implements ChannelModule<DevConfig> {

    @Override
    public Channel channel() {
        return DevConfig.CHANNEL;
    }

    @Override
    public Class<DevConfig> configType() {
        return DevConfig.class;
    }

    @Override
    public boolean enabled(DevConfig config) {
        return config.enabled();
    }

    /** Nothing to release: the adapter and the sender hold no resource. */
    @Override
    public ChannelRuntime create(DevConfig config, ChannelContext context) {
        return ChannelRuntime.of(List.of(new DevAdapter(config.replyTimeout(), context.clock())), new DevSender(),
                null, null);
    }
}
