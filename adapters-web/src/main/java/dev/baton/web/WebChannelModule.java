package dev.baton.web;

import dev.baton.core.channel.Channel;
import dev.baton.core.plugin.ChannelContext;
import dev.baton.core.plugin.ChannelModule;
import dev.baton.core.plugin.ChannelRuntime;
import dev.baton.web.api.WebAdapter;
import dev.baton.web.config.WebConfig;
import dev.baton.web.identity.VisitorTokens;
import dev.baton.web.live.Wakeups;
import dev.baton.web.live.WebSender;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * The web chat as a plug-in ({@code channels.web}), registered in
 * {@code META-INF/services/dev.baton.core.plugin.ChannelModule}: {@code GET /widget.js}, the widget's API under
 * {@code /api/web/}, and a sender that wakes the visitor's open streams. The adapter and the sender share one
 * {@link Wakeups}; the tokens' key lives in the durable state, so visitors keep their history across restarts.
 */
public final class WebChannelModule implements ChannelModule<WebConfig> {

    @Override
    public Channel channel() {
        return WebConfig.CHANNEL;
    }

    @Override
    public Class<WebConfig> configType() {
        return WebConfig.class;
    }

    @Override
    public boolean enabled(WebConfig config) {
        return config.enabled();
    }

    @Override
    public List<String> secrets(WebConfig config) {
        return Arrays.asList(config.identitySecret());
    }

    /** Nothing to release: streams end with the server, the rest is memory. */
    @Override
    public ChannelRuntime create(WebConfig config, ChannelContext context) {
        Wakeups wakeups = new Wakeups();
        VisitorTokens tokens = VisitorTokens.fromState(context.state(), new SecureRandom(), context.clock());
        WebAdapter adapter = WebAdapter.create(config, tokens, wakeups, context.clock(), context.meters(),
                WebAdapter.StreamTiming.DEFAULT);
        return ChannelRuntime.of(List.of(adapter), new WebSender(wakeups), null, null);
    }
}
