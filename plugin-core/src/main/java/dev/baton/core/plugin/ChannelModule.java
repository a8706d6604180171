package dev.baton.core.plugin;

import dev.baton.core.channel.Channel;
import dev.baton.core.config.Validated;

import java.util.List;

/**
 * A channel as a plug-in, found by {@link java.util.ServiceLoader}: a module lists its implementation in
 * {@code META-INF/services/dev.baton.core.plugin.ChannelModule}, and the app builds the channel when
 * {@code baton.yaml} has a {@code channels.<key>:} block for it. Nothing else in Baton names the channel.
 *
 * <p>Lifecycle: the config loader binds the block onto {@link #configType()} (kebab-case keys, unknown keys refused
 * with the nearest valid one) and runs its {@link Validated#validate} with the prefix {@code channels.<key>}; at
 * start-up the app calls {@link #create} once, before the engine is built, and closes what it returned after the
 * engine has stopped. Implementations need a public no-argument constructor and must not start anything there.
 *
 * @param <C> the config record of the {@code channels.<key>} block
 */
public interface ChannelModule<C extends Validated> {

    /** The channel this module provides; its key is the block's name under {@code channels:}. */
    Channel channel();

    /** The record the {@code channels.<key>} block binds to. */
    Class<C> configType();

    /** False when the block is present but switches the channel off (e.g. {@code channels.dev.enabled: false}). */
    default boolean enabled(C config) {
        return true;
    }

    /**
     * The secret values of a config (tokens, app secrets, keys): they are masked in every log line. Called before
     * {@link Validated#validate}, so that no message quotes them: a value may be missing, and null entries are
     * ignored (build the list with {@code Arrays.asList}, which takes nulls).
     */
    default List<String> secrets(C config) {
        return List.of();
    }

    /**
     * Builds the channel from a validated config: its adapter(s), its sender and, for a platform with its own human
     * servicers, a {@link dev.baton.core.handoff.HumanInbox}. Threads come from {@link ChannelContext#background()};
     * whatever the module opens itself (an HTTP client's pool) it releases in {@link ChannelRuntime#close()}.
     */
    ChannelRuntime create(C config, ChannelContext context);
}
