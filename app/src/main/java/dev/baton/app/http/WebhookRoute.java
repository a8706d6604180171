package dev.baton.app.http;

import dev.baton.core.channel.ChannelAdapter;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.jetbrains.annotations.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bridges Javalin to a {@link ChannelAdapter}: hands over the raw bytes and copies the adapter's answer back. The
 * route's body limit ({@link ChannelAdapter#maxBodyBytes()}) is enforced while the body is read, by
 * {@link BodyLimit}: a body over it never reaches this handler whole. No Javalin type reaches an adapter.
 */
final class WebhookRoute implements Handler {

    private static final Logger log = LoggerFactory.getLogger(WebhookRoute.class);

    private final ChannelAdapter adapter;
    private final InboundSink sink;

    WebhookRoute(ChannelAdapter adapter, InboundSink sink) {
        this.adapter = adapter;
        this.sink = sink;
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
                body);
        WebhookResponse response;
        try {
            response = adapter.handle(request, sink);
        } catch (RuntimeException e) {
            // the platform retries on 5xx; the message was not acked, so nothing is lost
            log.warn("{} webhook failed before the ack: {}", adapter.channel().key(), e.getClass().getSimpleName());
            response = WebhookResponse.text(503, "temporarily unavailable");
        }
        ctx.status(response.status());
        if (response.body().length > 0) {
            ctx.contentType(response.contentType()).result(response.body());
        } // else nothing to write: Javalin then skips its (compressing) output stream, ~15 % of an ack's CPU
    }
}
