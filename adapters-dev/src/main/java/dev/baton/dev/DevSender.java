package dev.baton.dev;

import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.channel.SendOutcome;
import dev.baton.core.channel.Sender;

import java.time.Duration;
import java.util.List;

/**
 * The dev channel's sender: there is no platform, so a reply is "delivered" once stored. {@code baton chat}, the
 * dev web chat and {@code POST /api/dev/messages} read replies from the outbox ({@link DevAdapter}). A real channel's
 * sender calls the platform here and maps its answer onto {@link SendOutcome}: delivered (with the platform's ids),
 * retry later, or rejected (saying whether the reply window is the reason).
 */
public final class DevSender implements Sender {

    @Override
    public Channel channel() {
        return DevConfig.CHANNEL;
    }

    @Override
    public SendOutcome send(OutboundMessage message) {
        return new SendOutcome.Delivered(List.of("dev-" + message.outboxId()));
    }

    @Override
    public ChannelLimits limits() {
        return new ChannelLimits(100_000, (Duration) null, 0, false);
    }
}
