package dev.baton.core.channel;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Receives one platform's webhook (or, for a channel that talks to a browser or a tool, its HTTP API). Implementations
 * verify the signature on the raw bytes (constant time), decrypt if needed, parse with a tolerant reader, pass the
 * messages to the {@link InboundSink} and return the ack. They never process a message inline: the sink schedules
 * processing after the message is stored.
 *
 * <p>Bad input gets a clear error status (400 malformed, 401/403 bad signature) and no side effects.
 */
public interface ChannelAdapter {

    /** {@link #maxBodyBytes()} for an adapter whose routes take the server's limit, {@code server.max-body-bytes}. */
    long SERVER_LIMIT = 0;

    Channel channel();

    /** The route this adapter serves, e.g. {@code /webhooks/wechat}. */
    String path();

    /**
     * Every route this adapter serves; each request on one of them reaches {@link #handle}. By default GET and POST
     * on {@link #path()}, as platforms verify (GET) and deliver (POST) webhooks. A channel with an HTTP API of its
     * own (the dev channel, a web widget) lists its routes here and tells them apart by {@link WebhookRequest#path()}
     * and {@link WebhookRequest#method()}. Paths are exact (no patterns).
     */
    default List<Route> routes() {
        return List.of(new Route("GET", path()), new Route("POST", path()));
    }

    /**
     * The largest body these routes accept; larger ones are refused with 413 before reaching the adapter.
     * {@link #SERVER_LIMIT} means the server's own limit.
     */
    default long maxBodyBytes() {
        return 1024 * 1024;
    }

    WebhookResponse handle(WebhookRequest request, InboundSink sink);

    /** One HTTP method on one exact path. */
    record Route(String method, String path) {

        private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

        public Route {
            method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                throw new IllegalArgumentException("unsupported HTTP method " + method + "; one of " + METHODS);
            }
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("a route's path starts with /, got " + path);
            }
        }
    }
}
