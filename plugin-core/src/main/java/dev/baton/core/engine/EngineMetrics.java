package dev.baton.core.engine;

import dev.baton.core.channel.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** The engine's meters: messages in and out, turn latency, lane depth, outbox backlog, dead letters. */
public final class EngineMetrics {

    private final MeterRegistry registry;
    private final Timer turnLatency;
    private final AtomicLong outboxBacklog = new AtomicLong();

    public EngineMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.turnLatency = Timer.builder("baton.turn.latency")
                .description("inbound stored to replies stored in the outbox")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        Gauge.builder("baton.outbox.backlog", outboxBacklog, AtomicLong::get)
                .description("replies waiting for delivery").register(registry);
    }

    public void laneDepth(Supplier<Number> depth) {
        Gauge.builder("baton.lanes.queued", depth).description("messages waiting or running in conversation lanes")
                .register(registry);
    }

    public void inbound(Channel channel, boolean duplicate) {
        Counter.builder("baton.messages.in").tag("channel", channel.key())
                .tag("duplicate", Boolean.toString(duplicate)).register(registry).increment();
    }

    public void outbound(Channel channel, String outcome) {
        Counter.builder("baton.messages.out").tag("channel", channel.key()).tag("outcome", outcome)
                .register(registry).increment();
    }

    public void turn(Duration d) {
        turnLatency.record(d);
    }

    public void outboxBacklog(long n) {
        outboxBacklog.set(n);
    }

    public void alert(Channel channel, String code) {
        Counter.builder("baton.channel.alerts").tag("channel", channel.key()).tag("code", code).register(registry)
                .increment();
    }

    public void inboundPurged(int rows) {
        Counter.builder("baton.inbound.purged").description("processed inbound rows deleted after the retention")
                .register(registry).increment(rows);
    }

    public void handoff(String reason) {
        Counter.builder("baton.handoffs").tag("reason", reason).register(registry).increment();
    }

    public MeterRegistry registry() {
        return registry;
    }
}
