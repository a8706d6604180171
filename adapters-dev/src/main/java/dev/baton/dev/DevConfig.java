package dev.baton.dev;

import dev.baton.core.channel.Channel;
import dev.baton.core.config.ConfigProblems;
import dev.baton.core.config.Validated;

import java.time.Duration;

/**
 * {@code channels.dev:} the terminal/browser chat for trying Baton; off unless enabled.
 *
 * @param enabled      serve the dev channel's routes; default false
 * @param replyTimeout how long {@code POST /api/dev/messages} waits for the replies; default 30 s
 */
public record DevConfig(Boolean enabled, Duration replyTimeout) implements Validated {

    /** The key of this block under {@code channels:}, and the channel's key in the store, routes and metrics. */
    public static final String KEY = "dev";
    public static final Channel CHANNEL = Channel.of(KEY);

    public DevConfig {
        enabled = enabled != null ? enabled : Boolean.FALSE;
        replyTimeout = replyTimeout != null ? replyTimeout : Duration.ofSeconds(30);
    }

    /** Nothing can be wrong: both keys have defaults and any duration is a usable wait. */
    @Override
    public void validate(String prefix, ConfigProblems problems) {
    }
}
