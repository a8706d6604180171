package dev.baton.whatsapp.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelAdapter;
import dev.baton.core.channel.DeliveryStatus;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.whatsapp.graph.GraphJson;
import dev.baton.whatsapp.graph.WhatsAppAlerts;
import dev.baton.whatsapp.graph.WhatsAppMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import dev.baton.whatsapp.config.WhatsAppConfig;

/**
 * {@code GET|POST /webhooks/whatsapp}. GET answers Meta's verification handshake. POST, in this order: refuses a
 * body over {@link #maxBodyBytes()} (413), checks {@code X-Hub-Signature-256} on the raw bytes (401), parses with a
 * tolerant reader (400 when the JSON is malformed), stores every message through {@link InboundSink#accept} and
 * forwards every status, then answers 200 with an empty body (Meta reads only the status). Nothing is processed
 * inline; a failure to store answers 500 so that Meta delivers again (the store deduplicates on the wamid).
 *
 * <p>Logs carry ids and counts only, never the text of a message or a secret.
 *
 * @see <a href="https://developers.facebook.com/docs/whatsapp/cloud-api/guides/set-up-webhooks">Set up webhooks</a>
 */
public final class WhatsAppWebhookAdapter implements ChannelAdapter {

    /** Meta's documented maximum webhook payload. */
    public static final long MAX_BODY_BYTES = 3L * 1024 * 1024;
    public static final String PATH = "/webhooks/whatsapp";

