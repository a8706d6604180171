package dev.baton.web.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.Supplier;

/**
 * The web channel's own meters, next to the engine's per-channel ones ({@code baton.messages.in{channel="web"}}…):
 * {@code baton.web.sessions{kind=new|returning|verified}}, {@code baton.web.refused{reason=origin|rate|token|identity}}
 * and the gauge {@code baton.web.streams} (live connections open now).
 */
final class WebMetrics {

    private final MeterRegistry registry;

    WebMetrics(MeterRegistry registry, Supplier<Number> openStreams) {
        this.registry = registry;
        Gauge.builder("baton.web.streams", openStreams).description("web widget streams open now").register(registry);
    }

    void session(String kind) {
        Counter.builder("baton.web.sessions").tag("kind", kind).register(registry).increment();
    }

    void refused(String reason) {
        Counter.builder("baton.web.refused").tag("reason", reason).register(registry).increment();
    }
}
