package dev.baton.core.lookup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Micrometer meters per look-up (tag {@code lookup}): {@code baton.lookup.calls} is a timer per {@code outcome}
 * ({@code found}, {@code not_found}, {@code failed}) that gives the calls, their latency and the not-found and
 * failed counts; {@code baton.lookup.errors} counts failures by {@code kind} (timeout, status, network, invalid,
 * circuit_open); {@code baton.lookup.asked} counts questions for a missing parameter, {@code baton.lookup.refused}
 * calls refused before they went out ({@code reason}: identity, limit).
 */
public final class LookupMetrics {

    private final MeterRegistry meters;

    public LookupMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void call(String lookup, String outcome, Duration took) {
        Timer.builder("baton.lookup.calls").description("business look-up calls by outcome")
                .tags("lookup", lookup, "outcome", outcome).register(meters).record(took);
    }

    void error(String lookup, LookupOutcome.Failure kind) {
        Counter.builder("baton.lookup.errors").description("failed business look-up calls by kind")
                .tags("lookup", lookup, "kind", kind.code()).register(meters).increment();
    }

    void asked(String lookup) {
        Counter.builder("baton.lookup.asked").description("questions for a look-up's missing parameter")
                .tags("lookup", lookup).register(meters).increment();
    }

    void refused(String lookup, String reason) {
        Counter.builder("baton.lookup.refused").description("look-up calls refused before they went out")
                .tags("lookup", lookup, "reason", reason).register(meters).increment();
    }
}
