package dev.baton.core.plugin;

import dev.baton.core.state.KeyValueStore;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.concurrent.ExecutorService;

/**
 * What the composition root gives a channel module when it builds its adapters and senders.
 *
 * @param clock      the clock (injected so tests control time)
 * @param state      durable key-value state (sync cursors and the like)
 * @param background a bounded, named executor for work after the ack (e.g. WeCom {@code sync_msg}); owned and
 *                   shut down by the caller
 * @param meters     metrics registry
 */
public record ChannelContext(Clock clock, KeyValueStore state, ExecutorService background, MeterRegistry meters) {
}
