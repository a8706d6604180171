package dev.baton.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.channel.ChannelAdapter;
import dev.baton.core.plugin.PassiveReplies;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.servlet.FilterHolder;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The HTTP surface of DESIGN.md §4: the channels' routes (platform webhooks, the dev channel's API and page),
 * {@code /healthz}, {@code /metrics}, and the inbox and REST routes. Each channel's routes have its adapter's body
 * limit (WhatsApp: 3 MB); every other route is limited to {@code server.max-body-bytes}. {@link BodyLimit} answers 413 above the limit while the body
 * is read, whether or not its length was declared.
 */
public final class HttpServer implements AutoCloseable {

    private final Javalin app;

    public HttpServer(String host, long maxBodyBytes, List<ChannelAdapter> adapters, PassiveReplies engine,
                      PrometheusMeterRegistry meters, ObjectMapper json, List<Consumer<Javalin>> extraRoutes) {
        this(host, maxBodyBytes, adapters, engine, meters, json, extraRoutes, List.of());
    }

    /**
     * @param notConfigured webhook paths of installed channels that are not configured ({@code /webhooks/<key>}):
     *                      answered 404 with the config block to add, unless an adapter serves them
     */
    public HttpServer(String host, long maxBodyBytes, List<ChannelAdapter> adapters, PassiveReplies engine,
                      PrometheusMeterRegistry meters, ObjectMapper json, List<Consumer<Javalin>> extraRoutes,
                      List<String> notConfigured) {
        long largest = adapters.stream().mapToLong(ChannelAdapter::maxBodyBytes).max().orElse(0);
        Map<String, Long> routeLimits = new HashMap<>();
        for (ChannelAdapter adapter : adapters) {
            if (adapter.maxBodyBytes() != ChannelAdapter.SERVER_LIMIT) {
                adapter.routes().forEach(r -> routeLimits.put(r.path(), adapter.maxBodyBytes()));
            }
        }
        BodyLimit limit = new BodyLimit(maxBodyBytes, routeLimits);
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = Math.max(maxBodyBytes, largest);
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.jetty.defaultHost = host;
            cfg.jetty.modifyServletContextHandler(h -> h.addFilter(new FilterHolder(limit), "/*",
                    EnumSet.of(DispatcherType.REQUEST)));
        });
        List<String> webhookPaths = adapters.stream().flatMap(a -> a.routes().stream()).map(ChannelAdapter.Route::path)
                .toList();
        for (ChannelAdapter adapter : adapters) {
            WebhookRoute route = new WebhookRoute(adapter, engine);
            for (ChannelAdapter.Route r : adapter.routes()) {
                app.addHttpHandler(HandlerType.valueOf(r.method()), r.path(), route);
            }
        }
        app.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(meters.scrape()));
        for (Consumer<Javalin> routes : extraRoutes) {
            routes.accept(app);
        }
        for (String reserved : notConfigured) {
            if (!webhookPaths.contains(reserved)) {
                app.get(reserved, ctx -> notConfigured(ctx, reserved));
                app.post(reserved, ctx -> notConfigured(ctx, reserved));
            }
        }
        app.exception(BodyLimit.TooLarge.class, (e, ctx) -> ctx.status(HttpStatus.CONTENT_TOO_LARGE)
                .header("Connection", "close").contentType("application/json").result(BodyLimit.json(e)));
        app.exception(Exception.class, (e, ctx) -> {
            ctx.status(500).json(Map.of("error", "internal error"));
            org.slf4j.LoggerFactory.getLogger(HttpServer.class).warn("{} {} failed: {}", ctx.method(), ctx.path(),
                    e.toString());
        });
    }

    private static void notConfigured(io.javalin.http.Context ctx, String path) {
        String channel = path.substring(path.lastIndexOf('/') + 1);
        ctx.status(404).result("the " + channel + " channel is not configured; add channels." + channel
                + " to baton.yaml");
    }

    public HttpServer start(int port) {
        app.start(port);
        return this;
    }

    public int port() {
        return app.port();
    }

    public Javalin javalin() {
        return app;
    }

    @Override
    public void close() {
        app.stop();
    }
}
