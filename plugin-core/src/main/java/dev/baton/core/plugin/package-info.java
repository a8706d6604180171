/**
 * How a channel plugs into Baton: the capabilities the host grants to the channels that declare they need them
 * ({@link dev.baton.core.plugin.PassiveReplies} for {@link dev.baton.core.plugin.PassiveChannelAdapter}s). Depends
 * on {@code channel}, {@code conversation} and {@code handoff}; none of them depends on it.
 */
package dev.baton.core.plugin;
