package dev.baton.app.http;

import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelAdapter;
import dev.baton.core.channel.DeliveryStatus;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.core.plugin.PassiveChannelAdapter;
import dev.baton.core.plugin.PassiveReplies;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.jetbrains.annotations.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bridges Javalin to a {@link ChannelAdapter}: hands over the raw bytes and copies the adapter's answer back. The
 * route's body limit ({@link ChannelAdapter#maxBodyBytes()}) is enforced while the body is read, by
 * {@link BodyLimit}: a body over it never reaches this handler whole. No Javalin type reaches an adapter. An adapter
 * gets the plain {@link InboundSink}, unless it declared that it needs {@link PassiveReplies}
 * ({@link PassiveChannelAdapter}).
 */
final class WebhookRoute implements Handler {

    private static final Logger log = LoggerFactory.getLogger(WebhookRoute.class);

    private final ChannelAdapter adapter;
    private final PassiveReplies engine;
    private final InboundSink sink;

    WebhookRoute(ChannelAdapter adapter, PassiveReplies engine) {
        this.adapter = adapter;
        this.engine = engine;
        this.sink = engine == null ? null : new PlainSink(engine);
    }

    @Override
    public void handle(@NotNull Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : ctx.req().getHeaderNames() == null ? List.<String>of()
                : java.util.Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, java.util.Collections.list(ctx.req().getHeaders(name)));
        }
        WebhookRequest request = new WebhookRequest(ctx.method().name(), ctx.path(), headers, ctx.queryParamMap(),
                body, ctx.req().getRemoteAddr());
        WebhookResponse response;
        try {
            response = adapter instanceof PassiveChannelAdapter passive ? passive.handle(request, engine)
                    : adapter.handle(request, sink);
        } catch (RuntimeException e) {
            // the platform retries on 5xx; the message was not acked, so nothing is lost
            log.warn("{} webhook failed before the ack: {}", adapter.channel().key(), e.getClass().getSimpleName());
            response = WebhookResponse.text(503, "temporarily unavailable");
        }
        ctx.status(response.status());
        response.headers().forEach(ctx::header);
        if (response.streamed()) {
            stream(ctx, response);
            return;
        }
        if (response.body().length > 0) {
            ctx.contentType(response.contentType()).result(response.body());
        } // else nothing to write: Javalin then skips its (compressing) output stream, ~15 % of an ack's CPU
    }

    /** The engine seen through the plain sink only, so that an adapter cannot reach a capability it did not declare. */
    private record PlainSink(InboundSink engine) implements InboundSink {
        @Override
        public List<Receipt> accept(List<InboundMessage> messages) {
            return engine.accept(messages);
        }

        @Override
        public void deliveryStatus(DeliveryStatus status) {
            engine.deliveryStatus(status);
        }

        @Override
        public void alert(Channel channel, String code, String message) {
            engine.alert(channel, code, message);
        }
    }

    /** Sends the status and headers at once, then lets the adapter write (and flush) until it returns. */
    private void stream(Context ctx, WebhookResponse response) {
        ctx.res().setContentType(response.contentType());
        try {
            OutputStream out = ctx.res().getOutputStream();
            ctx.res().flushBuffer();
            response.stream().writeTo(out);
            out.flush();
        } catch (IOException e) {
            log.debug("{} stream on {} ended: {}", adapter.channel().key(), ctx.path(), e.toString()); // client left
        } catch (RuntimeException e) {
            log.warn("{} stream on {} failed: {}", adapter.channel().key(), ctx.path(), e.getClass().getSimpleName());
        }
    }
}
