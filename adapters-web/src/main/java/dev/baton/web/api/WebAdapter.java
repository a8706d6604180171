package dev.baton.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.core.plugin.PassiveChannelAdapter;
import dev.baton.core.plugin.PassiveReplies;
import dev.baton.web.config.RateLimits;
import dev.baton.web.config.WebConfig;
import dev.baton.web.guard.ClientAddress;
import dev.baton.web.guard.Origins;
import dev.baton.web.guard.RateLimiter;
import dev.baton.web.identity.Visitor;
import dev.baton.web.identity.VisitorTokens;
import dev.baton.web.live.StreamSlots;
import dev.baton.web.live.Wakeups;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The web chat's HTTP side: {@code GET /widget.js} and the widget's API under {@code /api/web/} (all {@code POST}
 * with a JSON body, each with its CORS preflight). Every API call passes, in order: the origin check (refused
 * without a trace for the caller when the site is not allowed), the per-address limit, a JSON body, and (except to
 * start a session) the visitor's token; only then does a handler run, and a refused call has changed nothing.
 *
 * <p>A {@link PassiveChannelAdapter}: it reads the visitor's transcript and conversation state to show them, through
 * the engine's {@link PassiveReplies}; it never writes to the store itself.
 */
public final class WebAdapter implements PassiveChannelAdapter {

    public static final String WIDGET = "/widget.js";
    public static final String API = "/api/web";
    static final String SESSION = API + "/session";
    static final String MESSAGES = API + "/messages";
    static final String CALLBACK = API + "/callback";
    static final String RATING = API + "/rating";
    static final String HISTORY = API + "/history";
    static final String STREAM = API + "/stream";
    static final List<String> CALLS = List.of(SESSION, MESSAGES, CALLBACK, RATING, HISTORY, STREAM);

    private static final Logger log = LoggerFactory.getLogger(WebAdapter.class);

    /** Streams per visitor (tabs and devices together). */
    static final int STREAMS_PER_VISITOR = 4;
    /** Rate-limit buckets kept per kind; beyond, the least recently used are forgotten. */
    static final int MAX_BUCKETS = 100_000;

    /**
     * How long a stream stays open before the widget reconnects, and how often it reads the store when nothing woke
     * it.
     */
    public record StreamTiming(Duration life, Duration poll) {
        public static final StreamTiming DEFAULT = new StreamTiming(Duration.ofSeconds(50), Duration.ofSeconds(2));
    }

    /** The parts the adapter dispatches to; {@code perAddress} limits every API call by client address. */
    record Parts(WebConfig config, Origins origins, ClientAddress address, RateLimiter perAddress,
                 VisitorTokens tokens, SessionApi session, MessageApi messages, StreamApi stream,
                 WidgetAsset widget, WebMetrics metrics) {
    }

    private final Parts p;

    WebAdapter(Parts parts) {
        this.p = parts;
    }

    /**
     * The adapter for a validated config.
     *
     * @param wakeups what the channel's sender wakes when a reply is written
     */
    public static WebAdapter create(WebConfig config, VisitorTokens tokens, Wakeups wakeups, Clock clock,
                                    MeterRegistry meters, StreamTiming timing) {
        StreamSlots slots = new StreamSlots(config.maxStreams(), STREAMS_PER_VISITOR);
        WebMetrics metrics = new WebMetrics(meters, slots::open);
        RateLimits limits = config.rateLimits();
        return new WebAdapter(new Parts(config, new Origins(config.allowedOrigins()),
                new ClientAddress(config.addressHeader()),
                new RateLimiter(limits.requestsPerMinute(), Duration.ofMinutes(1), MAX_BUCKETS, clock), tokens,
                new SessionApi(config, tokens, new RateLimiter(limits.visitorsPerHour(), Duration.ofHours(1),
                        MAX_BUCKETS, clock), new SecureRandom(), metrics),
                new MessageApi(config, new RateLimiter(limits.messagesPerMinute(), Duration.ofMinutes(1), MAX_BUCKETS,
                        clock), metrics, clock),
                new StreamApi(slots, wakeups, timing.life(), timing.poll()), new WidgetAsset(), metrics));
    }

    @Override
    public Channel channel() {
        return WebConfig.CHANNEL;
    }

    @Override
    public String path() {
        return API;
    }

    @Override
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>(List.of(new Route("GET", WIDGET)));
        for (String call : CALLS) {
            routes.add(new Route("POST", call));
            routes.add(new Route("OPTIONS", call));
        }
        return routes;
    }

    /** Room for the longest message (four bytes a character at worst) and the JSON around it. */
    @Override
    public long maxBodyBytes() {
        return p.config().maxTextChars() * 4L + 4096;
    }

    @Override
    public WebhookResponse handle(WebhookRequest request, PassiveReplies sink) {
        if (WIDGET.equals(request.path())) {
            return p.widget().response();
        }
        Optional<String> origin = p.origins().allowedOrigin(request);
        if (origin.isEmpty()) {
            p.metrics().refused("origin");
            log.debug("web: {} {} refused: origin {} is not allowed", request.method(), request.path(),
                    request.header("Origin").orElse("(none)"));
            return Json.error(403, "this site may not use the chat: add its origin to channels.web.allowed-origins");
        }
        if ("OPTIONS".equals(request.method())) {
            return Origins.preflight(origin.get());
        }
        WebhookResponse response;
        try {
            response = call(request, sink);
        } catch (Refusal r) {
            response = Json.error(r.status(), r.getMessage());
        } catch (RateLimited r) {
            response = Json.tooMany(r.what(), r.waitFor());
        } catch (RuntimeException e) {
            // nothing was acknowledged: the widget sends again with the same id, and a copy is recognised
            log.warn("web: {} failed: {}", request.path(), e.toString());
            response = Json.error(503, "temporarily unavailable; try again");
        }
        return Origins.allow(response, origin.get());
    }

    private WebhookResponse call(WebhookRequest request, PassiveReplies sink) {
        String address = p.address().of(request);
        p.perAddress().take(address).ifPresent(wait -> {
            p.metrics().refused("rate");
            throw new RateLimited("requests from this address", wait);
        });
        String type = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw new Refusal(415, "send JSON (Content-Type: application/json)");
        }
        ObjectNode body = Json.object(request);
        if (SESSION.equals(request.path())) {
            return Json.ok(p.session().open(body, address, sink));
        }
        Visitor visitor = visitor(request);
        return switch (request.path()) {
            case MESSAGES -> Json.ok(p.messages().message(visitor, body, sink));
            case CALLBACK -> Json.ok(p.messages().callback(visitor, body, sink));
            case RATING -> Json.ok(p.messages().rating(visitor, body, sink));
            case HISTORY -> Json.ok(p.messages().history(visitor, sink));
            case STREAM -> p.stream().open(visitor, request, Optional.ofNullable(Json.number(body, "after"))
                    .orElse(0L), sink);
            default -> throw new Refusal(404, "no such call: " + request.path());
        };
    }

    private Visitor visitor(WebhookRequest request) {
        String auth = request.header("Authorization").orElse("");
        String token = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
        return p.tokens().verify(token).orElseThrow(() -> {
            p.metrics().refused("token");
            return new Refusal(401, "no valid token: start a session first (POST " + SESSION + ")");
        });
    }
}
