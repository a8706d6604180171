package dev.baton.whatsapp.graph;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The channel's counters. Tag values are small fixed sets (results, outcomes, Meta error codes), never ids or text.
 * <ul>
 *   <li>{@code baton.whatsapp.webhook{result}}: verified, forbidden, accepted, bad_signature, malformed,
 *       too_large, method_not_allowed, error</li>
 *   <li>{@code baton.whatsapp.send{outcome}}: delivered, retry, rejected, window_closed, template</li>
 *   <li>{@code baton.whatsapp.alerts{code}}: token errors and platform errors that need an operator</li>
 * </ul>
 */
public final class WhatsAppMetrics {

    private final MeterRegistry registry;

    public WhatsAppMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void webhook(String result) {
        counter("baton.whatsapp.webhook", "result", result).increment();
    }

    public void send(String outcome) {
        counter("baton.whatsapp.send", "outcome", outcome).increment();
    }

    public void alert(String code) {
        counter("baton.whatsapp.alerts", "code", code).increment();
    }

    private Counter counter(String name, String tag, String value) {
        return Counter.builder(name).tag(tag, value).register(registry);
    }
}
