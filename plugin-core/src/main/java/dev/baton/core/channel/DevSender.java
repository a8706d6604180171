package dev.baton.core.channel;

import java.time.Duration;
import java.util.List;

/**
 * The dev channel's sender: there is no platform, so a reply is "delivered" once stored. {@code baton chat}, the
 * dev web chat and {@code POST /api/dev/messages} read replies from the outbox.
 */
public final class DevSender implements Sender {

    @Override
    public Channel channel() {
        return Channel.DEV;
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
