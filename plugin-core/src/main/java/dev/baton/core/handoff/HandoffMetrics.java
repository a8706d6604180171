package dev.baton.core.handoff;

import dev.baton.core.conversation.HandoffReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts handoffs by main reason ({@code baton_handoffs_total{reason}}), wherever they are opened. */
public final class HandoffMetrics {

    private final MeterRegistry registry;

    public HandoffMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void opened(HandoffReason reason) {
        Counter.builder("baton.handoffs").tag("reason", reason.code()).register(registry).increment();
    }
}
