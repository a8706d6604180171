package dev.baton.web.live;

import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.channel.SendOutcome;
import dev.baton.core.channel.Sender;
import dev.baton.web.config.WebConfig;

import java.util.List;

/**
 * The web channel's sender. There is no platform to call: a reply is in the transcript once the outbox hands it over,
 * and the widget reads it from there (its stream, its history). So every reply is delivered, and the customer's open
 * streams are woken to push it at once. Nothing to limit: no reply window, no quota, any length (the widget wraps).
 */
public final class WebSender implements Sender {

    private final Wakeups wakeups;

    public WebSender(Wakeups wakeups) {
        this.wakeups = wakeups;
    }

    @Override
    public Channel channel() {
        return WebConfig.CHANNEL;
    }

    @Override
    public SendOutcome send(OutboundMessage message) {
        wakeups.wake(message.customerId());
        return new SendOutcome.Delivered(List.of("web-" + message.outboxId()));
    }

    @Override
    public ChannelLimits limits() {
        return ChannelLimits.unlimited();
    }
}
