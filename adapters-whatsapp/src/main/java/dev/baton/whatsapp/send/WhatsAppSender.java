package dev.baton.whatsapp.send;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.channel.OutboxReference;
import dev.baton.core.channel.SendOutcome;
import dev.baton.core.channel.Sender;
import dev.baton.core.channel.TextSplitter;
import dev.baton.core.state.KeyValueStore;
import dev.baton.whatsapp.config.TemplateConfig;
import dev.baton.whatsapp.config.WhatsAppConfig;
import dev.baton.whatsapp.graph.GraphApiClient;
import dev.baton.whatsapp.graph.GraphError;
import dev.baton.whatsapp.graph.GraphResult;
import dev.baton.whatsapp.graph.HumanButton;
import dev.baton.whatsapp.graph.MessageRequests;
import dev.baton.whatsapp.graph.MessageRequests.ReplyButton;
import dev.baton.whatsapp.graph.WhatsAppAlerts;
import dev.baton.whatsapp.graph.WhatsAppMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Delivers replies through the Cloud API. Called by the outbox worker, which owns retries; this class decides what a
 * reply becomes on WhatsApp and what a failure means:
 * <ul>
 *   <li>Text longer than 4096 characters is split; a multi-part reply remembers which parts left (in the
 *       {@link KeyValueStore}, keyed by outbox id) so a retry does not send them twice.</li>
 *   <li>A bot answer carries the "talk to a human" reply button when {@code human-button} is on; its label follows
 *       the customer's language. Interactive bodies are limited to 1024 characters, so the button rides on the last
 *       part.</li>
 *   <li>Outside the 24-hour window (known from {@code customerLastMessageAt}, or learnt from error 131047) the reply
 *       is not sent: it is {@link SendOutcome.Rejected rejected} with {@code windowClosed}, so agents are warned and
 *       an agent's reply waits in the outbox until the customer writes again. The configured template, if any, goes
 *       out in its place, once per customer until they write again, to invite them back.</li>
 *   <li>A satisfaction request ({@link OutboundMessage.RatingRequest}) becomes an interactive list of the five
 *       scores ({@link RatingList}); outside the window it is dropped, never replaced by the template.</li>
 *   <li>Graph errors map through {@link GraphErrorPolicy}; token errors raise an alert (log and metrics).</li>
 *   <li>Every request of a reply carries its {@link OutboxReference} as {@code biz_opaque_callback_data}, which Meta
 *       echoes in the message's statuses: a reply whose sender died before recording it is confirmed by its "sent"
 *       status instead of being sent twice ({@link #confirmsDeliveries()}). A template sent <em>in place of</em> a
 *       reply (outside the window) carries none: it does not deliver the reply.</li>
 * </ul>
 */
public final class WhatsAppSender implements Sender {

    public static final int MAX_TEXT_CHARS = 4096;

    private static final Logger log = LoggerFactory.getLogger(WhatsAppSender.class);

    private final WhatsAppConfig config;
    private final GraphApiClient client;
    private final KeyValueStore state;
    private final Clock clock;
    private final WhatsAppMetrics metrics;
    private final WhatsAppAlerts alerts;

    public WhatsAppSender(WhatsAppConfig config, GraphApiClient client, KeyValueStore state, Clock clock,
                          WhatsAppMetrics metrics, WhatsAppAlerts alerts) {
        this.config = Objects.requireNonNull(config, "config");
        this.client = Objects.requireNonNull(client, "client");
        this.state = Objects.requireNonNull(state, "state");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
    }

    @Override
    public Channel channel() {
        return WhatsAppConfig.CHANNEL;
    }

    @Override
    public ChannelLimits limits() {
        return new ChannelLimits(MAX_TEXT_CHARS, config.replyWindow(), 0, true);
    }

    /** Meta reports each accepted message with a status that echoes {@code biz_opaque_callback_data}. */
    @Override
    public boolean confirmsDeliveries() {
        return true;
    }

    @Override
    public SendOutcome send(OutboundMessage message) {
        if (message.content() instanceof OutboundMessage.Template t) {
            return sendTemplate(message, t.name(), t.language(), t.parameters(), true);
        }
        if (windowClosed(message)) {
            if (message.content() instanceof OutboundMessage.RatingRequest) {
                return ratingTooLate(message);
            }
            return outsideWindow(message, "window_closed");
        }
        List<ObjectNode> requests;
        try {
            requests = plan(message);
        } catch (IllegalArgumentException e) {
            metrics.send("rejected");
            log.warn("whatsapp reply {} (conversation {}) not sent: {}", message.outboxId(),
                    message.conversationId(), e.getMessage());
            return new SendOutcome.Rejected("invalid_message", e.getMessage(), false);
        }
        return deliver(message, requests);
    }

    /** The Graph requests a reply becomes, in order. */
    List<ObjectNode> plan(OutboundMessage message) {
        String to = message.customerId();
        if (message.content() instanceof OutboundMessage.RatingRequest r) {
            return List.of(RatingList.request(to, r));
        }
        String text = message.content().text() == null ? "" : message.content().text();
        List<ReplyButton> buttons = buttonsFor(message);
        if (text.isBlank()) {
            throw new IllegalArgumentException(buttons.isEmpty() ? "empty reply" : "reply buttons need body text");
        }
        List<String> parts = new ArrayList<>(TextSplitter.byChars(text, MAX_TEXT_CHARS));
        List<ObjectNode> requests = new ArrayList<>();
        if (buttons.isEmpty()) {
            parts.forEach(p -> requests.add(MessageRequests.text(to, p)));
            return requests;
        }
        String last = parts.remove(parts.size() - 1);
        if (last.length() > ReplyButtons.MAX_BODY_CHARS) {
            List<String> small = TextSplitter.byChars(last, ReplyButtons.MAX_BODY_CHARS);
            parts.addAll(small.subList(0, small.size() - 1));
            last = small.get(small.size() - 1);
        }
        parts.forEach(p -> requests.add(MessageRequests.text(to, p)));
        requests.add(MessageRequests.replyButtons(to, last, buttons));
        return requests;
    }

    private List<ReplyButton> buttonsFor(OutboundMessage message) {
        List<OutboundMessage.Button> buttons = new ArrayList<>();
        if (message.content() instanceof OutboundMessage.TextWithButtons twb) {
            ReplyButtons.validate(twb.buttons());
            buttons.addAll(twb.buttons());
        }
        if (message.author() == OutboundMessage.Author.BOT && config.humanButton()) {
            String label = config.humanButtonLabel(message.language());
            boolean present = buttons.stream().anyMatch(b -> HumanButton.ID.equals(b.id()));
            boolean clash = buttons.stream().anyMatch(b -> b.title() != null && b.title().strip().equals(label));
            if (!present && !clash && buttons.size() < ReplyButtons.MAX_BUTTONS) {
                buttons.add(new OutboundMessage.Button(HumanButton.ID, label));
            } else if (!present) {
                log.debug("whatsapp reply {}: no room for the human button", message.outboxId());
            }
        }
        if (!buttons.isEmpty()) {
            ReplyButtons.validate(buttons);
        }
        return buttons.stream().map(b -> new ReplyButton(b.id(), b.title().strip())).toList();
    }

    private SendOutcome deliver(OutboundMessage message, List<ObjectNode> requests) {
        String progressKey = requests.size() > 1 && message.outboxId() > 0
                ? "whatsapp.outbox." + message.outboxId() + ".sent" : null;
        List<String> ids = new ArrayList<>(progressKey == null ? List.of() : sentParts(progressKey));
        for (int i = ids.size(); i < requests.size(); i++) {
            GraphResult result = client.postMessage(referenced(requests.get(i), message, i + 1, requests.size()));
            if (result instanceof GraphResult.Success ok) {
                ids.add(ok.messageIds().isEmpty() ? "" : ok.messageIds().get(0));
                if (progressKey != null) {
                    state.put(progressKey, String.join(",", ids));
                }
                continue;
            }
            SendOutcome failed = failure(message, result);
            if (failed == null) {
                return message.content() instanceof OutboundMessage.RatingRequest ? ratingTooLate(message)
                        : outsideWindow(message, Integer.toString(GraphErrorPolicy.WINDOW_CLOSED_CODE));
            }
            return failed;
        }
        metrics.send("delivered");
        log.debug("whatsapp reply {} delivered in {} message(s)", message.outboxId(), ids.size());
        return new SendOutcome.Delivered(ids.stream().filter(s -> !s.isEmpty()).toList());
    }

    /** Maps a failed call; null means "the window is closed" and the caller decides what to send instead. */
    private SendOutcome failure(OutboundMessage message, GraphResult result) {
        if (result instanceof GraphResult.NetworkFailure nf) {
            metrics.send("retry");
            log.warn("whatsapp reply {} (conversation {}): {} talking to the Graph API; will retry",
                    message.outboxId(), message.conversationId(), nf.reason());
            return new SendOutcome.RetryLater(nf.timeout() ? "timeout" : "network", nf.reason(), Duration.ofSeconds(5));
        }
        GraphResult.Failure f = (GraphResult.Failure) result;
        GraphError e = f.error();
        return switch (GraphErrorPolicy.classify(e)) {
            case WINDOW_CLOSED -> null;
            case RETRY -> {
                metrics.send("retry");
                log.warn("whatsapp reply {} (conversation {}): Graph error {} (HTTP {}); will retry",
                        message.outboxId(), message.conversationId(), e.codeString(), e.httpStatus());
                yield new SendOutcome.RetryLater(e.codeString(), e.reason(), GraphErrorPolicy.retryDelay(e,
                        f.retryAfter()));
            }
            case TOKEN -> {
                metrics.send("rejected");
                alerts.raise("token", "access token rejected by the Graph API (error " + e.codeString() + ", HTTP "
                        + e.httpStatus() + ", fbtrace " + e.fbtraceId() + "): " + e.message()
                        + ". Renew channels.whatsapp.access-token (a system-user token does not expire).");
                yield new SendOutcome.Rejected(e.codeString(), e.reason(), false);
            }
            case REJECT -> {
                metrics.send("rejected");
                log.warn("whatsapp reply {} (conversation {}) rejected: Graph error {} (HTTP {}): {}",
                        message.outboxId(), message.conversationId(), e.codeString(), e.httpStatus(), e.message());
                yield new SendOutcome.Rejected(e.codeString(), e.reason(), false);
            }
        };
    }

    /**
     * A satisfaction request whose window closed before it left is dropped: inviting the customer back with the
     * template only to ask for a rating would be a marketing message, not service.
     */
    private SendOutcome ratingTooLate(OutboundMessage message) {
        metrics.send("window_closed");
        log.info("whatsapp rating request {} (conversation {}) not sent: outside the 24-hour window",
                message.outboxId(), message.conversationId());
        return new SendOutcome.Rejected("window_closed", "outside WhatsApp's 24-hour window; a rating request is "
                + "not worth a template", true);
    }

    private boolean windowClosed(OutboundMessage message) {
        Instant last = message.customerLastMessageAt();
        return last != null && clock.instant().isAfter(last.plus(config.replyWindow()));
    }

    private SendOutcome outsideWindow(OutboundMessage message, String code) {
        TemplateConfig template = config.template();
        if (template == null || template.name() == null || template.name().isBlank()) {
            metrics.send("window_closed");
            log.info("whatsapp reply {} (conversation {}) not sent: outside the 24-hour window and no template "
                    + "configured", message.outboxId(), message.conversationId());
            return new SendOutcome.Rejected(code, "outside WhatsApp's 24-hour window; no template configured "
                    + "(channels.whatsapp.template)", true);
        }
        String key = "whatsapp.template-sent." + message.customerId();
        Instant previous = state.get(key).map(WhatsAppSender::instant).orElse(null);
        Instant last = message.customerLastMessageAt();
        if (previous != null && (last == null || previous.isAfter(last))) {
            metrics.send("window_closed");
            log.info("whatsapp reply {} (conversation {}) not sent: outside the window, template already sent at {}",
                    message.outboxId(), message.conversationId(), previous);
            return new SendOutcome.Rejected(code, "outside WhatsApp's 24-hour window; the template was already "
                    + "sent, waiting for the customer to reply", true);
        }
        SendOutcome outcome = sendTemplate(message, template.name(), template.language(), List.of(), false);
        if (outcome instanceof SendOutcome.Delivered) {
            state.put(key, clock.instant().toString());
            log.info("whatsapp reply {} (conversation {}): outside the 24-hour window, sent template {} instead",
                    message.outboxId(), message.conversationId(), template.name());
            // the customer got the template, not this reply: it is not delivered, and waits if an agent wrote it
            return new SendOutcome.Rejected(code, "outside WhatsApp's 24-hour window; sent template "
                    + template.name() + " to invite the customer back", true);
        }
        return outcome;
    }

    /** {@code isTheReply}: the template is the row's content (not a stand-in for a reply outside the window). */
    private SendOutcome sendTemplate(OutboundMessage message, String name, String language, List<String> params,
                                     boolean isTheReply) {
        ObjectNode request = MessageRequests.template(message.customerId(), name,
                language == null || language.isBlank() ? TemplateConfig.DEFAULT_LANGUAGE : language, params);
        GraphResult result = client.postMessage(isTheReply ? referenced(request, message, 1, 1) : request);
        if (result instanceof GraphResult.Success ok) {
            metrics.send("template");
            return new SendOutcome.Delivered(ok.messageIds());
        }
        SendOutcome failed = failure(message, result);
        return failed != null ? failed
                : new SendOutcome.Rejected(Integer.toString(GraphErrorPolicy.WINDOW_CLOSED_CODE),
                "template refused as outside the window", true);
    }

    /** The request with the reply's outbox reference, which Meta echoes in the message's statuses. */
    private static ObjectNode referenced(ObjectNode request, OutboundMessage message, int part, int parts) {
        return message.outboxId() > 0 ? request.put("biz_opaque_callback_data",
                OutboxReference.of(message.outboxId(), part, parts)) : request;
    }

    private List<String> sentParts(String key) {
        return state.get(key).filter(s -> !s.isEmpty()).map(s -> Arrays.asList(s.split(",", -1))).orElse(List.of());
    }

    private static Instant instant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
