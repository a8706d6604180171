package dev.baton.app;

import dev.baton.config.BatonConfig;
import dev.baton.config.ChannelsConfig;
import dev.baton.dev.DevConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** What the composition root says about the configured channels at start-up: names, unconfigured routes, warnings. */
final class ChannelSummary {

    private static final Logger log = LoggerFactory.getLogger(BatonRuntime.class);

    private ChannelSummary() {
    }

    /** The dev channel has no sign-in: next to a real channel it is a door left open in production. */
    static void warnAboutTheDevChannel(BatonConfig config) {
        List<String> real = config.channels().enabled().stream().map(ChannelsConfig.Configured::key)
                .filter(k -> !DevConfig.KEY.equals(k)).toList();
        if (config.channels().isEnabled(DevConfig.KEY) && !real.isEmpty()) {
            log.warn("channels: the dev channel is on next to {}: anyone who can reach port {} can talk to the bot "
                    + "and open tickets for your agents through /api/dev/messages without signing in; turn it off "
                    + "in production (channels.dev.enabled: false)", String.join(", ", real), config.server().port());
        }
    }

    /** {@code /webhooks/<key>} of each installed channel that is not on: answered with how to configure it. */
    static List<String> notConfigured(BatonConfig config) {
        return config.channels().installed().keys().stream().filter(k -> !config.channels().isEnabled(k))
                .map(k -> "/webhooks/" + k).toList();
    }

    /** The enabled channels' keys, for the start-up line. */
    static String names(BatonConfig config) {
        List<String> names = config.channels().enabled().stream().map(ChannelsConfig.Configured::key).toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
