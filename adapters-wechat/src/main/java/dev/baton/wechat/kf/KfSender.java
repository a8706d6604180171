package dev.baton.wechat.kf;

import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.channel.SendOutcome;
import dev.baton.core.channel.Sender;
import dev.baton.core.channel.TextSplitter;
import dev.baton.wechat.api.WxApiException;
import dev.baton.wechat.kf.KfApi.ServiceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import dev.baton.wechat.config.WeComKfConfig;

/**
 * Sends replies with {@code kf/send_msg}. Before sending it reads the session state: while the session is queued
 * for or served by a human on WeCom the bot stays silent ({@code SuppressedByHuman}). A reply within 20 s of
 * {@code enter_session} uses the event's {@code welcome_code} ({@code send_msg_on_event}), the only way to greet a
 * customer who has not written yet. The 48-hour window and the 5-messages-per-customer-message quota are checked
 * locally and reported as {@code Rejected(windowClosed)}, as is errcode 95018 (session state forbids sending).
 * Each part carries a {@code msgid} derived from the outbox id, and parts already delivered are not re-sent.
 */
public final class KfSender implements Sender {

    static final int MAX_TEXT_BYTES = 2048;
    static final Duration REPLY_WINDOW = Duration.ofHours(48);
    private static final Logger log = LoggerFactory.getLogger(KfSender.class);
    private static final Set<Integer> WINDOW_CLOSED = Set.of(95018);
    private static final Set<Integer> TRANSIENT = Set.of(-1, 45009, 45033, 40014, 42001);

    private final KfApi api;
    private final KfSessions sessions;
    private final Clock clock;
    private final Map<Long, Integer> partsDelivered = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Integer> eldest) {
            return size() > 10_000;
        }
    };

    KfSender(KfApi api, KfSessions sessions, Clock clock) {
        this.api = api;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return WeComKfConfig.CHANNEL;
    }

    @Override
    public ChannelLimits limits() {
        return new ChannelLimits(MAX_TEXT_BYTES, REPLY_WINDOW, KfSessions.MAX_SENDS_PER_CUSTOMER_MESSAGE, false);
    }

    @Override
    public SendOutcome send(OutboundMessage message) {
        String kfid = message.channelAccount();
        String user = message.customerId();
        if (kfid == null || kfid.isBlank()) {
            return new SendOutcome.Rejected("no_open_kfid", "the reply has no open_kfid to send from", false);
        }
        String text = render(message.content());
        List<String> parts = TextSplitter.byUtf8Bytes(text, MAX_TEXT_BYTES);
        try {
            Optional<String> welcome = sessions.takeWelcomeCode(kfid, user);
            if (welcome.isPresent()) {
                String id = api.sendTextOnEvent(welcome.get(), msgid(message, 0), parts.get(0));
                return new SendOutcome.Delivered(List.of(id));
            }
            if (message.customerLastMessageAt() != null
                    && message.customerLastMessageAt().plus(REPLY_WINDOW).isBefore(clock.instant())) {
                return new SendOutcome.Rejected("window", "48-hour reply window is over", true);
            }
            ServiceState state = api.serviceState(kfid, user);
            switch (state.state()) {
                case HUMAN -> {
                    return new SendOutcome.SuppressedByHuman("WeCom servicer " + state.servicerUserId() + " is serving");
                }
                case QUEUED -> {
                    return new SendOutcome.SuppressedByHuman("waiting in the WeCom queue pool");
                }
                case ENDED -> {
                    return new SendOutcome.Rejected("session_ended", "the WeCom session has ended", true);
                }
                default -> {
                }
            }
            int done;
            synchronized (partsDelivered) {
                done = partsDelivered.getOrDefault(message.outboxId(), 0);
            }
            if (!sessions.quotaLeft(kfid, user, parts.size() - done)) {
                return new SendOutcome.Rejected("quota", "5 messages per customer message already sent", true);
            }
            List<String> ids = new ArrayList<>();
            for (int i = done; i < parts.size(); i++) {
                ids.add(api.sendText(kfid, user, msgid(message, i), parts.get(i)));
                sessions.sent(kfid, user);
                synchronized (partsDelivered) {
                    partsDelivered.put(message.outboxId(), i + 1);
                }
            }
            synchronized (partsDelivered) {
                partsDelivered.remove(message.outboxId());
            }
            return new SendOutcome.Delivered(ids);
        } catch (WxApiException e) {
            log.warn("wecom-kf: send of outbox {} failed: {}", message.outboxId(), e.getMessage());
            if (e instanceof WxApiException.Transient || TRANSIENT.contains(e.errcode())) {
                return new SendOutcome.RetryLater(String.valueOf(e.errcode()), e.getMessage(), Duration.ofSeconds(15));
            }
            return new SendOutcome.Rejected(String.valueOf(e.errcode()), e.getMessage(),
                    WINDOW_CLOSED.contains(e.errcode()));
        }
    }

    /** {@code msgid}: at most 32 characters of {@code [0-9a-zA-Z_-]}, stable per outbox row and part. */
    private static String msgid(OutboundMessage message, int part) {
        return "baton-" + message.outboxId() + "-" + part;
    }

    private static String render(OutboundMessage.OutboundContent content) {
        if (content instanceof OutboundMessage.TextWithButtons t && !t.buttons().isEmpty()) {
            return t.text() + "\n\n" + t.buttons().stream().map(b -> "【" + b.title() + "】")
                    .collect(Collectors.joining(" "));
        }
        return content.text() == null ? "" : content.text();
    }
}
