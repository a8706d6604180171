package dev.baton.whatsapp.send;

import dev.baton.core.channel.InboundMessage;
import dev.baton.whatsapp.graph.GraphApiClient;
import dev.baton.whatsapp.graph.GraphResult;
import dev.baton.whatsapp.graph.MessageRequests;
import dev.baton.whatsapp.graph.WhatsAppAlerts;
import dev.baton.whatsapp.graph.WhatsAppMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Marks stored inbound messages as read (the customer sees blue ticks), off the webhook thread on the injected
 * executor. One call per customer per delivery, for their latest message: WhatsApp marks the earlier ones too.
 * Best effort: a failure is logged and counted, never retried, and never affects the webhook's ack.
 *
 * @see <a href="https://developers.facebook.com/docs/whatsapp/cloud-api/guides/mark-message-as-read">Mark messages
 * as read</a>
 */
public final class ReadReceipts {

    private static final Logger log = LoggerFactory.getLogger(ReadReceipts.class);

    private final GraphApiClient client;
    private final Executor executor;
    private final WhatsAppMetrics metrics;
    private final WhatsAppAlerts alerts;
    private final AtomicBoolean closed = new AtomicBoolean();

    public ReadReceipts(GraphApiClient client, Executor executor, WhatsAppMetrics metrics, WhatsAppAlerts alerts) {
        this.client = client;
        this.executor = executor;
        this.metrics = metrics;
        this.alerts = alerts;
    }

    /** Schedules the receipts and returns at once. */
    public void markRead(List<InboundMessage> messages) {
        if (closed.get()) {
            return;
        }
        Map<String, InboundMessage> latest = new LinkedHashMap<>();
        for (InboundMessage m : messages) {
            latest.merge(m.customerId(), m, (a, b) -> b.sentAt().isBefore(a.sentAt()) ? a : b);
        }
        for (InboundMessage m : latest.values()) {
            try {
                executor.execute(() -> markOne(m.platformMessageId()));
            } catch (RejectedExecutionException e) {
                log.debug("whatsapp read receipt for {} skipped: executor busy or shut down", m.platformMessageId());
            }
        }
    }

    /** Stops scheduling new receipts. */
    public void close() {
        closed.set(true);
    }

    private void markOne(String wamid) {
        try {
            GraphResult result = client.postMessage(MessageRequests.markAsRead(wamid));
            if (result instanceof GraphResult.Failure f) {
                metrics.send("read_receipt_failed");
                if (GraphErrorPolicy.classify(f.error()) == GraphErrorPolicy.Kind.TOKEN) {
                    alerts.raise("token", "access token rejected by the Graph API while marking a message as read "
                            + "(error " + f.error().codeString() + "). Renew channels.whatsapp.access-token.");
                } else {
                    log.debug("whatsapp read receipt for {} failed: Graph error {}", wamid, f.error().codeString());
                }
            } else if (result instanceof GraphResult.NetworkFailure nf) {
                metrics.send("read_receipt_failed");
                log.debug("whatsapp read receipt for {} failed: {}", wamid, nf.reason());
            }
        } catch (RuntimeException e) {
            log.debug("whatsapp read receipt for {} failed", wamid, e);
        }
    }
}
