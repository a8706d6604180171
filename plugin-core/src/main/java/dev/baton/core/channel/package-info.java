/**
 * What a channel implements and exchanges with the engine: how a platform's webhook becomes inbound messages
 * ({@link dev.baton.core.channel.ChannelAdapter}, {@link dev.baton.core.channel.InboundSink}) and how replies leave
 * through it ({@link dev.baton.core.channel.Sender}, {@link dev.baton.core.channel.SendOutcome}). The open
 * {@link dev.baton.core.channel.Channel} value names a channel; how a channel is installed is the {@code plugin}
 * package's.
 */
package dev.baton.core.channel;
