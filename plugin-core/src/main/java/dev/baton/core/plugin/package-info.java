/**
 * How a channel plugs into Baton (docs/channels.md): a {@link dev.baton.core.plugin.ChannelModule} found by
 * {@code ServiceLoader} binds its {@code channels.<key>} block and builds a {@link dev.baton.core.plugin.ChannelRuntime}
 * (adapters, sender, optional human inbox) from a {@link dev.baton.core.plugin.ChannelContext}; the capabilities the host
 * grants to the channels that declare them ({@link dev.baton.core.plugin.PassiveReplies} for a
 * {@link dev.baton.core.plugin.PassiveChannelAdapter}). Depends on {@code channel}, {@code conversation},
 * {@code handoff}, {@code config} and {@code state}; none of them depends on it.
 */
package dev.baton.core.plugin;
