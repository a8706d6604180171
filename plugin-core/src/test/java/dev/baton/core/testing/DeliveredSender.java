package dev.baton.core.testing;

import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.channel.SendOutcome;
import dev.baton.core.channel.Sender;

import java.util.List;

/**
 * A sender for engine tests: every reply is delivered at once (platform id {@code dev-<outbox id>}), with no limits,
 * as the dev channel's sender does. Tests read the replies from the outbox.
 */
public final class DeliveredSender implements Sender {

    private final Channel channel;

    public DeliveredSender(Channel channel) {
        this.channel = channel;
    }

    /** On the {@code dev} channel, where the engine tests' customers write. */
    public DeliveredSender() {
        this(Channel.of("dev"));
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public SendOutcome send(OutboundMessage message) {
        return new SendOutcome.Delivered(List.of("dev-" + message.outboxId()));
    }

    @Override
    public ChannelLimits limits() {
        return ChannelLimits.unlimited();
    }
}
