package dev.baton.whatsapp.graph;

import dev.baton.core.channel.InboundSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import dev.baton.whatsapp.config.WhatsAppConfig;

/**
 * Raises an operator alert: an {@code ALERT} log line, the {@code baton.whatsapp.alerts{code}} counter, and
 * {@link InboundSink#alert} so the engine can surface it. The sender has no sink of its own (the {@code Sender} SPI
 * does not pass one), so the webhook adapter {@linkplain #attach(InboundSink) attaches} the sink it is given and
 * alerts raised while sending reach it from then on. Messages never contain a secret.
 */
public final class WhatsAppAlerts {

    private static final Logger log = LoggerFactory.getLogger(WhatsAppAlerts.class);

    private final WhatsAppMetrics metrics;
    private final AtomicReference<InboundSink> sink = new AtomicReference<>();

    public WhatsAppAlerts(WhatsAppMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Remembers the engine's sink (the app hands the adapter the same one on every request). */
    public void attach(InboundSink inboundSink) {
        if (inboundSink != null) {
            sink.set(inboundSink);
        }
    }

    public void raise(String code, String message) {
        metrics.alert(code);
        log.error("ALERT whatsapp {}: {}", code, message);
        InboundSink target = sink.get();
        if (target != null) {
            try {
                target.alert(WhatsAppConfig.CHANNEL, code, message);
            } catch (RuntimeException e) {
                log.warn("whatsapp alert {} could not be passed to the engine", code, e);
            }
        }
    }
}
