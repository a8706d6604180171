package dev.baton.core.plugin;

import dev.baton.core.state.KeyValueStore;
import dev.baton.core.state.SharedLeases;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.concurrent.ExecutorService;

/**
 * What the composition root gives a channel module when it builds its adapters and senders.
 *
 * @param clock      the clock (injected so tests control time)
 * @param state      durable key-value state (sync cursors and the like), shared by every instance on the database
 * @param background a bounded, named executor for work after the ack (e.g. WeCom {@code sync_msg}); owned and
 *                   shut down by the caller
 * @param meters     metrics registry
 * @param leases     leases shared with the other Baton instances on the same database, for work one instance must
 *                   do at a time (a token refresh, a cursor-based sync); {@link SharedLeases#local()} with one
 */
public record ChannelContext(Clock clock, KeyValueStore state, ExecutorService background, MeterRegistry meters,
                             SharedLeases leases) {

    /** One instance: no other instance shares the work. */
    public ChannelContext(Clock clock, KeyValueStore state, ExecutorService background, MeterRegistry meters) {
        this(clock, state, background, meters, SharedLeases.local());
    }
}
