package dev.baton.core.plugin;

import dev.baton.core.channel.ChannelAdapter;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;

/**
 * An adapter that needs {@link PassiveReplies}: its answer to a request carries the replies (WeChat passive mode,
 * the dev channel) or depends on what the turn did (WeChat's transfer to its own 客服 system). Implementing this
 * interface is how a channel declares the capability; the host then calls {@link #handle(WebhookRequest,
 * PassiveReplies)}.
 */
public interface PassiveChannelAdapter extends ChannelAdapter {

    WebhookResponse handle(WebhookRequest request, PassiveReplies replies);

    /** Hosts give a passive adapter its capability; a host holding only a plain sink cannot serve this adapter. */
    @Override
    default WebhookResponse handle(WebhookRequest request, InboundSink sink) {
        if (sink instanceof PassiveReplies replies) {
            return handle(request, replies);
        }
        throw new IllegalStateException("the " + channel().key() + " channel needs passive replies; its host gave "
                + "only an InboundSink");
    }
}