    private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhookAdapter.class);

    private final VerifyHandshake handshake;
    private final SignatureVerifier signature;
    private final MessageMapper messages;
    private final StatusMapper statuses;
    private final WhatsAppMetrics metrics;
    private final WhatsAppAlerts alerts;
    private final Consumer<List<InboundMessage>> afterAccept;

    /**
     * @param humanButtonLabels the configured "talk to a human" labels (a template quick reply with that text counts
     *                          as a request for a human)
     * @param alerts            where platform errors found in deliveries are raised; the adapter also attaches each
     *                          request's sink to it, so alerts raised while sending reach the engine
     * @param afterAccept       called with the newly stored (non-duplicate) messages after they are accepted, e.g.
     *                          to mark them as read; it must not block and its failures never change the ack
     */
    public WhatsAppWebhookAdapter(String appSecret, String verifyToken, Collection<String> humanButtonLabels,
                                  Clock clock, WhatsAppMetrics metrics, WhatsAppAlerts alerts,
                                  Consumer<List<InboundMessage>> afterAccept) {
        this.handshake = new VerifyHandshake(verifyToken);
        this.signature = new SignatureVerifier(appSecret);
        this.messages = new MessageMapper(humanButtonLabels);
        this.statuses = new StatusMapper(clock);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.afterAccept = afterAccept == null ? m -> { } : afterAccept;
    }

    @Override
    public Channel channel() {
        return WhatsAppConfig.CHANNEL;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public long maxBodyBytes() {
        return MAX_BODY_BYTES;
    }

    @Override
    public WebhookResponse handle(WebhookRequest request, InboundSink sink) {
        if (request.isGet()) {
            WebhookResponse answer = handshake.answer(request);
            metrics.webhook(answer.status() == 200 ? "verified" : "forbidden");
            if (answer.status() != 200) {
                log.warn("whatsapp webhook verification refused (status {})", answer.status());
            }
            return answer;
        }
        if (!request.isPost()) {
            metrics.webhook("method_not_allowed");
            return WebhookResponse.text(405, "method not allowed");
        }
        if (request.body().length > MAX_BODY_BYTES) {
            metrics.webhook("too_large");
            return WebhookResponse.text(413, "payload too large");
        }
        if (!signature.verify(request.body(), request.header(SignatureVerifier.HEADER).orElse(null))) {
            metrics.webhook("bad_signature");
            log.warn("whatsapp webhook refused: {} missing or invalid ({} bytes)", SignatureVerifier.HEADER,
                    request.body().length);
            return WebhookResponse.unauthorized("invalid signature");
        }
        Delivery delivery;
        try {
            delivery = parse(request.body());
        } catch (IOException e) {
            metrics.webhook("malformed");
            log.warn("whatsapp webhook refused: malformed JSON ({})", e.getClass().getSimpleName());
            return WebhookResponse.badRequest("malformed JSON");
        }
        alerts.attach(sink);
        try {
            return deliver(delivery, sink);
        } catch (RuntimeException e) {
            metrics.webhook("error");
            log.error("whatsapp delivery could not be stored; answering 500 so Meta retries", e);
            return WebhookResponse.text(500, "temporarily unavailable");
        }
    }

    private static Delivery parse(byte[] body) throws IOException {
        // straight into the records (no intermediate tree): a non-object root fails the binding as malformed
        Delivery delivery = GraphJson.mapper().readValue(body, Delivery.class);
        if (delivery == null) {
            throw new JsonProcessingException("not a JSON object") { };
        }
        return delivery;
    }

    private WebhookResponse deliver(Delivery delivery, InboundSink sink) {
        if (delivery.object() != null && !Delivery.WHATSAPP_BUSINESS_ACCOUNT.equals(delivery.object())) {
            log.info("whatsapp webhook: ignoring object type {}", delivery.object());
            metrics.webhook("accepted");
            return WebhookResponse.ack();
        }
        List<InboundMessage> inbound = new ArrayList<>();
        List<DeliveryStatus> statusUpdates = new ArrayList<>();
        List<Delivery.Error> errors = new ArrayList<>();
        for (Delivery.Entry entry : delivery.entries()) {
            for (Delivery.Change change : entry.all()) {
                collect(entry, change, inbound, statusUpdates, errors);
            }
        }
        List<InboundMessage> fresh = new ArrayList<>();
        if (!inbound.isEmpty()) {
            List<InboundSink.Receipt> receipts = sink.accept(inbound);
            for (int i = 0; i < inbound.size() && i < receipts.size(); i++) {
                if (!receipts.get(i).duplicate()) {
                    fresh.add(inbound.get(i));
                }
            }
        }
        statusUpdates.sort(Comparator.comparing(DeliveryStatus::at).thenComparing(s -> s.state().rank()));
        statusUpdates.forEach(sink::deliveryStatus);
        for (Delivery.Error e : errors) {
            String reason = e.title() != null ? e.title() : e.message();
            if (e.errorData() != null && e.errorData().details() != null) {
                reason = reason + " (" + e.errorData().details() + ")";
            }
            alerts.raise(e.codeString(), "platform error in a webhook delivery: " + reason);
        }
        metrics.webhook("accepted");
        // per delivery: DEBUG (at INFO, a busy number's acks queued behind the log appender; metrics count them)
        log.debug("whatsapp delivery stored: {} messages ({} new), {} statuses, {} errors", inbound.size(),
                fresh.size(), statusUpdates.size(), errors.size());
        if (!fresh.isEmpty()) {
            try {
                afterAccept.accept(List.copyOf(fresh));
            } catch (RuntimeException e) {
                log.warn("whatsapp after-accept hook failed; the ack is unaffected", e);
            }
        }
        return WebhookResponse.ack();
    }

    private void collect(Delivery.Entry entry, Delivery.Change change, List<InboundMessage> inbound,
                         List<DeliveryStatus> statusUpdates, List<Delivery.Error> errors) {
        Delivery.Value value = change.value();
        if (value == null) {
            return;
        }
        if (change.field() != null && !"messages".equals(change.field())) {
            log.debug("whatsapp webhook: ignoring field {} of entry {}", change.field(), entry.id());
            return;
        }
        for (Delivery.Message m : value.allMessages()) {
            messages.toInbound(m, value).ifPresentOrElse(msg -> {
                inbound.add(msg);
                if (msg.content() instanceof dev.baton.core.channel.InboundContent.Unsupported u) {
                    log.info("whatsapp message {} from entry {} has unsupported type {}{}", m.id(), entry.id(),
                            u.platformType(), m.errors() == null || m.errors().isEmpty() ? ""
                                    : " (error " + m.errors().get(0).codeString() + ")");
                } else {
                    log.debug("whatsapp message {} type {}", m.id(), m.type());
                }
            }, () -> log.warn("whatsapp message without id or sender skipped (entry {}, type {})", entry.id(),
                    m.type()));
        }
        for (Delivery.Status s : value.allStatuses()) {
            statuses.toStatus(s).ifPresentOrElse(statusUpdates::add,
                    () -> log.debug("whatsapp status {} for {} skipped", s.status(), s.id()));
        }
        errors.addAll(value.allErrors());
    }
}
